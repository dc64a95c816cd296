"""What the chain pages show, built from the models, the definition and the gap report: the
members by stage and country, the stages × years heat map of bilateral flows with its table,
the gap report with names in the reader's language, the chain's history."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from tradebridge.agreements.forms import REGION
from tradebridge.chains import gaps
from tradebridge.chains.definition import ChainDef
from tradebridge.chains.models import Chain, Member, Stage
from tradebridge.core.history import HistoryEntry, diffed_entries, related_entry
from tradebridge.geo.models import Country
from tradebridge.registry.models import Organization
from tradebridge.trade.exports import INT, TEXT, USD, Column, Table
from tradebridge.trade.labels import product_names
from tradebridge.trade.store import TradeStore

# Years shown in the heat map: the latest ones with bilateral flows.
GLANCE_YEARS = 5


def _region_order(alpha3: str) -> tuple[int, str]:
    return (REGION.index(alpha3) if alpha3 in REGION else len(REGION), alpha3)


def pair_countries(chain: Chain) -> list[Country]:
    """The two countries the chain links: its agreement's parties' (Vietnam and Laos for the
    MOU), else Vietnam and Laos."""
    codes: set[str] = set()
    if chain.agreement_id is not None:
        codes = set(chain.agreement.parties.values_list("organization__country__alpha3", flat=True))
    if len(codes) < 2:
        codes = {"VNM", "LAO"}
    ordered = sorted(codes, key=_region_order)[:2]
    found = {c.alpha3: c for c in Country.objects.filter(alpha3__in=ordered)}
    return [found[c] for c in ordered if c in found]


def members_by_country(chains) -> dict[int, list[tuple[str, int]]]:
    """Per chain id: (country name, active members) in the region's order."""
    counts = (
        Member.objects.active()
        .filter(chain__in=chains)
        .values("chain_id", "country__alpha3")
        .annotate(n=Count("id"))
        .order_by()
    )
    names = {
        c.alpha3: c.name for c in Country.objects.filter(alpha3__in={r["country__alpha3"] for r in counts})
    }
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for row in sorted(counts, key=lambda r: _region_order(r["country__alpha3"])):
        out[row["chain_id"]].append((names.get(row["country__alpha3"], row["country__alpha3"]), row["n"]))
    return out


@dataclass
class StageRow:
    stage: Stage
    products: list[tuple[str, str]]  # (dotted code, name) of the codes the stage is given by
    cells: list[tuple[Country, list[Member]]]


def member_grid(stages: list[Stage], members: list[Member], countries: list[Country]) -> tuple[list, list]:
    """Stages in order, each with its members per country (the pair first, then any other)."""
    columns = list(countries)
    seen = {c.pk for c in columns}
    for member in sorted(members, key=lambda m: _region_order(m.country.alpha3)):
        if member.country_id not in seen:
            seen.add(member.country_id)
            columns.append(member.country)
    by_cell: dict[tuple[int, int], list[Member]] = defaultdict(list)
    for member in members:
        by_cell[(member.stage_id, member.country_id)].append(member)
    codes = sorted({code for s in stages for code in (s.hs_codes or [])})
    names = product_names(codes)
    rows = [
        StageRow(
            stage,
            [(_dotted(code), names.get(code, "")) for code in (stage.hs_codes or [])],
            [(country, by_cell[(stage.pk, country.pk)]) for country in columns],
        )
        for stage in stages
    ]
    return columns, rows


def _dotted(code: str) -> str:
    return f"{code[:4]}.{code[4:]}" if len(code) == 6 else code


def glance(chain_def: ChainDef, stages: list[Stage], a: Country, b: Country) -> dict:
    """The heat map: per stage and year, the flows a → b and b → a, with a shade from 0 to 1
    (share of the largest value shown)."""
    years = sorted(gaps.available_years())[-GLANCE_YEARS:]
    rows = gaps.bilateral_by_stage(chain_def, a=a.alpha3, b=b.alpha3, years=years) if years else []
    values = {(r["stage"], r["year"]): r for r in rows}
    largest = max([max(r["a_to_b"], r["b_to_a"]) for r in rows] or [0.0]) or 1.0
    heat = []
    for stage in stages:
        cells = []
        for direction in ("a_to_b", "b_to_a"):
            for year in years:
                value = float(values.get((stage.key, year), {}).get(direction, 0.0) or 0.0)
                shade = value / largest
                cells.append(
                    {
                        "year": year,
                        "direction": direction,
                        "value": value,
                        "shade": shade,
                        "style": _heat_style(shade),
                    }
                )
        heat.append({"stage": stage, "cells": cells})
    synthetic = sorted(set(TradeStore().synthetic_years()) & set(years))
    return {
        "years": years,
        "a": a,
        "b": b,
        "rows": heat,
        "synthetic_years": synthetic,
        "has_data": any(r["a_to_b"] or r["b_to_a"] for r in rows),
        "table": flows_table(stages, rows, a, b),
    }


def _heat_style(shade: float) -> str:
    """A cell's colour: the project's green, stronger for larger values (written here so that
    no localized number ends up in the CSS)."""
    if shade <= 0:
        return ""
    alpha = 0.12 + 0.83 * shade
    text = "#fff" if alpha > 0.55 else "inherit"
    return f"background-color: rgba(11, 110, 79, {alpha:.2f}); color: {text}"


def flows_table(stages: list[Stage], rows: list[dict], a: Country, b: Country) -> Table:
    names = {s.key: s.name for s in stages}
    order = {s.key: s.position for s in stages}
    return Table(
        name="flows",
        title=_("Bilateral trade by stage"),
        columns=[
            Column("stage_id", _("stage id"), TEXT),
            Column("stage", _("stage"), TEXT),
            Column("year", _("year"), INT),
            Column("a_to_b", _("%(a)s to %(b)s") % {"a": a.name, "b": b.name}, USD),
            Column("b_to_a", _("%(a)s to %(b)s") % {"a": b.name, "b": a.name}, USD),
        ],
        rows=[
            {
                "stage_id": r["stage"],
                "stage": names.get(r["stage"], r["stage"]),
                "year": r["year"],
                "a_to_b": r["a_to_b"],
                "b_to_a": r["b_to_a"],
            }
            for r in sorted(rows, key=lambda r: (order.get(r["stage"], 0), r["year"]))
        ],
        notes=[_("Values in USD (BACI, thousands of USD × 1,000).")],
    )


def gap_view(report: dict, stages: list[Stage], members: list[Member]) -> dict:
    """The gap report with the reader's names: products, organisations, stages where the
    exporter or the importer has no member yet."""
    exporter, importer = report["exporter"], report["importer"]
    codes = [p["product"] for s in report["stages"] for p in s["products"]]
    names = product_names(codes)
    slugs = {
        slug
        for s in report["stages"]
        for p in s["products"]
        for side in p["members"].values()
        for slug in side
    }
    organizations = {o.slug: o for o in Organization.objects.filter(slug__in=slugs)}
    present = Counter((m.stage.key, m.country.alpha3) for m in members)
    by_key = {s.key: s for s in stages}
    out = []
    for stage_report in report["stages"]:
        stage = by_key.get(stage_report["id"])
        missing = [code for code in (exporter, importer) if not present[(stage_report["id"], code)]]
        products = []
        for product in stage_report["products"]:
            products.append(
                {
                    **product,
                    "dotted": _dotted(product["product"]),
                    "name": names.get(product["product"], ""),
                    "could_develop": not product["exporter_exports_world"] and not product["untapped"],
                    "suppliers": [
                        organizations[s] for s in product["members"].get("exporter", []) if s in organizations
                    ],
                    "buyers": [
                        organizations[s] for s in product["members"].get("importer", []) if s in organizations
                    ],
                }
            )
        out.append(
            {
                "id": stage_report["id"],
                "stage": stage,
                "flows": stage_report["flows"],
                "products": products,
                "missing": missing,
            }
        )
    return {"report": report, "stages": out}


def gap_table(view: dict, exporter: Country, importer: Country) -> Table:
    rows = []
    for stage in view["stages"]:
        for p in stage["products"]:
            rows.append(
                {
                    "stage": stage["stage"].name if stage["stage"] else stage["id"],
                    "product": p["product"],
                    "name": p["name"],
                    "importer_imports_world": p["importer_imports_world"],
                    "importer_imports_from_exporter": p["importer_imports_from_exporter"],
                    "exporter_exports_world": p["exporter_exports_world"],
                    "exporter_rca": p["exporter_rca"],
                    "exporter_density": p["exporter_density"],
                    "untapped": p["untapped"],
                    "could_develop": _("could develop") if p["could_develop"] else "",
                    "suppliers": ", ".join(o.display_name for o in p["suppliers"]),
                    "buyers": ", ".join(o.display_name for o in p["buyers"]),
                }
            )
    names = {"e": exporter.name, "i": importer.name}
    return Table(
        name="gaps",
        title=_("Gaps: what %(i)s buys that %(e)s could supply") % names,
        columns=[
            Column("stage", _("stage")),
            Column("product", _("HS code"), "code"),
            Column("name", _("product")),
            Column("importer_imports_world", _("%(i)s imports from the world") % names, USD),
            Column("importer_imports_from_exporter", _("%(i)s imports from %(e)s") % names, USD),
            Column("exporter_exports_world", _("%(e)s exports to the world") % names, USD),
            Column("exporter_rca", _("RCA of %(e)s") % names, "ratio"),
            Column("exporter_density", _("density for %(e)s") % names, "ratio"),
            Column("untapped", _("untapped value"), USD),
            Column("could_develop", _("could develop")),
            Column("suppliers", _("registry members that could supply")),
            Column("buyers", _("registry members that need it")),
        ],
        rows=rows,
        notes=[_("Values in USD for %(year)s.") % {"year": view["report"]["year"]}],
    )


def chain_history(chain: Chain, limit: int = 300) -> list[HistoryEntry]:
    """Every change of the chain, its stages and its members, newest first."""
    entries = diffed_entries(chain.history, Chain)
    for record in Stage.history.filter(chain_id=chain.pk).select_related("history_user"):
        entries.append(
            related_entry(
                record, _("stage"), f"{record.key}: {record.name_en} ({', '.join(record.hs_codes or [])})"
            )
        )
    member_records = list(Member.history.filter(chain_id=chain.pk).select_related("history_user"))
    slugs = dict(
        Organization.objects.filter(pk__in={r.organization_id for r in member_records}).values_list(
            "pk", "slug"
        )
    )
    for record in member_records:
        entries.append(
            related_entry(
                record,
                _("member"),
                f"{slugs.get(record.organization_id, '')} · {record.role} · {record.status}",
            )
        )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
