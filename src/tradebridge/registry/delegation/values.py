"""The values of a row: countries, kinds, e-mail addresses, phone numbers, web addresses,
identifiers, HS codes and lists of products, each checked and normalised."""

from __future__ import annotations

import re
import unicodedata

from tradebridge.catalog.resolve import normalize_hs
from tradebridge.core.pure_i18n import translate as _
from tradebridge.registry.delegation.columns import header_key
from tradebridge.registry.delegation.errors import visible

# Lengths as in the registry's models and forms.
MAX_NAME = 255
MAX_TEXT = 255
MAX_ITEM = 300
MAX_IDENTIFIER = 40
MAX_WEBSITE = 200


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


def kind_of(text: str) -> str | None:
    """The organisation kind (``enterprise``, ``cooperative``, ...) named by ``text`` in any of the
    four languages."""
    return _KIND_KEYS.get(header_key(text))

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


def clean(text: str) -> str:
    """NFC with whitespace runs collapsed (cp1258 text arrives with combining tone marks)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class RefusedValue(ValueError):
    """A refused cell value; its message is the reason shown to the person importing."""


def parse_emails(text: str) -> tuple[str, ...]:
    found = []
    for part in _EMAIL_SPLIT.split(text):
        if not part:
            continue
        address = part.removeprefix("mailto:")
        if len(address) > 254 or not _EMAIL.fullmatch(address):
            raise RefusedValue(_("“%(value)s” is not a valid e-mail address") % {"value": visible(part)})
        local, _at, domain = address.rpartition("@")
        found.append(f"{local}@{domain.lower()}")
    return tuple(found)


def parse_phones(text: str) -> tuple[str, ...]:
    found = []
    for part in _PHONE_SPLIT.split(unicodedata.normalize("NFKC", text)):
        part = part.strip()
        if not part:
            continue
        if not _PHONE_ALLOWED.fullmatch(part):
            raise RefusedValue(_("“%(value)s” is not a phone number (digits, spaces, + ( ) . - only)")
                              % {"value": visible(part)})
        digits = re.sub(r"[^0-9]", "", part)
        if not 6 <= len(digits) <= 15:
            raise RefusedValue(_("“%(value)s” has %(count)s digits; a phone number has 6 to 15")
                              % {"value": visible(part), "count": len(digits)})
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


def parse_hs(text: str, numeric: bool) -> tuple[str, ...]:
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
            raise RefusedValue(_("invalid HS code “%(code)s”: expected 2, 4 or 6 digits, such as 09, 0910 or "
                                "0910.11") % {"code": visible(part)}) from None
        if code not in codes:
            codes.append(code)
    return tuple(codes)


def parse_items(text: str) -> tuple[str, ...]:
    items = tuple(item for item in (clean(part) for part in _LIST_SPLIT.split(text)) if item)
    for item in items:
        if len(item) > MAX_ITEM:
            raise RefusedValue(_("an item is %(length)s characters long; at most %(limit)s")
                              % {"length": len(item), "limit": MAX_ITEM})
    return items


def parse_website(text: str) -> str:
    url = text if re.match(r"[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) else f"https://{text}"
    if len(url) > MAX_WEBSITE or not _WEBSITE.fullmatch(url):
        raise RefusedValue(_("“%(value)s” is not a web address") % {"value": visible(text)})
    return url


def parse_identifier(text: str) -> str:
    # Canonical forms are checked per scheme when the row is saved; here only the shape.
    value = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if len(value) > MAX_IDENTIFIER:
        raise RefusedValue(_("“%(value)s” is longer than %(limit)s characters")
                          % {"value": visible(text), "limit": MAX_IDENTIFIER})
    if not any(ch.isalnum() for ch in value):
        raise RefusedValue(_("“%(value)s” contains no letter or digit") % {"value": visible(text)})
    return value


def limited(text: str, limit: int) -> str:
    value = clean(text)
    if len(value) > limit:
        raise RefusedValue(too_long(value, limit))
    return value


def too_long(value: str, limit: int) -> str:
    return _("%(length)s characters long; at most %(limit)s") % {"length": len(value), "limit": limit}

