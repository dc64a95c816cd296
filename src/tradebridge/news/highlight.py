"""The article's text cut into plain and highlighted pieces, one kind of fact per highlight
(for the review page: colour and a text label per kind, with a legend)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tradebridge.core.figures import Qualifier

KINDS = {
    "amounts": _("amount"),
    "percentages": _("percentage"),
    "counts": _("count"),
    "dates": _("date"),
    "places": _("place"),
    "organisations": _("organisation"),
}


# What the extraction says about a percentage and an ordinal count, in the reader's language.
DIRECTIONS = {
    "increase": pgettext_lazy("percentage in a news article", "increase"),
    "decrease": pgettext_lazy("percentage in a news article", "decrease"),
    "share": pgettext_lazy("percentage in a news article", "share"),
    "level": pgettext_lazy("percentage in a news article", "level"),
}
UNITS = {"ordinal": pgettext_lazy("count in a news article", "ordinal")}


def legend() -> list[dict]:
    return [{"kind": kind, "label": label} for kind, label in KINDS.items()]


def segments(text: str, facts: dict) -> list[dict]:
    """Pieces of `text` in order: {"text", "kind", "label", "title"}; kind None for plain text.
    Facts outside the text or overlapping an earlier (or longer) one are left out."""
    spans = []
    for kind in KINDS:
        for fact in (facts or {}).get(kind) or []:
            start, end = fact.get("start"), fact.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                spans.append((start, end, kind, fact))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, at = [], 0
    for start, end, kind, fact in spans:
        if start < at:
            continue
        if start > at:
            out.append({"text": text[at:start], "kind": None})
        out.append({"text": text[start:end], "kind": kind, "label": KINDS[kind],
                    "title": describe(kind, fact)})
        at = end
    if at < len(text):
        out.append({"text": text[at:], "kind": None})
    return out


def describe(kind: str, fact: dict) -> str:
    """What the extraction read in the fact, for the highlight's tooltip: "5340000000 USD",
    its qualifier, direction or ordinal unit in the reader's language."""
    if kind == "amounts":
        qualifier = fact.get("qualifier")
        if qualifier in Qualifier.values:
            qualifier = Qualifier(qualifier).label
        return " ".join(str(v) for v in (fact.get("value"), fact.get("currency"), qualifier) if v)
    if kind == "percentages":
        direction = fact.get("direction")
        return " ".join(str(v) for v in (fact.get("value"), "%", DIRECTIONS.get(direction, direction))
                        if v is not None)
    if kind == "counts":
        unit = fact.get("unit")
        return " ".join(str(v) for v in (fact.get("value"), UNITS.get(unit, unit)) if v is not None)
    if kind == "dates":
        return str(fact.get("normalized") or "")
    return str(fact.get("ref") or "")
