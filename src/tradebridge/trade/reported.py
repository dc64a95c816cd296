"""Figures that do not come from the BACI or Comtrade flows: what agencies report (province
level included, with how the source states each figure) and real exports by HS section (OEC)."""

from __future__ import annotations

from collections import defaultdict

from tradebridge.trade import labels
from tradebridge.trade.queries import TOTAL_GROUP, growth, query_rows


def reported_pairs(con) -> list[tuple[str, str]]:
    return [tuple(r) for r in query_rows(con, "SELECT DISTINCT reporter, partner FROM reported "
                                              "ORDER BY reporter, partner")]


def reported_figures(con, reporter: str, partner: str) -> list[dict]:
    """Agency-reported totals per year and flow (export, import, total: two-way), with growth
    and the groups' shares.  Each figure keeps how the source states it: `qualifier` ('' when
    exact), `derived` (worked out from other figures, not stated), the stated growth, share of
    the total (`share_of_total`, a fraction) and rank.  `growth` is the stated one where the
    source gives it, else computed from the previous year."""
    rows = query_rows(con, """
        SELECT year, flow, hs_or_group, value, source, coalesce(qualifier, ''), coalesce(derived, false),
               growth_pct, share_of_total_pct, rank, rank_of
        FROM reported WHERE reporter = ? AND partner = ?
        ORDER BY flow, year, hs_or_group""", [reporter, partner])
    totals: dict[tuple[str, int], dict] = {}
    groups: dict[tuple[str, int], list] = defaultdict(list)
    for year, flow, group, value, source, qualifier, derived, growth_pct, share_pct, rank, rank_of in rows:
        figure = {"year": year, "flow": flow, "value": value, "source": source, "qualifier": qualifier,
                  "derived": bool(derived), "stated_growth": _fraction(growth_pct),
                  "share_of_total": _fraction(share_pct), "rank": rank, "rank_of": rank_of}
        if group.upper() == TOTAL_GROUP:
            totals[(flow, year)] = figure
        else:
            groups[(flow, year)].append({"group": group, "label": labels.group_label(group), **figure})
    out = []
    for key in sorted(set(totals) | set(groups)):
        flow, year = key
        total = totals.get(key) or {"year": year, "flow": flow, "value": None, "source": "", "qualifier": "",
                                    "derived": False, "stated_growth": None, "share_of_total": None,
                                    "rank": None, "rank_of": None}
        previous = totals.get((flow, year - 1))
        computed = growth(total["value"], previous and previous["value"])
        items = sorted(groups.get(key, []), key=lambda g: -(g["value"] or 0))
        for item in items:
            item["share"] = item["share_of_total"]
            if item["share"] is None and total["value"] and item["value"] is not None:
                item["share"] = item["value"] / total["value"]
        out.append({
            **total,
            "growth": total["stated_growth"] if total["stated_growth"] is not None else computed,
            "groups": items,
        })
    return out


def _fraction(percent: float | None) -> float | None:
    return None if percent is None else percent / 100


def real_section_exports(con, countries: list[str]) -> dict:
    """Real exports by HS section (the `section_exports` view, e.g. OEC) of each country: the
    latest year per country, with its source."""
    rows = query_rows(con, """
        SELECT country, section, value, year, source FROM section_exports
        WHERE country IN (SELECT unnest(?)) AND year = (
            SELECT max(year) FROM section_exports s2 WHERE s2.country = section_exports.country)
        ORDER BY section""", [countries])
    names = labels.section_names()
    by_section: dict[int, dict] = {}
    sources, years = set(), set()
    for country, section, value, year, source in rows:
        row = by_section.setdefault(section, {"section": section,
                                              "section_name": names.get(section, str(section))})
        row[country] = value
        sources.add(source)
        years.add(year)
    for country in countries:
        total = sum(r.get(country) or 0.0 for r in by_section.values())
        for row in by_section.values():
            row[f"{country}_share"] = (row.get(country) or 0.0) / total if total else None
    return {"rows": list(by_section.values()), "sources": sorted(sources), "years": sorted(years)}
