"""Language helpers shared by the domain apps."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from tradebridge.core.text import fold

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


# How a language separates the items of a list: Chinese uses the enumeration comma "、".
LIST_SEPARATOR = {"zh-hans": "、"}


def join_list(items, language: str | None = None) -> str:
    """The items as one list in `language` (by default the reader's): "a, b, c", "a、b、c"."""
    lang = check_language(language) if language else current_language()
    return LIST_SEPARATOR.get(lang, ", ").join(str(item) for item in items)


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


# Each language named in itself, for the marker that says which language a text is shown in.
LANGUAGE_LABELS = {"vi": "Tiếng Việt", "lo": "ພາສາລາວ", "zh-hans": "简体中文", "en": "English"}


def localized_text(obj: object, prefix: str = "name", language: str | None = None, *,
                   prefer: tuple[str, ...] = (), fallback: str | None = None) -> tuple[str, str | None]:
    """``(text, language shown)`` of the multilingual field ``<prefix>_<lang>``: the reader's
    language when it has a value, else ``prefer`` (e.g. the record's primary language), English,
    then any language.  ``fallback`` names a plain field (a title in the language it was signed
    in) used last; its language is unknown (None)."""
    lang = check_language(language) if language else current_language()
    for code in (lang, *prefer, "en", *FIELD_SUFFIX):
        if code not in FIELD_SUFFIX:
            continue
        value = getattr(obj, f"{prefix}_{FIELD_SUFFIX[code]}", "")
        if value:
            return value, code
    if fallback:
        value = getattr(obj, fallback, "") or ""
        return value, None
    return "", None


def place_name(name: str, *places: object, language: str | None = None) -> str:
    """A place typed in one language (a venue "Côn Minh") in the reader's language, when it is
    one of ``places`` (reference records with name_vi, name_lo, name_zh_hans, name_en, and
    optionally ``aliases``: more such records, such as a province's cities); else as typed."""
    key = fold(name or "")
    if not key:
        return name
    for place in places:
        if place is None:
            continue
        for candidate in (place, *getattr(place, "aliases", ())):
            names = [getattr(candidate, f"name_{suffix}", "") for suffix in FIELD_SUFFIX.values()]
            if any(n and fold(n) == key for n in names):
                return localized(candidate, language=language) or name
    return name


SENTENCE_END = re.compile(r"(?<=[.:;])\s+")


def translated_note(value: object) -> str:
    """A stored note in the reader's language when the application itself wrote it (demo labels,
    the exchange-rate source: marked with ``gettext_noop`` where they are written): the whole text
    when it is a known message, else each of its sentences that is one (a citation followed by a
    fixed note). Anything a person typed comes back as typed."""
    text = str(value or "")
    if not text.strip():
        return text
    whole = gettext(text)
    if whole != text:
        return whole
    return " ".join(gettext(part) for part in SENTENCE_END.split(text))
