"""Language helpers shared by the domain apps."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

# Model fields that hold a name per language use these suffixes: name_vi, name_lo, ...
FIELD_SUFFIX = {"vi": "vi", "lo": "lo", "zh-hans": "zh_hans", "en": "en"}
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


class UnknownLanguage(ValueError):
    pass


def check_language(code: str) -> str:
    """Return the canonical code for `code`, or raise naming the code and the choices."""
    normalized = (code or "").strip().lower().replace("_", "-")
    if normalized in {"zh", "zh-cn"}:
        normalized = "zh-hans"
    if normalized not in FIELD_SUFFIX:
        raise UnknownLanguage(
            f"unknown language code {code!r}; use one of {', '.join(LANGUAGE_CODES)}"
        )
    return normalized


def current_language() -> str:
    code = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return check_language(code)
    except UnknownLanguage:
        return settings.LANGUAGE_CODE


def localized(obj: object, prefix: str = "name", language: str | None = None) -> str:
    """The value of `<prefix>_<lang>` for the active language, falling back to English, then
    to any language that has a value."""
    lang = check_language(language) if language else current_language()
    order = [lang, "en", *FIELD_SUFFIX]
    for code in order:
        value = getattr(obj, f"{prefix}_{FIELD_SUFFIX[code]}", "")
        if value:
            return value
    return ""


class LocalizedNameMixin:
    """For models with name_vi, name_lo, name_zh_hans and name_en columns."""

    @property
    def name(self) -> str:
        return localized(self)

    def __str__(self) -> str:
        return self.name
