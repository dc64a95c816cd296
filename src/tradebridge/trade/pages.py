"""What each trade page shows: the queries, the tables beside the charts and the charts, for
one set of request parameters. Plain functions, testable without HTTP."""

from __future__ import annotations

import re
from typing import Any

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tradebridge.trade import charts, exports, labels, queries
from tradebridge.trade.exports import PCT, USD, Column, Table
from tradebridge.trade.models import InvestmentRecord
from tradebridge.trade.queries import BadParameter
from tradebridge.trade.store import TradeStore

PLACE = re.compile(r"^([A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3})$")
DEFAULT_PROVINCE_PAIR = ("VN-HN", "LAO")


def dashboard_data(params: Any, store: TradeStore | None = None) -> tuple[queries.Pair, dict, list[str]]:
    store = store or TradeStore()
    con = queries.connection(store)
    pair = queries.parse_pair(params, store.years())
    data = queries.dashboard(store, pair.reporter, pair.partner, pair.year, con=con)
    countries = queries.countries(con)
    data["real_sections"] = queries.real_section_exports(con, [pair.reporter, pair.partner])
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
    return _("Imports of %(reporter)s from %(partner)s") % names


def province_data(params: Any, store: TradeStore | None = None) -> dict:
    store = store or TradeStore()
    reporter = _place(params.get("reporter"), "reporter", DEFAULT_PROVINCE_PAIR[0])
    partner = _place(params.get("partner"), "partner", DEFAULT_PROVINCE_PAIR[1])
    con = store.connect()
    try:
        figures = queries.reported_figures(con, reporter, partner)
        pairs = queries.reported_pairs(con)
    finally:
        con.close()
    names = labels.place_names(sorted({reporter, partner, *(c for p in pairs for c in p)}))
    for figure in figures:
        figure["flow_label"] = _flow_label(figure["flow"], names.get(reporter, reporter),
                                           names.get(partner, partner))
        for group in figure["groups"]:
            group["chapters"] = labels.group_chapters(group["group"])
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


def investment_rows(queryset) -> list[dict]:
    rows = []
    for record in queryset:
        direction = f"{record.source_label} → {record.destination_label}"
        cumulative = record.period == InvestmentRecord.Period.CUMULATIVE
        rows.append({
            "id": record.pk, "year": record.year, "period": record.get_period_display(),
            "cumulative": cumulative, "source": record.source_label,
            "destination": record.destination_label,
            "direction": direction + (f" ({_('cumulative')})" if cumulative else ""),
            "projects": record.projects, "capital_usd": float(record.capital_usd),
            "capital": record.capital, "currency": record.currency,
            "growth": float(record.growth_pct) / 100 if record.growth_pct is not None else None,
            "sector": record.sector, "citation": record.source, "quote": record.citation,
            "is_illustrative": record.is_illustrative, "archived": record.archived_at is not None,
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


def investment_totals(rows: list[dict]) -> list[dict]:
    """Sum per direction, period and year (records of one year and direction add up)."""
    totals: dict[tuple, dict] = {}
    for row in rows:
        if row["archived"]:
            continue
        key = (row["direction"], row["year"])
        total = totals.setdefault(key, {"direction": row["direction"], "year": row["year"],
                                        "projects": None, "capital_usd": 0.0, "records": 0})
        total["capital_usd"] += row["capital_usd"]
        total["records"] += 1
        if row["projects"] is not None:
            total["projects"] = (total["projects"] or 0) + row["projects"]
    return sorted(totals.values(), key=lambda t: (t["direction"], t["year"]))


def investments_context(queryset, params: Any) -> dict:
    rows = investment_rows(filter_investments(queryset, params))
    totals = investment_totals(rows)
    return {
        "rows": rows, "totals": totals, "tables": {"investments": exports.investment_table(rows)},
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
        return {"investments": exports.investment_table(rows)}
    raise BadParameter("page", f"no page {page!r}; use dashboard, province or investments")
