"""Dashboard queries on a small hand-made store, checked against the formulas of spec/trade.md;
the synthetic demo flows against the OEC totals they are calibrated on."""

from __future__ import annotations

import math

import pyarrow as pa
import pytest

from tradebridge.trade import demo, labels, queries, reported
from tradebridge.trade.store import TradeStore

pytestmark = pytest.mark.django_db

# (year, exporter, importer, product, value): chapters 09 (section II), 27 (V), 85 (XVI).
FLOWS = [
    (2022, "VNM", "LAO", "090111", 100.0),
    (2022, "VNM", "LAO", "850440", 300.0),
    (2022, "LAO", "VNM", "270900", 200.0),
    (2022, "LAO", "VNM", "090111", 50.0),
    (2022, "CHN", "VNM", "850440", 1000.0),
    (2022, "CHN", "LAO", "850440", 400.0),
    (2023, "VNM", "LAO", "090111", 150.0),
    (2023, "VNM", "LAO", "850440", 450.0),
    (2023, "LAO", "VNM", "270900", 180.0),
    (2023, "LAO", "VNM", "090111", 70.0),
    (2023, "CHN", "VNM", "850440", 1200.0),
    (2023, "CHN", "LAO", "850440", 500.0),
    (2023, "VNM", "CHN", "090111", 250.0),
    (2023, "LAO", "CHN", "270900", 90.0),
    (2023, "KHM", "CHN", "090111", 60.0),
]


def _table(rows):
    names = ("year", "exporter", "importer", "product", "value")
    table = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    table["quantity"] = [None] * len(rows)
    return pa.table(table)


@pytest.fixture
def store(tmp_path):
    store = TradeStore(tmp_path / "store")
    store.write_flows(_table(FLOWS), source="test", kind="test", synthetic=False)
    queries.cache.clear()
    return store


@pytest.fixture
def con(store):
    con = store.connect()
    yield con
    con.close()


def test_pair_totals_both_directions_with_growth(con):
    totals = queries.pair_totals(con, "VNM", "LAO")
    assert [(r["year"], r["exports"], r["imports"]) for r in totals] == [
        (2022, 400.0, 250.0),
        (2023, 600.0, 250.0),
    ]
    assert totals[0]["exports_growth"] is None
    assert totals[1]["exports_growth"] == pytest.approx(0.5)
    assert totals[1]["imports_growth"] == pytest.approx(0.0) or totals[1]["imports_growth"] is None
    assert totals[1]["balance"] == 350.0 and totals[1]["total"] == 850.0


def test_composition_maps_chapters_to_sections_and_shares_add_up(con):
    rows = queries.composition(con, "VNM", "LAO", 2023)
    assert [(r["chapter"], r["section"], r["value"]) for r in rows] == [("85", 16, 450.0), ("09", 2, 150.0)]
    assert sum(r["share"] for r in rows) == pytest.approx(1.0)
    sections = queries.by_section(rows)
    assert [s["section"] for s in sections] == [16, 2]


def test_top_products_share_and_growth(con):
    rows = queries.top_products(con, "VNM", "LAO", 2023)
    assert rows[0]["product"] == "850440" and rows[0]["share"] == pytest.approx(0.75)
    assert rows[0]["previous"] == 300.0 and rows[0]["growth"] == pytest.approx(0.5)
    assert rows[1]["product"] == "090111" and rows[1]["name"]  # named from the HS reference data


def test_rca_by_section_follows_balassa(con):
    rows = {r["section"]: r for r in queries.rca_by_section(con, 2023, ["VNM", "LAO"])}
    world = {2: 150 + 70 + 250 + 60, 5: 180 + 90, 16: 450 + 1200 + 500}
    world_total = sum(world.values())
    vnm = {2: 400.0, 16: 450.0}
    expected = (vnm[2] / sum(vnm.values())) / (world[2] / world_total)
    assert rows[2]["VNM"] == pytest.approx(expected)
    assert rows[5]["VNM"] == 0.0
    lao_total = 180 + 70 + 90
    assert rows[5]["LAO"] == pytest.approx(((180 + 90) / lao_total) / (world[5] / world_total))


def test_complementarity_follows_the_formula(con):
    # VNM exports 2023 by chapter: 09 400, 85 450; LAO imports: 09 150, 85 950 (450 + 500).
    x = {"09": 400 / 850, "85": 450 / 850}
    m = {"09": 150 / 1100, "85": 950 / 1100}
    expected = 100 * (1 - 0.5 * (abs(m["09"] - x["09"]) + abs(m["85"] - x["85"])))
    assert queries.complementarity(con, 2023, "VNM", "LAO") == pytest.approx(expected)
    assert queries.complementarity(con, 2023, "THA", "LAO") is None


def test_trend_is_exact_for_a_geometric_series():
    assert queries.trend([(2019, 100.0), (2020, 110.0), (2021, 121.0)]) == pytest.approx(0.10)
    assert queries.trend([(2020, 5.0)]) is None


def test_export_potential_lists_competitive_products_with_reasons(store, con):
    rows = queries.export_potential(store, con, "VNM", "CHN", 2023)
    # VNM is competitive in coffee; China buys 310 of it, 250 from VNM: 60 untapped.
    coffee = next(r for r in rows if r["product"] == "090111")
    assert coffee["exporter_rca"] >= 1 and coffee["reasons"]
    assert coffee["untapped"] == pytest.approx(60.0)
    assert coffee["name"]


def test_cache_follows_the_store_version(store, con):
    before = queries.complementarity(con, 2023, "VNM", "LAO")
    extra = [(2023, "VNM", "LAO", "270900", 850.0)]
    store.write_flows(
        _table([r for r in FLOWS if r[0] == 2023] + extra), source="t", kind="t", synthetic=False
    )
    fresh = store.connect()
    try:
        assert queries.complementarity(fresh, 2023, "VNM", "LAO") != before
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"reporter": "VN"}, "reporter"),
        ({"partner": "vnm"}, "partner"),
        ({"year": "20x3"}, "year"),
        ({"year": "1999"}, "year"),
        ({"reporter": "LAO", "partner": "LAO"}, "partner"),
    ],
)
def test_parse_pair_names_the_bad_parameter(params, field):
    with pytest.raises(queries.BadParameter) as error:
        queries.parse_pair(params, [2022, 2023])
    assert error.value.field == field


def test_parse_pair_defaults_to_vietnam_laos_latest_year():
    assert queries.parse_pair({}, [2022, 2023]) == queries.Pair("VNM", "LAO", 2023)


def test_reported_figures_growth_and_shares(tmp_path):
    store = TradeStore(tmp_path / "reported")
    store.write_reported(
        pa.table(
            {
                "year": [2021, 2022, 2022],
                "reporter": ["VN-HN"] * 3,
                "partner": ["LAO"] * 3,
                "flow": ["export"] * 3,
                "hs_or_group": ["TOTAL", "TOTAL", "minerals"],
                "value": [100.0, 120.0, 30.0],
            }
        ),
        source="agency",
    )
    con = store.connect()
    figures = reported.reported_figures(con, "VN-HN", "LAO")
    con.close()
    assert [f["year"] for f in figures] == [2021, 2022]
    assert figures[1]["growth"] == pytest.approx(0.2)
    assert figures[1]["groups"][0]["share"] == pytest.approx(0.25)
    assert figures[1]["groups"][0]["label"] == str(labels.group_label("minerals"))


def test_synthetic_flows_match_oec_section_totals_and_are_reproducible():
    totals = demo.oec_totals()
    table = demo.synthetic_flows(totals, years=(2019, 2020, 2021))
    again = demo.synthetic_flows(totals, years=(2019, 2020, 2021))
    assert table.equals(again)
    sections = labels.chapter_sections()
    sums: dict[tuple[str, int], float] = {}
    for exporter, product, value in zip(
        table.column("exporter").to_pylist(),
        table.column("product").to_pylist(),
        table.column("value").to_pylist(),
        strict=True,
    ):
        key = (exporter, sections[product[:2]])
        sums[key] = sums.get(key, 0.0) + value
    for key, expected in totals.items():
        if expected > 0:
            assert math.isclose(sums[key], expected, rel_tol=1e-9), key
    assert all(len(p) == 6 for p in table.column("product").to_pylist())


def test_demo_load_is_idempotent_and_labels_flows_synthetic(tmp_path):
    store = TradeStore(tmp_path / "demo")
    first = demo.do_load_trade_demo(store)
    log_rows = store.connect().execute("SELECT count(*) FROM imports_log").fetchone()[0]
    second = demo.do_load_trade_demo(store)
    assert first == second
    assert store.connect().execute("SELECT count(*) FROM imports_log").fetchone()[0] == log_rows
    assert store.synthetic_years() == list(demo.DEMO_YEARS)
    con = store.connect()
    figures = reported.reported_figures(con, "VN-HN", "LAO")
    con.close()
    exports_2022 = next(f for f in figures if f["flow"] == "export" and f["year"] == 2022)
    assert exports_2022["value"] == 200_000_000
    assert exports_2022["growth"] == pytest.approx(0.20)
    assert {g["group"]: round(g["share"], 3) for g in exports_2022["groups"]} == {
        "minerals": 0.148,
        "mechanical_metal": 0.144,
        "electronics_computers": 0.053,
    }
    assert "Chinhphu.vn, 2023-04" in exports_2022["source"]  # the article is cited, not its file


def test_demo_never_overwrites_real_flows(tmp_path):
    store = TradeStore(tmp_path / "real")
    store.write_flows(_table(FLOWS), source="BACI", kind="baci", synthetic=False)
    demo.do_load_trade_demo(store)
    assert 2022 not in store.synthetic_years() and 2023 not in store.synthetic_years()
    assert 2019 in store.synthetic_years()


def test_export_potential_agrees_with_the_potential_module(store, con):
    from tradebridge.trade.potential import export_potential

    ours = queries.export_potential(store, con, "VNM", "CHN", 2023, limit=50)
    theirs = export_potential(store, "VNM", "CHN", 2023, limit=50)
    assert [(r["product"], pytest.approx(r["untapped"])) for r in ours] == [
        (r["product"], r["untapped"]) for r in theirs]


def test_dashboard_single_scan_agrees_with_the_separate_queries(store, con):
    data = queries.dashboard(store, "VNM", "LAO", 2023, con=con)
    assert data["totals"] == queries.pair_totals(con, "VNM", "LAO")
    assert data["composition"] == queries.composition(con, "VNM", "LAO", 2023)
    assert data["top_imports"] == queries.top_products(con, "LAO", "VNM", 2023)
    assert data["synthetic"] is False and data["years"] == [2022, 2023]


def test_demo_rewrites_reported_figures_stored_before_qualifiers(tmp_path):
    """A store the demo filled before figures had qualifiers (no qualifier, derived, share
    columns) gets them on the next load; the figures a seed states are not marked derived."""
    import pyarrow.parquet as pq

    store = TradeStore(tmp_path / "old")
    demo.do_load_trade_demo(store)
    old_columns = ["year", "reporter", "partner", "flow", "hs_or_group", "value", "currency", "value_original",
                   "source"]
    path = store.root / "reported.parquet"
    pq.write_table(pq.read_table(path, columns=old_columns), path)
    assert store.connect().execute("SELECT count(*) FROM reported WHERE qualifier <> ''").fetchone() == (0,)
    demo.do_load_trade_demo(store)
    con = store.connect()
    rows = con.execute("SELECT reporter, year, flow, hs_or_group, qualifier, derived, share_of_total_pct "
                       "FROM reported WHERE hs_or_group = 'TOTAL' ORDER BY reporter, year, flow").fetchall()
    con.close()
    assert rows == [
        ("CN-ZJ", 2020, "export", "TOTAL", "more_than", False, None),
        ("CN-ZJ", 2020, "import", "TOTAL", "more_than", False, None),
        ("CN-ZJ", 2020, "total", "TOTAL", "more_than", False, None),
        ("VN-HN", 2021, "export", "TOTAL", "estimated", True, None),
        ("VN-HN", 2021, "import", "TOTAL", "estimated", True, None),
        ("VN-HN", 2022, "export", "TOTAL", "estimated", False, 1.2),
        ("VN-HN", 2022, "import", "TOTAL", "estimated", False, 0.5),
    ]
