"""What each trade page shows: the queries, the tables beside the charts and the charts, for
one set of request parameters. Plain functions, testable without HTTP."""

from __future__ import annotations

import re
from typing import Any

from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tradebridge.core.figures import Qualifier, derived_note, qualify
from tradebridge.trade import charts, exports, labels, queries, reported
from tradebridge.trade.exports import PCT, USD, Column, Table
from tradebridge.trade.models import InvestmentRecord
from tradebridge.trade.queries import BadParameter
from tradebridge.trade.store import TradeStore

PLACE = re.compile(r"^([A-Z][A-Z0-9]{2}|[A-Z]{2}-[A-Z0-9]{1,3})$")
DEFAULT_PROVINCE_PAIR = ("VN-HN", "LAO")


def dashboard_data(params: Any, store: TradeStore | None = None) -> tuple[queries.Pair, dict, list[str]]:
    store = store or TradeStore()
    con = queries.connection(store)
    pair = queries.parse_pair(params, store.years())
    data = queries.dashboard(store, pair.reporter, pair.partner, pair.year, con=con)
    countries = queries.countries(con)
    data["real_sections"] = reported.real_section_exports(con, [pair.reporter, pair.partner])
    names = labels.country_names([pair.reporter, pair.partner])
    for row in data["potential"]:
        row["why"] = potential_reasons(row, names.get(pair.reporter, pair.reporter),
                                       names.get(pair.partner, pair.partner))
    return pair, data, countries


def potential_reasons(row: dict, exporter: str, partner: str) -> list[str]:
    """The reasons of an export-potential result, in the reader's language."""
    from tradebridge.trade.templatetags.trade_format import musd, pct, ratio

    from_exporter = row["partner_imports_from_exporter"]
    share = from_exporter / row["partner_world_imports"] if row["partner_world_imports"] else None
    names = {"exporter": exporter, "partner": partner, "rca": ratio(row["exporter_rca"]),
             "world": musd(row["partner_world_imports"]), "value": musd(from_exporter), "share": pct(share)}
    return [
        _("%(exporter)s is competitive: RCA %(rca)s (1 or more)") % names,
        _("%(partner)s imports %(world)s from the world") % names,
        _("of which %(value)s (%(share)s) from %(exporter)s") % names,
    ]


def _real_sections_table(data: dict, names: dict[str, str]) -> Table:
    real = data["real_sections"]
    reporter, partner = data["reporter"], data["partner"]
    columns = [Column("section_name", _("HS section"))]
    for code in (reporter, partner):
        label = _("exports of %(country)s (USD)") % {"country": names.get(code, code)}
        columns += [Column(code, label, USD), Column(f"{code}_share", _("share"), PCT)]
    return Table("real_sections", _("Real exports by HS section"), columns, real["rows"],
                 [_("Source: %(source)s") % {"source": s} for s in real["sources"]])


def dashboard_context(params: Any, *, with_charts: bool = True) -> dict:
    pair, data, countries = dashboard_data(params)
    names = labels.country_names(sorted({*countries, pair.reporter, pair.partner}))
    tables = exports.dashboard_tables(data, names)
    tables["real_sections"] = _real_sections_table(data, names)
    query = {"reporter": pair.reporter, "partner": pair.partner, "year": pair.year or ""}
    context = {
        "pair": pair, "data": data, "tables": tables, "querystring": urlencode(query),
        "reporter_name": names.get(pair.reporter, pair.reporter),
        "partner_name": names.get(pair.partner, pair.partner),
        "countries": [(c, names.get(c, c)) for c in countries],
        "years": data["years"],
    }
    if with_charts:
        context["charts"] = _dashboard_charts(data, context)
    return context


def _dashboard_charts(data: dict, context: dict) -> dict[str, str]:
    reporter, partner = context["reporter_name"], context["partner_name"]
    pair = {"reporter": reporter, "partner": partner}
    out = {"totals": charts.totals_chart(data["totals"], reporter, partner)}
    if data["year"] is None:
        return out
    out["composition"] = charts.treemap_chart(
        data["composition"], _("Exports of %(reporter)s to %(partner)s") % pair, "chart-composition")
    out["composition_imports"] = charts.treemap_chart(
        data["composition_imports"], _("Imports of %(reporter)s from %(partner)s") % pair,
        "chart-composition-imports")
    out["top_exports"] = charts.products_chart(
        data["top_exports"], _("Exports of %(reporter)s to %(partner)s") % pair, "chart-top-exports")
    out["top_imports"] = charts.products_chart(
        data["top_imports"], _("Imports of %(reporter)s from %(partner)s") % pair, "chart-top-imports")
    out["rca"] = charts.rca_chart(data["rca"], [(data["reporter"], reporter), (data["partner"], partner)])
    out["potential"] = charts.potential_chart(data["potential"])
    return out


def _place(value: str | None, field: str, default: str) -> str:
    code = (value or default).strip().upper()
    if not PLACE.match(code):
        raise BadParameter(field, f"{value!r} is not a country (ISO3, e.g. LAO) or province "
                                  "(ISO 3166-2, e.g. VN-HN) code")
    return code


def _flow_label(flow: str, reporter: str, partner: str) -> str:
    names = {"reporter": reporter, "partner": partner}
    if flow == "export":
        return _("Exports of %(reporter)s to %(partner)s") % names
    if flow == "total":
        return _("Trade between %(reporter)s and %(partner)s") % names
    return _("Imports of %(reporter)s from %(partner)s") % names


def stated_text(value: float | None, qualifier: str, derived: bool = False) -> str:
    """A figure as the source states it, in the reader's language: "more than 6,090.0 M USD";
    a derived one says so."""
    from tradebridge.trade.templatetags.trade_format import musd

    text = qualify(musd(value), qualifier)
    return f"{text} ({derived_note()})" if derived and value is not None else text


def _share_note(figure: dict, reporter: str) -> str:
    from tradebridge.trade.templatetags.trade_format import pct

    if figure.get("share_of_total") is None:
        return ""
    names = {"share": pct(figure["share_of_total"]), "reporter": reporter}
    if figure["flow"] == "export":
        return _("%(share)s of all exports of %(reporter)s") % names
    if figure["flow"] == "import":
        return _("%(share)s of all imports of %(reporter)s") % names
    return _("%(share)s of all trade of %(reporter)s") % names


def _rank_note(figure: dict, reporter: str) -> str:
    if not figure.get("rank"):
        return ""
    names = {"rank": figure["rank"], "of": figure["rank_of"], "reporter": reporter}
    if figure.get("rank_of"):
        return _("no. %(rank)s of %(of)s partners of %(reporter)s") % names
    return _("no. %(rank)s among the partners of %(reporter)s") % names


def province_data(params: Any, store: TradeStore | None = None) -> dict:
    store = store or TradeStore()
    reporter = _place(params.get("reporter"), "reporter", DEFAULT_PROVINCE_PAIR[0])
    partner = _place(params.get("partner"), "partner", DEFAULT_PROVINCE_PAIR[1])
    con = store.connect()
    try:
        figures = reported.reported_figures(con, reporter, partner)
        pairs = reported.reported_pairs(con)
    finally:
        con.close()
    names = labels.place_names(sorted({reporter, partner, *(c for p in pairs for c in p)}))
    reporter_name = names.get(reporter, reporter)
    for figure in figures:
        figure["flow_label"] = _flow_label(figure["flow"], reporter_name, names.get(partner, partner))
        figure["stated"] = stated_text(figure["value"], figure["qualifier"], figure["derived"])
        figure["share_note"] = _share_note(figure, reporter_name)
        figure["rank_note"] = _rank_note(figure, reporter_name)
        for group in figure["groups"]:
            group["chapters"] = labels.group_chapters(group["group"])
            group["stated"] = stated_text(group["value"], group["qualifier"], group["derived"])
    return {"reporter": reporter, "partner": partner, "figures": figures, "names": names,
            "pairs": [(r, p, names.get(r, r), names.get(p, p)) for r, p in pairs]}


def province_context(params: Any) -> dict:
    data = province_data(params)
    reporter_name = data["names"].get(data["reporter"], data["reporter"])
    partner_name = data["names"].get(data["partner"], data["partner"])
    table = exports.reported_table(data["figures"], reporter_name, partner_name)
    return {
        **data, "reporter_name": reporter_name, "partner_name": partner_name,
        "tables": {"reported": table},
        "querystring": urlencode({"reporter": data["reporter"], "partner": data["partner"]}),
        "chart": charts.reported_chart(data["figures"]) if data["figures"] else "",
    }


def _rank_text(rank: int | None, of: int | None) -> str:
    if not rank:
        return ""
    return f"{rank} / {of}" if of else str(rank)


def investment_rank_notes(record: InvestmentRecord) -> list[str]:
    """The ranks the source states, as sentences: "Viet Nam: no. 3 among the countries and
    territories investing in Laos", "Laos: no. 1 of 79 destinations of investment from Viet Nam"."""
    names = {"investor": str(record.source_country), "destination": str(record.destination_country)}
    notes = []
    if record.investor_rank:
        names.update(rank=record.investor_rank, of=record.investor_rank_of)
        notes.append((_("%(investor)s: no. %(rank)s of %(of)s countries and territories investing in "
                        "%(destination)s") if record.investor_rank_of else
                      _("%(investor)s: no. %(rank)s among the countries and territories investing in "
                        "%(destination)s")) % names)
    if record.destination_rank:
        names.update(rank=record.destination_rank, of=record.destination_rank_of)
        notes.append((_("%(destination)s: no. %(rank)s of %(of)s countries and territories in which "
                        "%(investor)s invests") if record.destination_rank_of else
                      _("%(destination)s: no. %(rank)s among the countries and territories in which "
                        "%(investor)s invests")) % names)
    return notes


def province_report_context(params: Any) -> dict:
    """The printable report of the reported figures: each total as the source states it, with
    its share and rank, and the table of every figure (qualifier and derived columns included)."""
    data = province_data(params)
    reporter_name = data["names"].get(data["reporter"], data["reporter"])
    partner_name = data["names"].get(data["partner"], data["partner"])
    kpis = [{"stated": f["stated"], "label": f"{f['flow_label']}, {f['year']}",
             "notes": [n for n in (f["share_note"], f["rank_note"]) if n]}
            for f in data["figures"] if f["value"] is not None]
    title = _("Figures reported for %(reporter)s and %(partner)s") % {"reporter": reporter_name,
                                                                      "partner": partner_name}
    return {"report_title": title, "kpis": kpis,
            "report_tables": [exports.reported_table(data["figures"], reporter_name, partner_name)],
            "filename": f"tradebridge-reported-{data['reporter']}-{data['partner']}.pdf"}


def investments_report_context(queryset, params: Any) -> dict:
    rows = [r for r in investment_rows(filter_investments(queryset, params)) if not r["archived"]]
    totals = investment_totals(rows)
    return {"report_title": _("Investment records"), "kpis": [],
            "report_tables": [exports.investment_totals_table(totals), exports.investment_table(rows)],
            "filename": "tradebridge-investments.pdf"}


def investment_rows(queryset) -> list[dict]:
    rows = []
    for record in queryset:
        direction = f"{record.source_label} → {record.destination_label}"
        cumulative = record.period == InvestmentRecord.Period.CUMULATIVE
        capital_usd = float(record.capital_usd)
        period_note = pgettext("investment period", "cumulative")
        rows.append({
            "id": record.pk, "year": record.year, "period": record.get_period_display(),
            "cumulative": cumulative, "source": record.source_label,
            "destination": record.destination_label,
            "direction": direction + (f" ({period_note})" if cumulative else ""),
            "kind": record.kind, "kind_label": record.get_kind_display(),
            "projects": record.projects, "contributions": record.contributions,
            "capital_usd": capital_usd, "qualifier": record.qualifier,
            "qualifier_label": labels.qualifier_label(record.qualifier),
            "stated": stated_text(capital_usd, record.qualifier),
            "capital": record.capital, "currency": record.currency,
            "growth": float(record.growth_pct) / 100 if record.growth_pct is not None else None,
            "investor_rank": _rank_text(record.investor_rank, record.investor_rank_of),
            "destination_rank": _rank_text(record.destination_rank, record.destination_rank_of),
            "ranks": investment_rank_notes(record),
            "sector": record.sector, "citation": record.source, "quote": record.citation,
            "is_illustrative": record.is_illustrative, "archived": record.is_archived,
        })
    return rows


def filter_investments(queryset, params: Any):
    lookups = (("source", "source_country__alpha3"), ("destination", "destination_country__alpha3"))
    for field, lookup in lookups:
        value = (params.get(field) or "").strip().upper()
        if value:
            if not queries.ISO3.match(value):
                raise BadParameter(field, f"{value!r} is not an ISO 3166 alpha-3 country code")
            queryset = queryset.filter(**{lookup: value})
    return queryset


def combined_qualifier(qualifiers: list[str]) -> str:
    """The qualifier of a sum: exact only if every part is; "more than" a sum of parts that are
    exact or more than (likewise at least, nearly); otherwise approximately (estimated when a
    part is)."""
    kinds = {q or "" for q in qualifiers} - {""}
    if not kinds:
        return ""
    if len(kinds) == 1:
        return kinds.pop()
    if Qualifier.ESTIMATED in kinds:
        return Qualifier.ESTIMATED
    return Qualifier.APPROXIMATELY


def _count(records: list[dict], key: str) -> int | None:
    counts = [r[key] for r in records if r[key] is not None]
    return sum(counts) if counts else None


def investment_totals(rows: list[dict]) -> list[dict]:
    """One row per direction (with period) and year.  A stated total (kind "total") is taken as
    stated; only without one are the parts added up, and such a sum of several records is
    marked derived.  New projects and capital contributions or share purchases are counted
    apart: contributions never add into projects."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        if not row["archived"]:
            groups.setdefault((row["direction"], row["year"]), []).append(row)
    out = []
    for (direction, year), records in groups.items():
        stated = [r for r in records if r["kind"] == InvestmentRecord.Kind.TOTAL]
        parts = [r for r in records if r["kind"] != InvestmentRecord.Kind.TOTAL]
        chosen = stated or parts
        capital = sum(r["capital_usd"] for r in chosen)
        qualifier = combined_qualifier([r["qualifier"] for r in chosen])
        derived = not stated and len(parts) > 1
        new_projects = [r for r in parts if r["kind"] == InvestmentRecord.Kind.NEW_PROJECTS]
        projects = _count(stated, "projects")
        contributions = _count(stated, "contributions")
        out.append({
            "direction": direction, "year": year, "records": len(records),
            "projects": projects if projects is not None else _count(new_projects, "projects"),
            "contributions": contributions if contributions is not None else _count(parts, "contributions"),
            "capital_usd": capital, "qualifier": qualifier, "derived": derived,
            "stated": stated_text(capital, qualifier, derived),
        })
    return sorted(out, key=lambda t: (t["direction"], t["year"]))


def investments_context(queryset, params: Any) -> dict:
    rows = investment_rows(filter_investments(queryset, params))
    totals = investment_totals(rows)
    return {
        "rows": rows, "totals": totals,
        "tables": {"investments": exports.investment_table(rows),
                   "investment_totals": exports.investment_totals_table(totals)},
        "chart": charts.investment_chart(totals) if totals else "",
        "querystring": urlencode({k: params.get(k) for k in ("source", "destination") if params.get(k)}),
        "illustrative": any(r["is_illustrative"] for r in rows),
    }


def tables_for(page: str, params: Any, investments_queryset) -> dict[str, Table]:
    if page == "dashboard":
        pair, data, countries = dashboard_data(params)
        names = labels.country_names(sorted({*countries, pair.reporter, pair.partner}))
        tables = exports.dashboard_tables(data, names)
        tables["real_sections"] = _real_sections_table(data, names)
        return tables
    if page == "province":
        data = province_data(params)
        return {"reported": exports.reported_table(
            data["figures"], data["names"].get(data["reporter"], data["reporter"]),
            data["names"].get(data["partner"], data["partner"]))}
    if page == "investments":
        rows = investment_rows(filter_investments(investments_queryset, params))
        return {"investments": exports.investment_table(rows),
                "investment_totals": exports.investment_totals_table(investment_totals(rows))}
    raise BadParameter("page", f"no page {page!r}; use dashboard, province or investments")
