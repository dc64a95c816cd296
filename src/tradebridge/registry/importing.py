"""Reading an uploaded delegation list (a list of enterprises) into a checked preview.

Pure Python (no Django ORM or HTTP).  :func:`parse_delegation_list` takes the uploaded bytes
and the file name and returns an :class:`ImportPreview`; the import is **all or nothing**: a
preview with any :class:`RowError` carries no rows at all (``committable`` is false), so a caller
cannot save part of a list by mistake.  Problems with the file as a whole (format, encoding,
size, no header, missing required columns) raise :class:`ImportFileError` instead.  Messages are
built in the active language (the uploader's; English where Django is not set up); field keys
stay canonical and :func:`field_label` gives their English label, the msgid to translate.

Formats
    ``.xlsx`` (first sheet, or the one named by ``sheet``; formulas are read as the values
    Excel last computed) and ``.csv``.  CSV encodings: UTF-8 with or without BOM, UTF-16 with
    BOM, and Windows-1258 (legacy Vietnamese Windows; its combining tone marks are recomposed
    to NFC).  The legacy font encodings TCVN3 (ABC) and VNI are refused: they cannot be told
    apart from Latin-1 reliably.  The delimiter (``,`` ``;`` or tab) is the one under which
    a header row is found.

Columns
    Titles in English, Vietnamese, Lao or Chinese, matched without regard to case, diacritics,
    spaces and punctuation (``Tên doanh nghiệp (*)``, ``ຊື່``, ``企业名称``).  Bilingual titles
    such as ``Tên doanh nghiệp / Company name`` are understood.  Title rows above the header
    are skipped; line numbers are those of the spreadsheet (the header is line 1 when there is
    no title above it).  ``name`` and ``country`` are required; unknown columns are reported as
    warnings.

Values
    Country as ISO 3166 alpha-3, alpha-2 or a name in one of the four languages (through
    ``country_lookup``, then a built-in table of the region); province through
    ``province_lookup`` when given; e-mail addresses validated; phone numbers reduced to their
    digits with a leading ``+`` where one was typed; HS codes through
    :func:`~tradebridge.catalog.resolve.normalize_hs`; offers and needs split on ``;`` or line
    breaks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any

from tradebridge.catalog.resolve import normalize_hs
from tradebridge.core.pure_i18n import gettext_noop
from tradebridge.core.pure_i18n import translate as _
from tradebridge.core.text import fold

__all__ = [
    "ACCEPTED_ENCODINGS",
    "FIELDS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ImportFileError",
    "ImportPreview",
    "ImportRow",
    "RowError",
    "decode_csv",
    "default_country_lookup",
    "field_label",
    "header_key",
    "map_columns",
    "parse_delegation_list",
]



MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# Lines scanned (blank ones included) per allowed data row: a guard against sheets with a
# million formatted empty rows, or a zip bomb, without refusing lists with a few gaps.
LINES_PER_ROW = 5
MAX_COLUMNS = 200  # cells beyond this are never read
HEADER_SEARCH_LINES = 10  # title rows tolerated above the header

ACCEPTED_ENCODINGS = gettext_noop(
    "UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1258 (Vietnamese)")

# Lengths as in the registry's models and forms.
MAX_NAME = 255
MAX_TEXT = 255
MAX_ITEM = 300
MAX_IDENTIFIER = 40
MAX_WEBSITE = 200

Lookup = Callable[[str], "str | None"]
ProvinceLookup = Callable[[str, str], "str | None"]


def _visible(text: str) -> str:
    """A value as shown in a message: invisible characters escaped as ``repr`` does (``\\t``)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _quoted(text: str) -> str:
    """An item of a list shown in a message."""
    return f"“{_visible(text)}”"


# English labels of the canonical field keys as shown to people (msgids: translated on display).
_FIELD_LABELS: dict[str, str] = {
    "name": gettext_noop("name"),
    "name_en": gettext_noop("name (English)"),
    "country": gettext_noop("country"),
    "province": gettext_noop("province"),
    "identifier": gettext_noop("identifier"),
    "phone": gettext_noop("phone"),
    "email": gettext_noop("e-mail"),
    "website": gettext_noop("website"),
    "address": gettext_noop("address"),
    "kind": gettext_noop("kind"),
    "sector": gettext_noop("sector"),
    "offers": gettext_noop("offers"),
    "needs": gettext_noop("needs"),
    "hs": gettext_noop("HS codes"),
}


def field_label(key: str) -> str:
    """The English label of a canonical field key (``"hs"`` → ``"HS codes"``), untranslated:
    pass it through gettext (or ``{% translate %}``) where it is shown."""
    return _FIELD_LABELS.get(key, key)


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message names the file and says why."""

    def __init__(self, filename: str, reason: str) -> None:
        self.filename = filename
        self.reason = reason
        super().__init__(_("%(file)s: %(reason)s") % {"file": filename, "reason": reason})


@dataclass(frozen=True)
class RowError:
    """A refused value: spreadsheet ``line``, canonical ``field`` (see :data:`FIELDS`), reason
    (already in the language of the person importing)."""

    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return _("line %(line)s, %(field)s: %(reason)s") % {
            "line": self.line, "field": _(field_label(self.field)), "reason": self.reason}


@dataclass(frozen=True)
class ImportRow:
    """One enterprise of the list, its values normalised.

    ``country`` is the ISO alpha-3 code; ``province`` what ``province_lookup`` returned (a
    province code) or, without a lookup, the text as typed; ``raw`` maps each column title of
    the file to the cell's text as read.  Empty optional values are ``""`` or ``()``.
    """

    line: int
    name: str
    country: str
    name_en: str = ""
    province: str = ""
    identifier: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    website: str = ""
    address: str = ""
    kind: str = ""
    sector: str = ""
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    hs_codes: tuple[str, ...] = ()
    raw: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def phone(self) -> str:
        return self.phones[0] if self.phones else ""

    @property
    def email(self) -> str:
        return self.emails[0] if self.emails else ""

    @property
    def names(self) -> list[str]:
        """The row's names: its own, then the English one when given."""
        return [self.name, self.name_en] if self.name_en else [self.name]


@dataclass(frozen=True)
class ImportPreview:
    """The checked list.  ``rows`` is empty whenever ``errors`` is not (all or nothing);
    ``row_count`` is the number of data rows read either way."""

    rows: list[ImportRow]
    errors: list[RowError]
    warnings: list[str]
    row_count: int = 0

    @property
    def committable(self) -> bool:
        return not self.errors and bool(self.rows)


# --- Column titles -----------------------------------------------------------------------------

# Canonical field → accepted titles (any case, with or without diacritics, spaces or punctuation).
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "company name", "company", "enterprise", "enterprise name", "organisation",
        "organization", "organisation name", "organization name", "business name",
        "tên", "tên doanh nghiệp", "tên công ty", "tên tổ chức", "tên đơn vị", "doanh nghiệp",
        "tên dn", "đơn vị",
        "ຊື່", "ຊື່ບໍລິສັດ", "ຊື່ວິສາຫະກິດ", "ຊື່ອົງກອນ", "ຊື່ຫົວໜ່ວຍ",
        "企业名称", "公司名称", "单位名称", "名称", "企业", "公司", "企业名",
    ),
    "name_en": (
        "english name", "name in english", "name english", "name en", "tên tiếng anh",
        "tên giao dịch", "tên giao dịch quốc tế", "tên quốc tế",
        "ຊື່ພາສາອັງກິດ", "ຊື່ເປັນພາສາອັງກິດ", "英文名称", "英文名",
    ),
    "country": (
        "country", "nation", "country code", "quốc gia", "nước", "ປະເທດ", "国家", "国别", "国家地区",
    ),
    "province": (
        "province", "province city", "state", "region", "tỉnh", "tỉnh thành", "tỉnh thành phố",
        "tỉnh tp", "địa phương", "ແຂວງ", "ແຂວງນະຄອນ", "省份", "省", "省市", "所在省份", "地区",
    ),
    "identifier": (
        "tax code", "tax id", "tax number", "tin", "identifier", "id", "registration number",
        "business registration number", "enterprise code", "enterprise number", "uscc",
        "unified social credit code", "mã số thuế", "mst", "mã số doanh nghiệp", "mã doanh nghiệp",
        "số đăng ký kinh doanh", "mã số", "ເລກທະບຽນ", "ເລກທະບຽນວິສາຫະກິດ", "ເລກປະຈຳຕົວຜູ້ເສຍອາກອນ",
        "统一社会信用代码", "信用代码", "税号", "纳税人识别号", "注册号",
    ),
    "phone": (
        "phone", "telephone", "tel", "phone number", "mobile", "điện thoại", "số điện thoại", "sđt",
        "đt", "ເບີໂທ", "ເບີໂທລະສັບ", "ໂທລະສັບ", "电话", "联系电话", "手机", "电话号码",
    ),
    "email": (
        "email", "e-mail", "mail", "email address", "thư điện tử", "địa chỉ email", "ອີເມວ", "ອີເມລ",
        "邮箱", "电子邮箱", "电子邮件",
    ),
    "website": ("website", "web", "url", "trang web", "trang thông tin điện tử", "ເວັບໄຊ", "ເວັບໄຊທ໌",
                "网站", "网址"),
    "address": ("address", "địa chỉ", "ທີ່ຢູ່", "地址"),
    "kind": ("kind", "type", "organisation type", "organization type", "loại hình",
             "loại hình doanh nghiệp", "loại", "ປະເພດ", "类型", "企业类型"),
    "sector": ("sector", "industry", "field", "ngành", "ngành nghề", "lĩnh vực", "ຂະແໜງ", "ຂະແໜງການ",
               "行业", "所属行业"),
    "offers": (
        "offers", "offer", "products", "products offered", "supply", "supplies", "sản phẩm",
        "sản phẩm cung cấp", "sản phẩm chính", "ສິນຄ້າ", "ສິນຄ້າສະໜອງ", "供应产品", "产品", "主要产品",
    ),
    "needs": (
        "needs", "need", "demand", "wants", "purchase needs", "nhu cầu", "nhu cầu mua",
        "ຄວາມຕ້ອງການ", "采购需求", "需求",
    ),
    "hs": ("hs", "hs code", "hs codes", "mã hs", "ລະຫັດ hs", "hs编码", "海关编码"),
    # Serial-number columns are common in agency lists: read and ignored, never warned about.
    "_serial": ("no", "stt", "số tt", "#", "ລຳດັບ", "ລ/ດ", "序号"),
}
FIELDS = tuple(name for name in _HEADER_ALIASES if not name.startswith("_"))
REQUIRED = ("name", "country")

# Lao spellings typed with separate characters for the ligatures and for sara am.
_LAO_VARIANTS = (("\u0eab\u0e99", "\u0edc"), ("\u0eab\u0ea1", "\u0edd"), ("\u0ecd\u0eb2", "\u0eb3"))


def _lao_canonical(text: str) -> str:
    for typed, canonical in _LAO_VARIANTS:
        text = text.replace(typed, canonical)
    return text


def header_key(title: str) -> str:
    """The comparison key of a column title or a short value: folded (case and Vietnamese
    diacritics removed), Lao spelling variants unified, and everything but letters, digits and
    combining marks dropped (``"Tên doanh nghiệp (*)"`` → ``"tendoanhnghiep"``)."""
    folded = _lao_canonical(fold(title))
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LNM")


_ALIAS_TO_FIELD: dict[str, str] = {
    header_key(alias): name for name, aliases in _HEADER_ALIASES.items() for alias in aliases
}
_TITLE_PARTS = re.compile(r"[/|\n()\[\]（）]+")


def _field_of_title(title: str) -> str | None:
    key = header_key(title)
    if not key:
        return None
    found = _ALIAS_TO_FIELD.get(key)
    if found is not None:
        return found
    # "Tên doanh nghiệp / Company name", "Mã số thuế (MST)": the first part that is a title.
    for part in _TITLE_PARTS.split(title):
        found = _ALIAS_TO_FIELD.get(header_key(part))
        if found is not None:
            return found
    return None


def map_columns(titles: Sequence[str]) -> tuple[dict[str, int], list[int]]:
    """``(field → column index, indices of unknown non-empty titles)`` for a header row.

    Raises :class:`ValueError` when two columns map to the same field.
    """
    mapping: dict[str, int] = {}
    unknown: list[int] = []
    for index, title in enumerate(titles):
        if not title.strip():
            continue
        name = _field_of_title(title)
        if name is None:
            unknown.append(index)
        elif name in mapping:
            raise ValueError(_(
                "columns “%(first)s” and “%(second)s” are both read as “%(field)s”; "
                "rename or remove one of them"
            ) % {"first": _visible(titles[mapping[name]]), "second": _visible(title),
                 "field": _(field_label(name))})
        else:
            mapping[name] = index
    mapping.pop("_serial", None)
    return mapping, unknown


# --- Values ------------------------------------------------------------------------------------

_BUILTIN_COUNTRIES: dict[str, tuple[str, ...]] = {
    "VNM": ("VNM", "VN", "Vietnam", "Viet Nam", "Việt Nam", "Socialist Republic of Viet Nam",
            "ຫວຽດນາມ", "越南"),
    "LAO": ("LAO", "LA", "Laos", "Lao PDR", "Lao People's Democratic Republic", "Lào", "ລາວ",
            "ສປປ ລາວ", "老挝", "寮国"),
    "CHN": ("CHN", "CN", "China", "PRC", "People's Republic of China", "Trung Quốc", "ຈີນ", "中国",
            "中华人民共和国"),
    "THA": ("THA", "TH", "Thailand", "Thái Lan", "ໄທ", "泰国"),
    "KHM": ("KHM", "KH", "Cambodia", "Campuchia", "ກຳປູເຈຍ", "柬埔寨"),
    "MMR": ("MMR", "MM", "Myanmar", "Burma", "Mi-an-ma", "ມຽນມາ", "缅甸"),
}
_COUNTRY_KEYS = {header_key(alias): code for code, aliases in _BUILTIN_COUNTRIES.items()
                 for alias in aliases}


def default_country_lookup(text: str) -> str | None:
    """ISO alpha-3 code of a country of the region (Vietnam, Laos, China and their neighbours)
    written as alpha-3, alpha-2 or a name in English, Vietnamese, Lao or Chinese."""
    return _COUNTRY_KEYS.get(header_key(text))


_KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "enterprise": ("enterprise", "company", "business", "doanh nghiệp", "công ty", "dn",
                   "ວິສາຫະກິດ", "ບໍລິສັດ", "企业", "公司"),
    "cooperative": ("cooperative", "co-operative", "craft village", "hợp tác xã", "htx",
                    "làng nghề", "ສະຫະກອນ", "合作社"),
    "association": ("association", "hiệp hội", "hội", "ສະມາຄົມ", "协会", "商会"),
    "agency": ("agency", "government agency", "cơ quan", "cơ quan nhà nước", "ອົງການ", "政府机构",
               "机构"),
    "research": ("research", "research institute", "viện", "viện nghiên cứu", "ສະຖາບັນ", "研究所",
                 "研究院"),
}
_KIND_KEYS = {header_key(alias): kind for kind, aliases in _KIND_ALIASES.items() for alias in aliases}

_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}"
)
_EMAIL_SPLIT = re.compile(r"[;,\s]+")
_PHONE_SPLIT = re.compile(r"[;,/\n]+")
_PHONE_ALLOWED = re.compile(r"\+?[0-9 ().\-]+")
_LIST_SPLIT = re.compile(r"[;\n]+")
_HS_SPLIT = re.compile(r"[;,/\n]+")
_WEBSITE = re.compile(r"https?://[^\s/?#.]+(?:\.[^\s/?#.]+)+(?:[/?#]\S*)?", re.IGNORECASE)


def _clean(text: str) -> str:
    """NFC with whitespace runs collapsed (cp1258 text arrives with combining tone marks)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class _ValueError(ValueError):
    """A refused cell value; its message is the reason shown to the person importing."""


def _parse_emails(text: str) -> tuple[str, ...]:
    found = []
    for part in _EMAIL_SPLIT.split(text):
        if not part:
            continue
        address = part.removeprefix("mailto:")
        if len(address) > 254 or not _EMAIL.fullmatch(address):
            raise _ValueError(_("“%(value)s” is not a valid e-mail address") % {"value": _visible(part)})
        local, _at, domain = address.rpartition("@")
        found.append(f"{local}@{domain.lower()}")
    return tuple(found)


def _parse_phones(text: str) -> tuple[str, ...]:
    found = []
    for part in _PHONE_SPLIT.split(unicodedata.normalize("NFKC", text)):
        part = part.strip()
        if not part:
            continue
        if not _PHONE_ALLOWED.fullmatch(part):
            raise _ValueError(_("“%(value)s” is not a phone number (digits, spaces, + ( ) . - only)")
                              % {"value": _visible(part)})
        digits = re.sub(r"[^0-9]", "", part)
        if not 6 <= len(digits) <= 15:
            raise _ValueError(_("“%(value)s” has %(count)s digits; a phone number has 6 to 15")
                              % {"value": _visible(part), "count": len(digits)})
        found.append(("+" if part.startswith("+") else "") + digits)
    return tuple(found)


def _hs_from_number(text: str) -> str:
    """An HS code typed into a number cell, which lost its leading zero (0910 → 910, 0910.10 →
    910.1); HS codes have 2, 4 or 6 digits, so the zero is put back."""
    head, dot, tail = text.partition(".")
    if not head.isdigit() or (dot and not tail.isdigit()):
        return text
    if dot and len(head) <= 4 and len(tail) <= 2:
        return head.zfill(4) + tail.ljust(2, "0")
    return "0" + text if not dot and len(head) % 2 == 1 else text


def _parse_hs(text: str, numeric: bool) -> tuple[str, ...]:
    codes: list[str] = []
    for part in _HS_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        if numeric:
            part = _hs_from_number(part)
        try:
            code = normalize_hs(part)
        except ValueError:
            # normalize_hs refuses only the shape (its English message is for developers).
            raise _ValueError(_("invalid HS code “%(code)s”: expected 2, 4 or 6 digits, such as 09, 0910 or "
                                "0910.11") % {"code": _visible(part)}) from None
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def _parse_items(text: str) -> tuple[str, ...]:
    items = tuple(item for item in (_clean(part) for part in _LIST_SPLIT.split(text)) if item)
    for item in items:
        if len(item) > MAX_ITEM:
            raise _ValueError(_("an item is %(length)s characters long; at most %(limit)s")
                              % {"length": len(item), "limit": MAX_ITEM})
    return items


def _parse_website(text: str) -> str:
    url = text if re.match(r"[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) else f"https://{text}"
    if len(url) > MAX_WEBSITE or not _WEBSITE.fullmatch(url):
        raise _ValueError(_("“%(value)s” is not a web address") % {"value": _visible(text)})
    return url


def _parse_identifier(text: str) -> str:
    # Canonical forms are checked per scheme when the row is saved; here only the shape.
    value = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if len(value) > MAX_IDENTIFIER:
        raise _ValueError(_("“%(value)s” is longer than %(limit)s characters")
                          % {"value": _visible(text), "limit": MAX_IDENTIFIER})
    if not any(ch.isalnum() for ch in value):
        raise _ValueError(_("“%(value)s” contains no letter or digit") % {"value": _visible(text)})
    return value


def _limited(text: str, limit: int) -> str:
    value = _clean(text)
    if len(value) > limit:
        raise _ValueError(_too_long(value, limit))
    return value


def _too_long(value: str, limit: int) -> str:
    return _("%(length)s characters long; at most %(limit)s") % {"length": len(value), "limit": limit}


# --- Decoding and reading ---------------------------------------------------------------------

_VIETNAMESE_LETTERS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# TCVN3 (ABC) puts the Vietnamese vowels on bytes that Latin-1 and Windows-1258 read as the
# symbols ¡..¿ (C«ng ty G«m B¸t Trµng): such a byte between letters gives it away.
_TCVN3_INSIDE_WORD = re.compile(rb"[A-Za-z][\xa1-\xbf]|[\xa1-\xbf][A-Za-z]")


def _looks_vietnamese(text: str) -> bool:
    for index, ch in enumerate(text):
        if ch in _VIETNAMESE_LETTERS:
            return True
        if ch in _TONE_MARKS and index and text[index - 1].isalpha():
            return True
    return False


def decode_csv(data: bytes, filename: str) -> str:
    """Text of a CSV upload in NFC; :class:`ImportFileError` for an unaccepted encoding.

    UTF-16 with a BOM; else UTF-8, strictly (a leading BOM dropped); else Windows-1258 when the
    result has Vietnamese letters and no sign of TCVN3; else refused.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", data.decode("utf-16"))
        except UnicodeDecodeError:
            raise ImportFileError(filename, _sentences(
                _("starts with a UTF-16 byte order mark but is not valid UTF-16."), _accepted_encodings()
            )) from None
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    tcvn3 = len(_TCVN3_INSIDE_WORD.findall(data)) >= 2
    if not tcvn3:
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            text = ""
        if _looks_vietnamese(text):
            return unicodedata.normalize("NFC", text)
    raise ImportFileError(filename, _sentences(
        _("the text encoding is not accepted."),
        _("It looks like TCVN3 (ABC).") if tcvn3 else "",
        _accepted_encodings(),
        _("The legacy font encodings TCVN3 (ABC) and VNI cannot be read reliably: convert the file to "
          "Unicode first (for example with UniKey's converter), or save it as .xlsx or as “CSV UTF-8”."),
    ))


def _accepted_encodings() -> str:
    return _("Accepted encodings: %(encodings)s.") % {"encodings": _(ACCEPTED_ENCODINGS)}


def _sentences(*parts: str) -> str:
    """Whole translated sentences, one after the other (each translated on its own)."""
    return " ".join(part for part in parts if part)


@dataclass
class _Cell:
    text: str
    numeric: bool = False  # a number in the workbook (a lost leading zero is possible)


def _cell(value: Any) -> _Cell:
    if value is None:
        return _Cell("")
    if isinstance(value, bool):
        return _Cell("TRUE" if value else "FALSE")
    if isinstance(value, int):
        return _Cell(str(value), numeric=True)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
        return _Cell(text, numeric=True)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _Cell(value.isoformat())
    return _Cell(unicodedata.normalize("NFC", str(value)).strip())


def _csv_lines(text: str, delimiter: str) -> Iterator[list[_Cell]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for record in reader:
        yield [_Cell(unicodedata.normalize("NFC", value).strip()) for value in record[:MAX_COLUMNS]]


def _xlsx_lines(data: bytes, filename: str, sheet: str | None) -> Iterator[list[_Cell]]:
    from openpyxl import load_workbook  # imported here: only workbook uploads need it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        # data_only: a formula cell gives the value Excel last computed and saved.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            sheets = ", ".join(_quoted(name) for name in workbook.sheetnames)
            raise ImportFileError(filename, _(
                "there is no sheet named “%(sheet)s”; the sheets are %(sheets)s"
            ) % {"sheet": _visible(sheet), "sheets": sheets})
        if not hasattr(worksheet, "iter_rows"):
            raise ImportFileError(filename, _("the sheet holds a chart, not a table"))
        worksheet.reset_dimensions()  # some writers declare a wrong size; read what is there
        for values in worksheet.iter_rows(values_only=True):
            yield [_cell(value) for value in values[:MAX_COLUMNS]]
    finally:
        workbook.close()


def _read_input(source: bytes | IO[bytes], max_bytes: int, filename: str) -> bytes:
    data = source if isinstance(source, bytes | bytearray) else source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImportFileError(filename, _("the file is larger than %(size)s MB")
                              % {"size": f"{max_bytes / 1024 / 1024:g}"})
    if not data.strip():
        raise ImportFileError(filename, _("the file is empty"))
    return bytes(data)


_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMAT_HELP = gettext_noop("Upload the list as .xlsx (Excel workbook) or .csv.")


def _format_of(filename: str, data: bytes) -> str:
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(_OLE_SIGNATURE):
        raise ImportFileError(filename, _("this is a legacy Excel 97–2003 (.xls) workbook or an "
                                          "encrypted one, which cannot be read. In Excel, choose Save As → "
                                          "Excel Workbook (.xlsx), without a password."))
    if suffix == ".xlsx":
        if not data.startswith(b"PK"):
            raise ImportFileError(filename, _("the file is named .xlsx but is not an Excel workbook"))
        return "xlsx"
    if suffix == ".csv":
        if data.startswith(b"PK\x03\x04"):
            raise ImportFileError(filename, _("the file is named .csv but is an Excel workbook: "
                                              "rename it to .xlsx"))
        return "csv"
    if suffix == ".xls":
        raise ImportFileError(filename, _("legacy Excel 97–2003 (.xls) files are not accepted. In "
                                          "Excel, choose Save As → Excel Workbook (.xlsx)."))
    if suffix:
        refusal = _("“%(extension)s” files are not accepted.") % {"extension": _visible(suffix)}
    else:
        refusal = _("files without an extension are not accepted.")
    raise ImportFileError(filename, _sentences(refusal, _(_FORMAT_HELP)))


@dataclass
class _Header:
    line: int  # 1-based
    titles: list[str]
    columns: dict[str, int]
    unknown: list[int]


def _find_header(lines: Iterator[list[_Cell]], filename: str) -> tuple[_Header | None, list[str]]:
    """The first line (among the first few) naming at least two known columns.  Also returns
    the first non-empty line's titles, for the error message when none qualifies."""
    first: list[str] = []
    for number, cells in enumerate(lines, start=1):
        titles = [cell.text for cell in cells]
        if not first and any(titles):
            first = titles
        try:
            columns, unknown = map_columns(titles)
        except ValueError as exc:
            raise ImportFileError(filename, _("line %(line)s: %(reason)s")
                                  % {"line": number, "reason": exc}) from None
        if len(columns) >= 2 and ("name" in columns or "country" in columns):
            return _Header(number, titles, columns, unknown), first
        if number >= HEADER_SEARCH_LINES:
            break
    return None, first


def _missing_columns_error(filename: str, columns: Iterable[str], shown: Sequence[str]) -> ImportFileError:
    missing = [name for name in REQUIRED if name not in columns]
    examples = {
        "name": "name / tên doanh nghiệp / ຊື່ / 企业名称",
        "country": "country / quốc gia / ປະເທດ / 国家",
    }
    wanted = "; ".join(examples[name] for name in missing)  # column titles: the same in every language
    found = ", ".join(_quoted(title) for title in shown if title) or _("nothing")
    return ImportFileError(filename, _("no header with the required columns (%(columns)s) was found; "
                                       "the first line reads %(found)s")
                           % {"columns": wanted, "found": found})


def _csv_table(text: str, filename: str) -> tuple[_Header, Iterator[list[_Cell]]]:
    """Header and following lines of a CSV text, the delimiter chosen by the header it yields."""
    fallback: list[str] = []
    best: tuple[int, str] | None = None
    refused: ImportFileError | None = None
    for delimiter in (",", ";", "\t"):
        lines = _csv_lines(text, delimiter)
        try:
            header, first = _find_header(lines, filename)
        except ImportFileError as exc:
            # Split by the wrong delimiter, a data line can look like a bad header: try the next.
            refused = refused or exc
            continue
        if header is not None and all(name in header.columns for name in REQUIRED):
            return header, lines
        if header is not None and (best is None or len(header.columns) > best[0]):
            best = (len(header.columns), delimiter)
        fallback = fallback or first
    if best is not None:
        lines = _csv_lines(text, best[1])
        header, first = _find_header(lines, filename)
        assert header is not None
        raise _missing_columns_error(filename, header.columns, header.titles)
    if refused is not None:
        raise refused
    raise _missing_columns_error(filename, (), fallback)


def parse_delegation_list(
    source: bytes | IO[bytes],
    filename: str,
    *,
    sheet: str | None = None,
    country_lookup: Lookup | None = None,
    province_lookup: ProvinceLookup | None = None,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
) -> ImportPreview:
    """Read and check a delegation list.

    ``source`` is the uploaded content (bytes or a binary file), ``filename`` its name (the
    extension chooses the format; the name appears in messages).  ``country_lookup(text)``
    returns an ISO alpha-3 code or ``None`` (the built-in table of the region is tried after
    it); ``province_lookup(text, country_alpha3)`` returns a province code or ``None`` (then
    the row is refused); without one, the province is kept as typed.

    Raises :class:`ImportFileError` for a file that cannot be read as a list (wrong format or
    encoding, larger than ``max_bytes`` or with more than ``max_rows`` data rows, empty, a
    header only, required columns missing).  Returns an :class:`ImportPreview`; when any value
    is refused, its ``rows`` is empty and ``errors`` names each line, field and reason.
    """
    data = _read_input(source, max_bytes, filename)
    kind = _format_of(filename, data)
    try:
        if kind == "csv":
            text = decode_csv(data, filename)
            if not text.strip():
                raise ImportFileError(filename, _("the file is empty"))
            header, lines = _csv_table(text, filename)
        else:
            lines = _xlsx_lines(data, filename, sheet)
            found, first = _find_header(lines, filename)
            if found is None and not first:
                raise ImportFileError(filename, _("the sheet is empty (nothing in its first %(count)s lines)")
                                      % {"count": HEADER_SEARCH_LINES})
            if found is None or not all(name in found.columns for name in REQUIRED):
                raise _missing_columns_error(
                    filename, found.columns if found else (), found.titles if found else first
                )
            header = found
        return _check_rows(header, lines, filename, country_lookup, province_lookup, max_rows)
    except ImportFileError:
        raise
    except csv.Error as exc:
        raise ImportFileError(filename, _("the CSV file is malformed (%(error)s)") % {"error": exc}) from None
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
        raise ImportFileError(filename, _("the workbook is damaged and cannot be read (%(error)s)")
                              % {"error": exc}) from None
    except Exception as exc:
        # openpyxl raises many kinds of error on a damaged workbook; a CSV error here is a bug.
        if kind != "xlsx":
            raise
        raise ImportFileError(filename, _("the workbook cannot be read (%(error)s)")
                              % {"error": type(exc).__name__}) from None


def _check_rows(
    header: _Header,
    lines: Iterator[list[_Cell]],
    filename: str,
    country_lookup: Lookup | None,
    province_lookup: ProvinceLookup | None,
    max_rows: int,
) -> ImportPreview:
    notes: list[str] = []
    if header.unknown:
        titles = ", ".join(_quoted(header.titles[index]) for index in header.unknown)
        notes.append(_("columns not recognised and ignored: %(columns)s") % {"columns": titles})
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    row_count = 0
    untitled_lines: list[int] = []
    titled = {index for index, title in enumerate(header.titles) if title}
    max_lines = header.line + max_rows * LINES_PER_ROW
    for number, cells in enumerate(lines, start=header.line + 1):
        if number > max_lines:
            raise ImportFileError(filename, _("more than %(count)s lines (empty ones included); delete empty "
                                              "rows at the end of the sheet") % {"count": max_lines})
        values = {name: cells[index] if index < len(cells) else _Cell("")
                  for name, index in header.columns.items()}
        if not any(cell.text for cell in values.values()):
            continue  # blank line (or only a serial number)
        row_count += 1
        if row_count > max_rows:
            raise ImportFileError(filename, _("more than %(count)s rows; split the list")
                                  % {"count": max_rows})
        if any(cell.text for index, cell in enumerate(cells) if index not in titled):
            untitled_lines.append(number)
        raw = {header.titles[index]: cells[index].text if index < len(cells) else ""
               for index in range(len(header.titles)) if header.titles[index]}
        row, row_errors = _check_row(number, values, raw, country_lookup, province_lookup)
        errors.extend(row_errors)
        if row is not None:
            rows.append(row)
    if row_count == 0:
        raise ImportFileError(filename, _("the file has a header but no rows"))
    if untitled_lines:
        shown = ", ".join(str(n) for n in untitled_lines[:10]) + (", …" if len(untitled_lines) > 10 else "")
        notes.append(_("values in columns without a title were ignored (lines %(lines)s)")
                     % {"lines": shown})
    return ImportPreview(rows=[] if errors else rows, errors=errors, warnings=notes, row_count=row_count)


def _check_row(
    line: int,
    cells: dict[str, _Cell],
    raw: dict[str, str],
    country_lookup: Lookup | None,
    province_lookup: ProvinceLookup | None,
) -> tuple[ImportRow | None, list[RowError]]:
    errors: list[RowError] = []
    values: dict[str, Any] = {}

    def text(name: str) -> str:
        cell = cells.get(name)
        return cell.text if cell is not None else ""

    def check(name: str, parse: Callable[[str], Any]) -> None:
        value = text(name)
        if not value:
            return
        try:
            values[name] = parse(value)
        except _ValueError as exc:
            errors.append(RowError(line, name, str(exc)))

    name = _clean(text("name"))
    if not name:
        errors.append(RowError(line, "name", _("the name is missing")))
    elif len(name) > MAX_NAME:
        errors.append(RowError(line, "name", _too_long(name, MAX_NAME)))
    country_text = _clean(text("country"))
    country = None
    if not country_text:
        errors.append(RowError(line, "country", _("the country is missing")))
    else:
        country = (country_lookup(country_text) if country_lookup else None) or default_country_lookup(
            country_text
        )
        if country is None:
            errors.append(RowError(line, "country", _("unknown country “%(country)s”")
                                   % {"country": _visible(country_text)}))
    province_text = _clean(text("province"))
    province = province_text
    if province_text and province_lookup is not None and country is not None:
        province = province_lookup(province_text, country) or ""
        if not province:
            errors.append(RowError(line, "province", _("unknown province “%(province)s” in %(country)s")
                                   % {"province": _visible(province_text), "country": country}))
    check("name_en", lambda v: _limited(v, MAX_NAME))
    check("identifier", _parse_identifier)
    check("phone", _parse_phones)
    check("email", _parse_emails)
    check("website", _parse_website)
    check("address", lambda v: _limited(v, MAX_TEXT))
    check("sector", lambda v: _limited(v, MAX_TEXT))
    check("offers", _parse_items)
    check("needs", _parse_items)
    hs_cell = cells.get("hs")
    check("hs", lambda v: _parse_hs(v, hs_cell is not None and hs_cell.numeric))
    kind_text = text("kind")
    if kind_text:
        kind = _KIND_KEYS.get(header_key(kind_text))
        if kind is None:
            errors.append(RowError(line, "kind", _("unknown kind “%(kind)s” (enterprise, cooperative, "
                                                   "association, agency or research)")
                                   % {"kind": _visible(kind_text)}))
        values["kind"] = kind or ""
    if errors or country is None:
        return None, errors
    return ImportRow(
        line=line,
        name=name,
        country=country,
        name_en=values.get("name_en", ""),
        province=province,
        identifier=values.get("identifier", ""),
        phones=values.get("phone", ()),
        emails=values.get("email", ()),
        website=values.get("website", ""),
        address=values.get("address", ""),
        kind=values.get("kind", ""),
        sector=values.get("sector", ""),
        offers=values.get("offers", ()),
        needs=values.get("needs", ()),
        hs_codes=values.get("hs", ()),
        raw=raw,
    ), []
