"""Demo data of the trade app, loaded by `tradebridge load-demo` after the registry's.

- the real OEC exports by country and HS section (2019–2021) into the trade store;
- the figures the seed articles state (agency-reported trade, investment), each with its year,
  source article, qualifier ("trên" more than, "ước đạt" estimated) and the shares and ranks the
  article gives; figures worked out from others (a group's value from its share, 2021 from the
  stated growth) are marked derived (data/seed_figures.json);
- a synthetic bilateral HS6 flow set for VNM, LAO, CHN, THA, KHM and the rest of the world,
  2019–2023, from a fixed seed, calibrated so that each country's exports by HS section over
  2019–2021 equal the OEC totals; written with synthetic=True and labelled so on every page.

Idempotent: flows are written only for years with no flows at all (real data is never
overwritten), and the other parts are skipped when already present.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow as pa

from tradebridge.catalog.models import HSCode
from tradebridge.geo.models import Country, Province
from tradebridge.trade.labels import REST_OF_WORLD
from tradebridge.trade.models import InvestmentRecord
from tradebridge.trade.store import TradeStore

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_FIGURES = DATA_DIR / "seed_figures.json"
OEC_FILE = DATA_DIR / "oec-exports-by-section-2019-2021.csv"
OEC_SOURCE = "OEC exports by HS section, sum of 2019–2021 (Datawheel py-economic-complexity, BACI)"
OEC_YEARS = (2019, 2020, 2021)
SYNTHETIC_SOURCE = "TradeBridge synthetic demo flows (seed 2024), calibrated on OEC section exports"
SYNTHETIC_KIND = "demo-synthetic"
DEMO_YEARS = tuple(range(2019, 2024))
COUNTRIES = ("VNM", "LAO", "CHN", "THA", "KHM")
SEED = 2024
PRODUCTS_PER_CHAPTER = 6

# Share of each exporter's exports that goes to each demo partner (order of magnitude of the
# real pattern); the rest goes to the rest of the world.
DESTINATIONS = {
    "VNM": {"CHN": 0.17, "THA": 0.02, "LAO": 0.005, "KHM": 0.015},
    "LAO": {"CHN": 0.30, "THA": 0.35, "VNM": 0.15, "KHM": 0.005},
    "CHN": {"VNM": 0.045, "THA": 0.025, "LAO": 0.001, "KHM": 0.004},
    "THA": {"CHN": 0.12, "VNM": 0.05, "LAO": 0.02, "KHM": 0.03},
    "KHM": {"CHN": 0.06, "VNM": 0.08, "THA": 0.05, "LAO": 0.001},
    REST_OF_WORLD: {"VNM": 0.012, "CHN": 0.09, "THA": 0.012, "LAO": 0.0003, "KHM": 0.002},
}
GROWTH = {"VNM": 1.10, "LAO": 1.08, "CHN": 1.07, "THA": 1.04, "KHM": 1.09, REST_OF_WORLD: 1.04}


def seed_figures() -> dict:
    return json.loads(SEED_FIGURES.read_text(encoding="utf-8"))


def article_source(articles: dict, key: str) -> str:
    """The article as a reader can find it: publisher, date, title (never our file's name)."""
    article = articles[key]
    return f"{article['publisher']}, {article['date']}: “{article['title']}”"


def oec_totals() -> dict[tuple[str, int], float]:
    """(ISO3, section) → exports summed over 2019–2021 in USD; the rest of the world included."""
    totals: dict[tuple[str, int], float] = defaultdict(float)
    with OEC_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            country = row["Country ID"][-3:].upper()
            key = country if country in COUNTRIES else REST_OF_WORLD
            totals[(key, int(row["Section ID"]))] += float(row["Trade Value"])
    return dict(totals)


def do_load_trade_demo(store: TradeStore | None = None) -> dict[str, int]:
    """Create or update this app's demo records; returns counts for the summary."""
    store = store or TradeStore()
    figures = seed_figures()
    summary = {"investment_records": _load_investments(figures)}
    con = store.connect()
    try:
        has_sections = con.execute("SELECT count(*) FROM section_exports").fetchone()[0] > 0
    finally:
        con.close()
    totals = oec_totals()
    if not has_sections:
        _load_sections(store, totals)
    reported = _reported_table(figures)
    if not _stored(store, reported):
        store.write_reported(reported, source="seed articles", kind="demo-reported")
    summary["reported_figures"] = reported.num_rows
    missing = [y for y in DEMO_YEARS if y not in store.years()]
    if missing:
        table = synthetic_flows(totals, years=missing)
        store.write_flows(table, source=SYNTHETIC_SOURCE, kind=SYNTHETIC_KIND, synthetic=True)
    summary["synthetic_flow_years"] = len(store.synthetic_years())
    return summary


def _load_sections(store: TradeStore, totals: dict[tuple[str, int], float]) -> None:
    try:
        from tradebridge.trade.sections import load_oec_sections
    except ImportError:
        load_oec_sections = None
    if load_oec_sections is not None:
        load_oec_sections(store)
        return
    # Only the five demo countries: the file's totals are a three-year sum, kept under 2021.
    rows = [(2021, c, s, v) for (c, s), v in sorted(totals.items()) if c in COUNTRIES]
    table = pa.table({"year": [r[0] for r in rows], "country": [r[1] for r in rows],
                      "section": [r[2] for r in rows], "value": [r[3] for r in rows]})
    store.write_section_exports(table, source=OEC_SOURCE)


REPORTED_NAMES = ("year", "reporter", "partner", "flow", "hs_or_group", "value", "source", "qualifier",
                  "derived", "growth_pct", "share_of_total_pct", "rank", "rank_of")


def _reported_table(figures: dict) -> pa.Table:
    """The seed's reported figures as stated, and those derived from them, marked so: a product
    group's value from its stated share of the total, an earlier year's from the stated growth
    (both keep the qualifier of the figure they come from: a share of an estimate is an
    estimate)."""
    articles = figures["articles"]
    stated = {(f["year"], f["reporter"], f["partner"], f["flow"]): f
              for f in figures["reported"] if f["hs_or_group"] == "TOTAL" and "value" in f}
    rows = []
    for figure in figures["reported"]:
        key = (figure["year"], figure["reporter"], figure["partner"], figure["flow"])
        source = article_source(articles, figure["article"])
        if figure.get("source_note"):
            source += f"; {figure['source_note']}"
        qualifier, derived = figure.get("qualifier", ""), False
        share = figure.get("share_of_total_pct")
        if "value" in figure:
            value = float(figure["value"])
        elif "share_pct" in figure:
            total = stated[key]
            value = total["value"] * figure["share_pct"] / 100
            qualifier, derived, share = total.get("qualifier", ""), True, figure["share_pct"]
            source += f"; worked out from the stated share of {figure['share_pct']} %"
        else:  # the previous year, implied by the growth the article states
            implied = figure["implied_from_growth"]
            later = stated[(implied["year"], *key[1:])]
            value = later["value"] / (1 + implied["growth_pct"] / 100)
            qualifier, derived = later.get("qualifier", ""), True
            source += (f"; worked back from the stated growth of {implied['growth_pct']} % "
                       f"in {implied['year']}")
        rows.append((*key, figure["hs_or_group"], round(value, 2), source, qualifier, derived,
                     figure.get("growth_pct"), share, figure.get("rank"), figure.get("rank_of")))
    types = {"year": pa.int32(), "value": pa.float64(), "derived": pa.bool_(), "growth_pct": pa.float64(),
             "share_of_total_pct": pa.float64(), "rank": pa.int32(), "rank_of": pa.int32()}
    return pa.table({name: pa.array([row[i] for row in rows], types.get(name, pa.string()))
                     for i, name in enumerate(REPORTED_NAMES)})


def _stored(store: TradeStore, table: pa.Table) -> bool:
    """Whether every row of `table` is in the store as it is (older demo stores lack the
    qualifiers, and are rewritten)."""
    con = store.connect()
    try:
        present = set(con.execute(f"SELECT {', '.join(REPORTED_NAMES)} FROM reported").fetchall())  # noqa: S608
    finally:
        con.close()
    wanted = {tuple(row[n] for n in REPORTED_NAMES) for row in table.to_pylist()}
    return wanted <= present


def _load_investments(figures: dict) -> int:
    articles = figures["articles"]
    countries = {c.alpha3: c for c in Country.objects.filter(alpha3__in=COUNTRIES)}
    provinces = {p.code: p for p in Province.objects.filter(code__startswith="VN-")}
    count = 0
    for item in figures["investments"]:
        key = {
            "source_country": countries[item["source_country"]],
            "source_province": provinces.get(item.get("source_province", "")),
            "destination_country": countries[item["destination_country"]],
            "destination_province": provinces.get(item.get("destination_province", "")),
            "year": item["year"], "period": item["period"], "kind": item["kind"],
            "source": article_source(articles, item["article"]),
        }
        capital = Decimal(str(item["capital_usd"]))
        citation = item["quote"]
        if item.get("sector_quote"):
            citation += f" — {article_source(articles, item['sector_article'])}: {item['sector_quote']}"
        values = {
            "projects": item.get("projects"), "contributions": item.get("contributions"),
            "capital": capital, "currency": "USD", "capital_usd": capital,
            "qualifier": item.get("qualifier", ""),
            "growth_pct": Decimal(str(item["growth_pct"])) if "growth_pct" in item else None,
            "investor_rank": item.get("investor_rank"), "investor_rank_of": item.get("investor_rank_of"),
            "destination_rank": item.get("destination_rank"),
            "destination_rank_of": item.get("destination_rank_of"),
            "sector": item.get("sector", ""), "citation": citation, "is_illustrative": False,
        }
        record = InvestmentRecord.objects.filter(**key).first()
        if record is None:
            InvestmentRecord.objects.create(**key, **values)
        elif any(getattr(record, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(record, k, v)
            record.save()
        count += 1
    return count


def _demo_products() -> tuple[list[str], np.ndarray]:
    """A few HS6 products per chapter (fixed choice), with their section numbers."""
    by_chapter: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for code, section in HSCode.objects.filter(level=6, section__isnull=False).values_list(
            "code", "section__number").order_by("code"):
        by_chapter[code[:2]].append((code, section))
    rng = np.random.default_rng(SEED)
    chosen: list[tuple[str, int]] = []
    for chapter in sorted(by_chapter):
        items = by_chapter[chapter]
        picks = rng.choice(len(items), size=min(PRODUCTS_PER_CHAPTER, len(items)), replace=False)
        chosen.extend(items[i] for i in sorted(picks))
    return [c for c, _s in chosen], np.array([s for _c, s in chosen])


def synthetic_flows(totals: dict[tuple[str, int], float], *, years=DEMO_YEARS) -> pa.Table:
    """Bilateral HS6 flows: exporter × importer × product × year, values in USD."""
    products, sections = _demo_products()
    rng = np.random.default_rng(SEED)
    parties = [*COUNTRIES, REST_OF_WORLD]
    columns: dict[str, list] = {"year": [], "exporter": [], "importer": [], "product": [], "value": []}
    products_arr = np.array(products)
    for exporter in parties:
        # Destination weights, product weights and which pairs trade which products (fixed).
        destination = np.array([DESTINATIONS[exporter].get(i, 0.0) for i in parties])
        destination[-1] = 1 - destination.sum()
        if exporter != REST_OF_WORLD:
            destination[parties.index(exporter)] = 0.0
        product_weight = rng.lognormal(0.0, 1.5, len(products))
        noise = rng.lognormal(0.0, 0.8, (len(parties), len(products)))
        keep = rng.random((len(parties), len(products))) < np.minimum(1.0, 0.35 + 8 * destination)[:, None]
        keep[-1, :] = True  # everything also goes to the rest of the world
        base = destination[:, None] * product_weight[None, :] * noise * keep
        year_noise = rng.lognormal(0.0, 0.1, (len(DEMO_YEARS), len(parties), len(products)))
        trend = np.array([GROWTH[exporter] ** (y - 2020) for y in DEMO_YEARS])
        for section in np.unique(sections):
            in_section = sections == section
            target = totals.get((exporter, int(section)), 0.0)
            if target <= 0:
                continue
            section_trend = trend * rng.lognormal(0.0, 0.05, len(DEMO_YEARS))
            # Calibration: 2019–2021 add up to the OEC three-year total of the section.
            section_trend *= 3 / section_trend[: len(OEC_YEARS)].sum()
            for y_index, year in enumerate(DEMO_YEARS):
                if year not in years:
                    continue
                weights = base[:, in_section] * year_noise[y_index][:, in_section]
                values = weights / weights.sum() * target / 3 * section_trend[y_index]
                importer_index, product_index = np.nonzero(values)
                columns["year"].append(np.full(len(importer_index), year, dtype=np.int32))
                columns["exporter"].append(np.full(len(importer_index), exporter))
                columns["importer"].append(np.array(parties)[importer_index])
                columns["product"].append(products_arr[in_section][product_index])
                columns["value"].append(values[importer_index, product_index])
    data = {name: np.concatenate(parts) if parts else np.array([]) for name, parts in columns.items()}
    return pa.table({
        "year": pa.array(data["year"], pa.int32()),
        "exporter": pa.array(data["exporter"].astype(str)),
        "importer": pa.array(data["importer"].astype(str)),
        "product": pa.array(data["product"].astype(str)),
        "value": pa.array(data["value"], pa.float64()),
        "quantity": pa.nulls(len(data["value"]), pa.float64()),
    })
