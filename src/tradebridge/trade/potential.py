"""Export potential for a pair of countries.

A product is a candidate when the exporter is competitive in it (Balassa RCA ≥ 1) and the partner
imports it from the world.  What the partner buys elsewhere and the exporter could supply is

    untapped = min(partner's imports from the world, exporter's exports to the world)
               − partner's imports from the exporter          (never below zero)

so a product the exporter already sells to the partner in full scores 0, and the exporter's own
sales cap the estimate.  Products are ranked by untapped value.  Each result carries ``reasons``:
plain English facts with the numbers used, which the page may reword or translate.
"""

from __future__ import annotations

from tradebridge.trade.indicators import IndicatorError, check_year, product_column
from tradebridge.trade.store import TradeStore


def _usd(value: float) -> str:
    for limit, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:,.1f} {unit} USD"
    return f"{value:,.0f} USD"


def export_potential(
    store: TradeStore, exporter: str, partner: str, year: int, *, level: int = 6, limit: int = 50
) -> list[dict]:
    exporter, partner = exporter.upper(), partner.upper()
    if exporter == partner:
        raise IndicatorError("the exporter and the partner must be different countries")
    product = product_column(level)
    check_year(store, year)
    con = store.connect()
    try:
        rows = con.execute(
            f"""
            WITH world AS (
                SELECT {product} AS p, sum(value) AS v FROM country_exports WHERE year = $year GROUP BY ALL),
            total AS (SELECT sum(v) AS v FROM world),
            mine AS (
                SELECT {product} AS p, sum(value) AS v FROM country_exports
                WHERE year = $year AND country = $exporter GROUP BY ALL),
            mine_total AS (SELECT sum(v) AS v FROM mine),
            their AS (
                SELECT {product} AS p, sum(value) AS v FROM country_imports
                WHERE year = $year AND country = $partner GROUP BY ALL),
            bilateral AS (
                SELECT {product} AS p, sum(value) AS v FROM flows
                WHERE year = $year AND exporter = $exporter AND importer = $partner GROUP BY ALL),
            scored AS (
                SELECT mine.p AS product,
                       (mine.v / mine_total.v) / (world.v / total.v) AS rca,
                       mine.v AS exporter_world,
                       their.v AS partner_world,
                       coalesce(bilateral.v, 0) AS bilateral
                FROM mine JOIN world USING (p) JOIN their USING (p) LEFT JOIN bilateral USING (p),
                     total, mine_total)
            SELECT *, greatest(least(partner_world, exporter_world) - bilateral, 0) AS untapped
            FROM scored WHERE rca >= 1 AND least(partner_world, exporter_world) > bilateral
            ORDER BY untapped DESC, product LIMIT $limit
            """,  # noqa: S608
            {"year": int(year), "exporter": exporter, "partner": partner, "limit": int(limit)},
        ).fetchall()
    finally:
        con.close()
    out = []
    for product_code, rca, exporter_world, partner_world, bilateral, untapped in rows:
        share = bilateral / partner_world if partner_world else 0.0
        reasons = [
            f"{exporter} is competitive in {product_code}: "
            f"revealed comparative advantage {rca:.2f} (1 or more)",
            f"{exporter} exported {_usd(exporter_world)} of {product_code} to the world in {year}",
            f"{partner} imported {_usd(partner_world)} of {product_code} from the world in {year}",
            f"{partner} imported {_usd(bilateral)} of it from {exporter} ({share:.1%} of its imports)",
            f"untapped: the smaller of {partner}'s world imports and {exporter}'s world exports, "
            f"less what {exporter} already sells to {partner} = {_usd(untapped)}",
        ]
        out.append(
            {
                "product": product_code,
                "exporter_rca": rca,
                "exporter_world_exports": exporter_world,
                "partner_world_imports": partner_world,
                "partner_imports_from_exporter": bilateral,
                "untapped": untapped,
                "reasons": reasons,
            }
        )
    return out
