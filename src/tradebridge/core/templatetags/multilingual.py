"""Multilingual content in the reader's language: ``{% load multilingual %}``.

``{% in_language event "title" %}`` shows ``title_<reader's language>`` when it has a value, else
the record's primary language, English or any other, followed by a small marker naming the
language shown ("(Tiếng Việt)"); ``fallback="title"`` names a plain field used last.
``{% place venue.name venue.province %}`` shows a place typed in one language in the reader's
language when it is the province or one of its main cities.
``{{ labels|join_list }}`` joins a list with the reader's language's separator ("、" in Chinese).
``{{ event.illustrative_note|note }}`` shows a fixed note the application itself wrote (demo
labels, the exchange-rate source: marked with ``gettext_noop`` where they are written) in the
reader's language; anything a person typed is shown as typed.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from tradebridge.core.i18n import (
    FIELD_SUFFIX,
    LANGUAGE_LABELS,
    current_language,
    join_list,
    localized_text,
    place_name,
    translated_note,
)

register = template.Library()

HTML_LANG = {"vi": "vi", "lo": "lo", "zh-hans": "zh-Hans", "en": "en"}


@register.simple_tag
def in_language(obj, prefix: str = "name", fallback: str | None = None, marker: bool = True):
    primary = getattr(obj, "primary_language", None)
    text, shown = localized_text(obj, prefix, prefer=(primary,) if primary else (), fallback=fallback)
    if not text:
        return ""
    if shown is None or shown == current_language():
        return text
    if not marker:
        return format_html('<span lang="{}">{}</span>', HTML_LANG[shown], text)
    return format_html('<span lang="{}">{}</span> <span class="lang-shown" title="{}">({})</span>',
                       HTML_LANG[shown], text, LANGUAGE_LABELS[shown], LANGUAGE_LABELS[shown])


@register.simple_tag
def place(name: str, *places):
    return place_name(name, *places)



@register.filter(name="join_list")
def join_list_filter(items) -> str:
    return join_list(items or ())


@register.filter
def note(value) -> str:
    return translated_note(value)


LANGUAGE_FIELD = re.compile(r"^(?P<prefix>.+)_(?P<suffix>vi|lo|zh_hans|en)$")
LABEL_LANGUAGE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


@register.filter
def language_rows(form) -> list[dict]:
    """The form's visible fields in order, with the fields of one text in the four languages
    (``title_vi``, ``title_lo``, ``title_zh_hans``, ``title_en``) put together in one row at the
    place of the first: ``{"field": bound}`` or ``{"name", "label", "help_text", "languages":
    [{"code", "html_lang", "language", "field"}]}`` (templates/_form_fields.html)."""
    suffixes = {suffix: code for code, suffix in FIELD_SUFFIX.items()}
    groups: dict[str, list] = {}
    for bound in form.visible_fields():
        match = LANGUAGE_FIELD.match(bound.name)
        if match:
            groups.setdefault(match["prefix"], []).append(bound)
    groups = {prefix: fields for prefix, fields in groups.items() if len(fields) > 1}
    rows, placed = [], set()
    for bound in form.visible_fields():
        match = LANGUAGE_FIELD.match(bound.name)
        prefix = match["prefix"] if match else None
        if prefix not in groups:
            rows.append({"field": bound})
            continue
        if prefix in placed:
            continue
        placed.add(prefix)
        fields = groups[prefix]
        first = fields[0]
        rows.append({
            "name": prefix,
            "label": gettext("%(field)s in each language") % {
                "field": LABEL_LANGUAGE.sub("", str(first.label))},
            "help_text": first.help_text,
            "languages": [_language_cell(f, suffixes[LANGUAGE_FIELD.match(f.name)["suffix"]])
                          for f in fields],
        })
    return rows


def _language_cell(bound, code: str) -> dict:
    return {"code": code, "html_lang": HTML_LANG[code], "language": LANGUAGE_LABELS[code], "field": bound}
