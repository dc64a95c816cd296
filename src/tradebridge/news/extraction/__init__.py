"""Facts from Vietnamese trade news (spec/facts.md, format ``tradebridge.facts/1``).

`extract_facts(text, published=…)` returns the spec's document.  Everything is rules over the
text; the only tables are the geo app's reference data (read from its data files) and, when a
database is there, the registry's organisation names.
"""

from __future__ import annotations

import datetime as dt

from tradebridge.news.extraction.dates import find_dates, header_date
from tradebridge.news.extraction.gazetteer import Gazetteer, find_places, reference_gazetteer
from tradebridge.news.extraction.orgs import find_organisations, registry_table
from tradebridge.news.extraction.quantities import find_amounts, find_counts, find_percentages
from tradebridge.news.extraction.text import nfc, working_copy

FORMAT = "tradebridge.facts/1"

__all__ = ["FORMAT", "extract_facts"]


def _overlaps(fact, spans):
    return any(fact["start"] < b and a < fact["end"] for a, b in spans)


def extract_facts(text: str, *, published: dt.date | None = None, lang: str = "vi",
                  gazetteer: Gazetteer | None = None,
                  registry: dict[str, str] | None = None) -> dict:
    """The facts of one article.  `gazetteer` and `registry` (org key → slug) default to the
    reference data and the registry's organisations (none without a database)."""
    text = nfc(text)
    work = working_copy(text)
    if published is None:
        published = header_date(work)
    dates = find_dates(text, work, published)
    date_spans = [(d["start"], d["end"]) for d in dates]
    amounts = [a for a in find_amounts(text, work) if not _overlaps(a, date_spans)]
    percentages = [p for p in find_percentages(text, work) if not _overlaps(p, date_spans)]
    taken = date_spans + [(f["start"], f["end"]) for f in amounts + percentages]
    counts = _dedupe([c for c in find_counts(text, work) if not _overlaps(c, taken)])
    mentions: list[dict] = []
    countries, places = find_places(text, work, gazetteer or reference_gazetteer(), mentions)
    organisations = find_organisations(
        text, work, registry if registry is not None else registry_table(), mentions)
    return {
        "format": FORMAT,
        "published": published.isoformat() if published else None,
        "amounts": amounts,
        "percentages": percentages,
        "counts": counts,
        "dates": dates,
        "countries": countries,
        "places": places,
        "organisations": organisations,
    }


def _dedupe(facts: list[dict]) -> list[dict]:
    """One fact per span: overlapping matches keep the earlier, longer one."""
    facts.sort(key=lambda f: (f["start"], -(f["end"] - f["start"])))
    out: list[dict] = []
    for fact in facts:
        if out and fact["start"] < out[-1]["end"]:
            continue
        out.append(fact)
    return out
