"""Validation and normalisation of organisation identifiers, each scheme by its own rules.

Pure Python (no Django ORM or HTTP).  Every validator takes the text as a person typed it and
either returns the identifier's canonical form or raises :class:`IdentifierError`, whose message
names the scheme, the value and the reason (``Vietnamese tax code “0100109105”: check digit should
be 6``), in the active language (English where Django is not set up).  Validators are idempotent:
validating a canonical form returns it unchanged.

============================ ======= ==========================================================
scheme                       country rule
============================ ======= ==========================================================
``vn_tax_code``              VNM     mã số thuế (MST): 10 digits, the 10th a check digit, or
                                     ``NNNNNNNNNN-NNN`` for a branch (suffix 001–999)
``cn_uscc``                  CHN     统一社会信用代码 (GB 32100-2015): 18 characters, with the
                                     GB 11714 organisation-code check at position 17 and the
                                     code's own check character at position 18
``la_enterprise_number``     LAO     format check only: no check-digit scheme is published
============================ ======= ==========================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from tradebridge.core.pure_i18n import gettext_noop
from tradebridge.core.pure_i18n import translate as _

__all__ = [
    "SCHEMES",
    "SCHEME_LABELS",
    "IdentifierError",
    "organization_code_check_char",
    "scheme_for_country",
    "uscc_check_char",
    "validate",
    "validate_cn_uscc",
    "validate_la_enterprise_number",
    "validate_vn_tax_code",
    "vn_tax_code_check_digit",
]



# English labels (the msgids); messages show them translated.
SCHEME_LABELS: dict[str, str] = {
    "vn_tax_code": gettext_noop("Vietnamese tax code"),
    "cn_uscc": gettext_noop("Chinese unified social credit code"),
    "la_enterprise_number": gettext_noop("Lao enterprise registration number"),
}

_SHOWN_MAX = 40  # longer inputs are cut in error messages


class IdentifierError(ValueError):
    """An identifier that its scheme refuses (or an unknown scheme).

    ``scheme`` is the scheme name (``"vn_tax_code"``), ``value`` the text as given (``None`` when
    the scheme itself is unknown) and ``reason`` the bare reason, without scheme or value.
    """

    def __init__(self, scheme: str, value: object, reason: str) -> None:
        self.scheme = scheme
        self.value = value
        self.reason = reason
        label = SCHEME_LABELS.get(scheme)
        if label is None:
            message = _("identifier scheme “%(scheme)s”: %(reason)s") % {"scheme": scheme, "reason": reason}
        else:
            message = _("%(scheme)s %(value)s: %(reason)s") % {
                "scheme": _(label), "value": _shown(value), "reason": reason}
        super().__init__(message)


def _visible(text: str) -> str:
    """``text`` with invisible characters escaped as ``repr`` does (a tab shows as ``\\t``)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _shown(value: object) -> str:
    if not isinstance(value, str):
        return f"<{type(value).__name__}>"
    text = value.strip()
    if len(text) > _SHOWN_MAX:
        text = text[: _SHOWN_MAX - 1] + "…"
    return f"“{_visible(text)}”"


def _require_str(scheme: str, raw: object) -> str:
    if not isinstance(raw, str):
        raise IdentifierError(scheme, raw, _("expected text, got %(type)s") % {"type": type(raw).__name__})
    return raw


def _first_bad(text: str, allowed: Container[str]) -> str | None:
    return next((ch for ch in text if ch not in allowed), None)


# --------------------------------------------------------------------------------------------
# Vietnam: mã số thuế (MST)
# --------------------------------------------------------------------------------------------

_VN = "vn_tax_code"
_DIGITS = "0123456789"
_VN_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_VN_GROUPING = re.compile(r"[\s.]+")  # "0312 68 78 78 - 001", "01.00.112.437"


def vn_tax_code_check_digit(first9: str) -> int | None:
    """The check digit for the first nine digits of an MST, or ``None`` when there is none.

    ``10 − (Σ wᵢ·dᵢ mod 11)`` with weights 31, 29, 23, 19, 17, 13, 7, 5, 3; a result of 10 has
    no digit, so no valid code starts with those nine digits.
    """
    if len(first9) != 9 or _first_bad(first9, _DIGITS) is not None:
        raise ValueError(f"expected 9 digits 0-9, got {first9!r}")
    total = sum(weight * int(digit) for weight, digit in zip(_VN_WEIGHTS, first9, strict=True))
    check = 10 - total % 11
    return None if check == 10 else check


def validate_vn_tax_code(raw: str) -> str:
    """Validate a Vietnamese enterprise tax code; return ``NNNNNNNNNN`` or ``NNNNNNNNNN-NNN``.

    Spaces and dots used for grouping are dropped; a branch code may be written with or without
    the dash before its three-digit suffix (001–999) and always comes back with it.
    """
    text = _VN_GROUPING.sub("", _require_str(_VN, raw))
    if not text:
        raise IdentifierError(_VN, raw, _("is empty"))
    bad = _first_bad(text, _DIGITS + "-")
    if bad is not None:
        raise IdentifierError(_VN, raw, _(
            "contains “%(char)s”; only digits 0-9 are allowed (and a dash before a branch suffix)"
        ) % {"char": _visible(bad)})
    head, dash, suffix = text.partition("-")
    if dash:
        if "-" in suffix or len(head) != 10 or len(suffix) != 3:
            raise IdentifierError(
                _VN, raw, _("a dash may only separate the 10-digit code from a 3-digit branch suffix")
            )
        digits = head + suffix
    else:
        digits = text
    if len(digits) not in (10, 13):
        raise IdentifierError(_VN, raw, _(
            "has %(count)s digits; expected 10, or 13 for a branch (NNNNNNNNNN-NNN)"
        ) % {"count": len(digits)})
    code, branch = digits[:10], digits[10:]
    if branch == "000":
        raise IdentifierError(_VN, raw, _("branch suffix must be 001-999, not 000"))
    check = vn_tax_code_check_digit(code[:9])
    if check is None:
        raise IdentifierError(_VN, raw, _(
            "no code can start with %(digits)s (its check digit would be 10), so it is mistyped"
        ) % {"digits": code[:9]})
    if int(code[9]) != check:
        raise IdentifierError(_VN, raw, _("check digit should be %(check)s") % {"check": check})
    return f"{code}-{branch}" if branch else code


# --------------------------------------------------------------------------------------------
# China: 统一社会信用代码 (unified social credit code, GB 32100-2015)
# --------------------------------------------------------------------------------------------

_CN = "cn_uscc"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_USCC_LOWER = frozenset(USCC_ALPHABET + USCC_ALPHABET.lower())
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# GB 11714 organisation code: 8 body characters and a check character.  The body is valued on the
# full 0-9, A-Z scale (A = 10 ... Z = 35), unlike the USCC's own 31-character scale.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def uscc_check_char(first17: str) -> str:
    """The check character (position 18) for the first 17 characters of a USCC.

    Values 0-30 over ``0123456789ABCDEFGHJKLMNPQRTUWXY``, weights 3ⁱ mod 31 (1, 3, 9, 27, 19, …),
    check value ``31 − (Σ mod 31)`` with 31 written as ``0``.
    """
    if len(first17) != 17 or _first_bad(first17, _USCC_VALUE) is not None:
        raise ValueError(f"expected 17 characters from {USCC_ALPHABET}, got {first17!r}")
    total = sum(w * _USCC_VALUE[ch] for w, ch in zip(_USCC_WEIGHTS, first17, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def organization_code_check_char(first8: str) -> str:
    """The GB 11714 check character for an 8-character organisation-code body.

    Weights 3, 7, 9, 10, 5, 8, 4, 2 on values 0-35 (digits, then A-Z); ``11 − (Σ mod 11)`` with
    10 written as ``X`` and 11 as ``0``.
    """
    if len(first8) != 8 or _first_bad(first8, _BASE36) is not None:
        raise ValueError(f"expected 8 characters 0-9 or A-Z, got {first8!r}")
    total = sum(w * _BASE36.index(ch) for w, ch in zip(_ORG_WEIGHTS, first8, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def validate_cn_uscc(raw: str) -> str:
    """Validate a Chinese unified social credit code; return it in upper case.

    Surrounding spaces and lower case are accepted.  Layout: position 1 registration authority,
    2 organisation type, 3-8 administrative division (digits), 9-17 the GB 11714 organisation
    code (check character at 17, validated), 18 the code's check character.
    """
    text = _require_str(_CN, raw).strip()
    if not text:
        raise IdentifierError(_CN, raw, _("is empty"))
    bad = _first_bad(text, _USCC_LOWER)
    if bad is not None:
        if bad in "IOZSVioszv":
            reason = _("contains “%(char)s”; the letters I, O, Z, S and V are never used") % {"char": bad}
        else:
            reason = _("contains “%(char)s”; only digits and the letters %(letters)s are allowed") % {
                "char": _visible(bad), "letters": USCC_ALPHABET[10:]}
        raise IdentifierError(_CN, raw, reason)
    if len(text) != 18:
        raise IdentifierError(_CN, raw, _("has %(count)s characters; expected 18") % {"count": len(text)})
    code = text.upper()
    if _first_bad(code[2:8], _DIGITS) is not None:
        raise IdentifierError(_CN, raw, _("positions 3-8 (administrative division code) must be digits"))
    org_check = organization_code_check_char(code[8:16])
    if code[16] != org_check:
        raise IdentifierError(_CN, raw, _(
            "organisation code check character (position 17) should be %(check)s"
        ) % {"check": org_check})
    check = uscc_check_char(code[:17])
    if code[17] != check:
        raise IdentifierError(_CN, raw, _("check character should be %(check)s") % {"check": check})
    return code


# --------------------------------------------------------------------------------------------
# Laos: enterprise registration number
# --------------------------------------------------------------------------------------------

_LA = "la_enterprise_number"
_LAO_DIGITS = str.maketrans("໐໑໒໓໔໕໖໗໘໙", _DIGITS)  # U+0ED0-U+0ED9
_LA_NUMBER = re.compile(r"[0-9]+(?:[ -]+[0-9]+)*")
_LA_CERTIFICATE = re.compile(r"([0-9]+) */ *([A-Za-z]+)")


def validate_la_enterprise_number(raw: str) -> str:
    """Validate the format of a Lao enterprise registration number; return its canonical form.

    This is a format check only.  Laos publishes no check-digit scheme for enterprise numbers
    (numbers have been issued by the Ministry of Industry and Commerce and by provincial offices
    under successive regimes), so a well-formed number may still not exist; confirm it against
    the registration certificate or the enterprise registry.  Accepted forms:

    * 6 to 12 digits, optionally grouped with spaces or dashes, which are dropped:
      ``"0100 2345-67"`` → ``"0100234567"``;
    * older enterprise registration certificate numbers, 1 to 6 digits, a slash and 2 to 6 Latin
      letters (the issuing office or a province prefix), spaces around the slash dropped and the
      letters put in upper case: ``"0123 / ero"`` → ``"0123/ERO"``.

    Lao digits (໐-໙) are read as 0-9.  Anything else is refused with the reason.
    """
    text = _require_str(_LA, raw).strip().translate(_LAO_DIGITS)
    if not text:
        raise IdentifierError(_LA, raw, _("is empty"))
    if "/" in text:
        match = _LA_CERTIFICATE.fullmatch(text)
        if match is None:
            raise IdentifierError(
                _LA, raw, _("a certificate number is written as digits, a slash and letters (e.g. 0123/ERO)")
            )
        number, office = match.groups()
        if not 1 <= len(number) <= 6:
            raise IdentifierError(_LA, raw, _(
                "certificate number has %(count)s digits before the slash; expected 1 to 6"
            ) % {"count": len(number)})
        if not 2 <= len(office) <= 6:
            raise IdentifierError(_LA, raw, _(
                "certificate number has %(count)s letters after the slash; expected 2 to 6"
            ) % {"count": len(office)})
        return f"{number}/{office.upper()}"
    if _LA_NUMBER.fullmatch(text) is None:
        bad = _first_bad(text, _DIGITS + " -")
        if bad is not None:
            reason = _(
                "contains “%(char)s”; expected digits (spaces or dashes may group them)"
                " or a certificate number such as 0123/ERO"
            ) % {"char": _visible(bad)}
        else:
            reason = _("spaces and dashes may only separate groups of digits")
        raise IdentifierError(_LA, raw, reason)
    digits = re.sub(r"[ -]+", "", text)
    if not 6 <= len(digits) <= 12:
        raise IdentifierError(_LA, raw, _("has %(count)s digits; expected 6 to 12") % {"count": len(digits)})
    return digits


# --------------------------------------------------------------------------------------------
# Dispatch
# --------------------------------------------------------------------------------------------

SCHEMES: dict[str, Callable[[str], str]] = {
    "vn_tax_code": validate_vn_tax_code,
    "cn_uscc": validate_cn_uscc,
    "la_enterprise_number": validate_la_enterprise_number,
}

_COUNTRY_SCHEMES = {"VNM": "vn_tax_code", "CHN": "cn_uscc", "LAO": "la_enterprise_number"}


def validate(scheme: str, raw: str) -> str:
    """Validate ``raw`` under the named scheme (a key of :data:`SCHEMES`)."""
    validator = SCHEMES.get(scheme) if isinstance(scheme, str) else None
    if validator is None:
        raise IdentifierError(str(scheme), None, _("unknown; the known schemes are %(schemes)s")
                              % {"schemes": ", ".join(SCHEMES)})
    return validator(raw)


def scheme_for_country(alpha3: str | None) -> str | None:
    """The identifier scheme used for a country's organisations (ISO 3166-1 alpha-3), if any."""
    if not isinstance(alpha3, str):
        return None
    return _COUNTRY_SCHEMES.get(alpha3.strip().upper())
