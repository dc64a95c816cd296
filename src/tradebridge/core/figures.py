"""How exact a reported figure is, as its source says it: "trên 6,09 tỷ USD" is *more than*
6.09 billion, "ước đạt 200 triệu USD" an *estimate*. Every reported figure keeps its qualifier
and shows it wherever the figure is shown (pages, chart hover text, exports, PDFs)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class Qualifier(models.TextChoices):
    EXACT = "", _("as stated")
    MORE_THAN = "more_than", _("more than")
    AT_LEAST = "at_least", _("at least")
    NEARLY = "nearly", _("nearly")
    APPROXIMATELY = "approximately", _("approximately")
    ESTIMATED = "estimated", _("estimated")
    EXPECTED = "expected", _("expected")


# Vietnamese words that introduce each qualifier in the press ("trên", "hơn", "gần", ...).
VIETNAMESE_WORDS = {
    Qualifier.MORE_THAN: ("trên", "hơn"),
    Qualifier.AT_LEAST: ("ít nhất", "tối thiểu"),
    Qualifier.NEARLY: ("gần", "gần như"),
    Qualifier.APPROXIMATELY: ("khoảng", "xấp xỉ", "chừng"),
    Qualifier.ESTIMATED: ("ước đạt", "ước tính", "ước"),
    Qualifier.EXPECTED: ("dự kiến", "dự tính"),
}


def check_qualifier(value: str | None) -> str:
    """The stored value for `value` ('' for an exact figure); ValueError names the choices."""
    value = (value or "").strip().lower().replace(" ", "_").replace("-", "_")
    if value in {"exact", "as_stated"}:
        value = ""
    if value not in Qualifier.values:
        choices = ", ".join(v or "exact" for v in Qualifier.values)
        raise ValueError(f"unknown qualifier {value!r}; use one of {choices}")
    return value


def qualify(text: str, qualifier: str | None) -> str:
    """`text` (an already formatted figure such as "6.09 billion USD") with its qualifier, in
    the active language: "more than 6.09 billion USD", "trên 6,09 tỷ USD", "超过60.9亿美元"."""
    templates = {
        Qualifier.MORE_THAN: pgettext("figure", "more than %(figure)s"),
        Qualifier.AT_LEAST: pgettext("figure", "at least %(figure)s"),
        Qualifier.NEARLY: pgettext("figure", "nearly %(figure)s"),
        Qualifier.APPROXIMATELY: pgettext("figure", "about %(figure)s"),
        Qualifier.ESTIMATED: pgettext("figure", "estimated %(figure)s"),
        Qualifier.EXPECTED: pgettext("figure", "expected %(figure)s"),
    }
    template = templates.get(qualifier or "")
    return template % {"figure": text} if template else text


def derived_note() -> str:
    """Label for a figure worked out from others (e.g. a year's value from the next year's value
    and its stated growth), not stated by the source."""
    return pgettext("figure", "derived, not stated by the source")
