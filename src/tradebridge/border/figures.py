"""The gate dashboard's aggregates, read from the monthly sums (ClearanceMonthly) rather than
the figures: trend (monthly, yearly), growth against the same period of earlier years,
month-of-year seasonality, top products, and the comparison of the gates along a corridor.

Values are those of one measure (value in USD, tonnes, vehicles or containers) for all
directions together or one direction. "All goods" is the figure recorded for all goods where
there is one, else the sum of the HS chapters (clearance.refresh_monthly)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from tradebridge.border.access import can_manage_border
from tradebridge.border.clearance import ALL_GOODS
from tradebridge.border.clearance_files import DIRECTIONS, MEASURES
from tradebridge.border.models import ClearanceFigure, ClearanceMonthly, Corridor, Gate

TOP_PRODUCTS = 10


def measure_label(measure: str) -> str:
    return str(ClearanceFigure.Measure(measure).label)


def direction_label(direction: str | None) -> str:
    return dict(direction_choices()).get(direction or "", _("all directions"))


def _growth(value: float | None, earlier: float | None) -> float | None:
    if value is None or not earlier:
        return None
    return value / earlier - 1


def _series(gate: Gate, measure: str, direction: str | None) -> tuple[dict[tuple[int, int], dict], bool]:
    """{(year, month): {direction: value}} of the all-goods sums, and whether any is illustrative."""
    rows = ClearanceMonthly.objects.filter(gate=gate, measure=measure, product=ALL_GOODS)
    if direction:
        rows = rows.filter(direction=direction)
    series: dict[tuple[int, int], dict] = defaultdict(dict)
    illustrative = False
    for row_direction, year, month, value, flagged in rows.values_list(
        "direction", "year", "month", "value", "is_illustrative"
    ):
        series[(year, month)][row_direction] = value
        illustrative = illustrative or flagged
    return series, illustrative


def _with_total(values: dict[str, float]) -> dict[str, Any]:
    return {**{d: values.get(d) for d in DIRECTIONS}, "total": sum(values.values()) if values else None}


def monthly_trend(series: dict) -> list[dict[str, Any]]:
    rows = []
    for year, month in sorted(key for key in series if key[1]):
        row = {
            "period": f"{year}-{month:02d}",
            "year": year,
            "month": month,
            **_with_total(series[(year, month)]),
        }
        earlier = series.get((year - 1, month))
        row["growth"] = _growth(row["total"], sum(earlier.values()) if earlier else None)
        rows.append(row)
    return rows


def yearly_trend(series: dict) -> list[dict[str, Any]]:
    """Each year's total: the sum of its months where it has months, else its year figure."""
    years: dict[int, dict[str, float]] = {}
    months_of: dict[int, int] = defaultdict(int)
    for year, month in series:
        if month:
            months_of[year] += 1
    for (year, month), values in series.items():
        if bool(month) != bool(months_of[year]):
            continue
        target = years.setdefault(year, {})
        for direction, value in values.items():
            target[direction] = target.get(direction, 0.0) + value
    rows, previous = [], None
    for year in sorted(years):
        row = {"year": year, "months": months_of[year] or 12, **_with_total(years[year])}
        row["growth"] = _growth(row["total"], previous)
        previous = row["total"]
        rows.append(row)
    return rows


def same_period_growth(series: dict) -> dict[str, Any]:
    """The latest year's months so far (January to its last month with figures) against the same
    months of each earlier year: "growth compared with previous years" on equal terms."""
    months = sorted(key for key in series if key[1])
    if not months:
        return {"through": None, "rows": []}
    latest_year, last_month = months[-1]
    rows, previous = [], None
    for year in sorted({key[0] for key in months}):
        covered = [series[(year, m)] for m in range(1, last_month + 1) if (year, m) in series]
        if not covered:
            continue
        total = sum(sum(values.values()) for values in covered)
        rows.append(
            {
                "year": year,
                "period": f"{year}-01…{year}-{last_month:02d}",
                "total": total,
                "months": len(covered),
                "growth": _growth(total, previous),
            }
        )
        previous = total
    return {"through": f"{latest_year}-{last_month:02d}", "rows": rows}


def seasonality(series: dict) -> list[dict[str, Any]]:
    """Month of the year: the average over the years with figures, and its index (1.0 = an
    average month)."""
    totals: dict[int, list[float]] = defaultdict(list)
    for (_year, month), values in series.items():
        if month:
            totals[month].append(sum(values.values()))
    averages = {month: sum(v) / len(v) for month, v in totals.items()}
    overall = sum(averages.values()) / len(averages) if averages else 0
    return [
        {
            "month": month,
            "average": averages.get(month),
            "years": len(totals.get(month, [])),
            "index": (averages[month] / overall) if month in averages and overall else None,
        }
        for month in range(1, 13)
    ]


def product_names(codes: list[str]) -> dict[str, str]:
    """HS chapters named in the reader's language (catalog glossary names), group keys as typed."""
    from tradebridge.catalog.models import HSCode

    names = {code: code for code in codes}
    for chapter in HSCode.objects.filter(code__in=[c for c in codes if c.isdigit()], level=2):
        names[chapter.code] = chapter.name
    return names


def top_products(gate: Gate, measure: str, direction: str | None, year: int | None) -> list[dict[str, Any]]:
    if year is None:
        return []
    base = ClearanceMonthly.objects.filter(gate=gate, measure=measure).exclude(product__in=(ALL_GOODS, ""))
    if direction:
        base = base.filter(direction=direction)
    current = dict(
        base.filter(year=year).values("product").annotate(v=Sum("value")).values_list("product", "v")
    )
    top = sorted(current.items(), key=lambda item: -item[1])[:TOP_PRODUCTS]
    earlier = dict(
        base.filter(year=year - 1, product__in=[p for p, _v in top])
        .values("product")
        .annotate(v=Sum("value"))
        .values_list("product", "v")
    )
    total = sum(v for p, v in current.items() if p.isdigit()) or None
    names = product_names([p for p, _v in top])
    return [
        {
            "product": product,
            "name": names[product],
            "value": value,
            "share": value / total if total and product.isdigit() else None,
            "previous": earlier.get(product),
            "growth": _growth(value, earlier.get(product)),
        }
        for product, value in top
    ]


def gate_dashboard(
    gate: Gate, measure: str = "value_usd", direction: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """Everything the dashboard page, its downloads and its PDF show for one gate and measure."""
    if measure not in MEASURES:
        measure = "value_usd"
    if direction not in DIRECTIONS:
        direction = None
    series, illustrative = _series(gate, measure, direction)
    yearly = yearly_trend(series)
    years = [row["year"] for row in yearly]
    chosen = year if year in years else (years[-1] if years else None)
    return {
        "gate": gate,
        "measure": measure,
        "direction": direction,
        "year": chosen,
        "years": years,
        "monthly": monthly_trend(series),
        "yearly": yearly,
        "same_period": same_period_growth(series),
        "seasonality": seasonality(series),
        "top_products": top_products(gate, measure, direction, chosen),
        "illustrative": illustrative,
        "has_figures": bool(series),
    }


def corridor_gates(corridor: Corridor | str) -> list[Gate]:
    from tradebridge.border import gates as gate_services

    if isinstance(corridor, str):
        corridor = Corridor.objects.active().filter(slug=corridor).first()
        if corridor is None:
            return []
    return list(gate_services.gates_on_corridor(corridor))


def corridor_comparison(
    corridor: Corridor, measure: str = "value_usd", direction: str | None = None
) -> dict[str, Any]:
    """Yearly all-goods totals of each gate on the corridor (one query over the monthly sums)."""
    gates = corridor_gates(corridor)
    rows = ClearanceMonthly.objects.filter(gate__in=gates, measure=measure, product=ALL_GOODS)
    if direction in DIRECTIONS:
        rows = rows.filter(direction=direction)
    sums: dict[tuple[int, int, bool], float] = defaultdict(float)
    illustrative = False
    has_months: set[tuple[int, int]] = set()
    found = list(
        rows.values("gate_id", "year", "month")
        .annotate(v=Sum("value"))
        .values_list("gate_id", "year", "month", "v")
    )
    for gate_id, year, month, _value in found:
        if month:
            has_months.add((gate_id, year))
    for gate_id, year, month, value in found:
        if month or (gate_id, year) not in has_months:
            sums[(gate_id, year)] += value
    illustrative = rows.filter(is_illustrative=True).exists()
    years = sorted({year for _gate, year in sums})
    table = []
    for gate in gates:
        row = {"gate": str(gate.zone.name), "code": gate.zone.code}
        for year in years:
            row[str(year)] = sums.get((gate.pk, year))
        table.append(row)
    return {
        "corridor": corridor,
        "gates": gates,
        "years": years,
        "rows": table,
        "measure": measure,
        "direction": direction if direction in DIRECTIONS else None,
        "illustrative": illustrative,
    }


def gate_page_context(user: Any, gate: Gate) -> dict[str, Any]:
    """What border/_figures_section.html needs on the gate page: the latest year of each
    measure with figures and its growth on the same months a year before, the pressure badge,
    and the links."""
    from tradebridge.border.pressure import gate_warning

    summary = []
    for measure in MEASURES:
        series, illustrative = _series(gate, measure, None)
        if not series:
            continue
        same = same_period_growth(series)
        latest = same["rows"][-1] if same["rows"] else None
        summary.append(
            {
                "measure": measure,
                "label": measure_label(measure),
                "through": same["through"],
                "value": latest["total"] if latest else None,
                "growth": latest["growth"] if latest else None,
                "illustrative": illustrative,
            }
        )
    code = gate.zone.code
    return {
        "figures_summary": summary,
        "figures_illustrative": any(item["illustrative"] for item in summary),
        "figures_url": reverse("border:figures", args=[code]),
        "pressure_url": reverse("border:pressure", args=[code]),
        "pressure_warning": gate_warning(gate),
        "can_manage_figures": can_manage_border(user),
        "figures_import_url": reverse("border:figures_import"),
        "figures_add_url": reverse("border:figures_add"),
    }


def direction_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in ClearanceFigure._meta.get_field("direction").choices]


def measure_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in ClearanceFigure.Measure.choices]
