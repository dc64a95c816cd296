"""Column titles in English, Vietnamese, Lao or Chinese, and the header row that holds them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from tradebridge.core.pure_i18n import translate as _
from tradebridge.core.text import fold
from tradebridge.registry.delegation.cells import Cell, csv_lines
from tradebridge.registry.delegation.errors import ImportFileError, field_label, quoted, visible

HEADER_SEARCH_LINES = 10  # title rows tolerated above the header

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
            ) % {"first": visible(titles[mapping[name]]), "second": visible(title),
                 "field": _(field_label(name))})
        else:
            mapping[name] = index
    mapping.pop("_serial", None)
    return mapping, unknown


@dataclass
class Header:
    line: int  # 1-based
    titles: list[str]
    columns: dict[str, int]
    unknown: list[int]


def find_header(lines: Iterator[list[Cell]], filename: str) -> tuple[Header | None, list[str]]:
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
            return Header(number, titles, columns, unknown), first
        if number >= HEADER_SEARCH_LINES:
            break
    return None, first


def missing_columns_error(filename: str, columns: Iterable[str], shown: Sequence[str]) -> ImportFileError:
    missing = [name for name in REQUIRED if name not in columns]
    examples = {
        "name": "name / tên doanh nghiệp / ຊື່ / 企业名称",
        "country": "country / quốc gia / ປະເທດ / 国家",
    }
    wanted = "; ".join(examples[name] for name in missing)  # column titles: the same in every language
    found = ", ".join(quoted(title) for title in shown if title) or _("nothing")
    return ImportFileError(filename, _("no header with the required columns (%(columns)s) was found; "
                                       "the first line reads %(found)s")
                           % {"columns": wanted, "found": found})


def csv_table(text: str, filename: str) -> tuple[Header, Iterator[list[Cell]]]:
    """Header and following lines of a CSV text, the delimiter chosen by the header it yields."""
    fallback: list[str] = []
    best: tuple[int, str] | None = None
    refused: ImportFileError | None = None
    for delimiter in (",", ";", "\t"):
        lines = csv_lines(text, delimiter, filename)
        try:
            header, first = find_header(lines, filename)
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
        lines = csv_lines(text, best[1], filename)
        header, first = find_header(lines, filename)
        assert header is not None
        raise missing_columns_error(filename, header.columns, header.titles)
    if refused is not None:
        raise refused
    raise missing_columns_error(filename, (), fallback)

