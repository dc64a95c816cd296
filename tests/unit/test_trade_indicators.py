"""Indicators: agreement with the Growth Lab's ecomplexity (RCA, ECI, PCI, density, 1e-6 relative),
hand-computed WITS formulas, RCA by section from the real OEC file, export potential."""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from ecomplexity import ecomplexity

from tradebridge.trade import complexity as cx
from tradebridge.trade.indicators import INDICATORS, IndicatorError, compute
from tradebridge.trade.potential import export_potential
from tradebridge.trade.sections import load_oec_sections, read_oec_sections, section_rca, store_section_rca
from tradebridge.trade.store import TradeStore

RTOL = 1e-6


def generated_matrix(seed=3, countries=30, products=80):
    rng = np.random.default_rng(seed)
    values = rng.lognormal(3, 2, (countries, products)) * (rng.random((countries, products)) < 0.5)
    values[:, 0] += 1.0  # every country exports something
    return values


def run_ecomplexity(values):
    rows = [
        (2022, f"C{c:03d}", f"{p:06d}", values[c, p])
        for c in range(values.shape[0])
        for p in range(values.shape[1])
        if values[c, p] > 0
    ]
    frame = pd.DataFrame(rows, columns=["year", "loc", "prod", "val"])
    # Its default options (verbose only prints the year); its warnings are about the random data.
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        out = ecomplexity(frame, {"time": "year", "loc": "loc", "prod": "prod", "val": "val"})
    return out.set_index(["loc", "prod"]).sort_index()


@pytest.fixture(scope="module")
def reference():
    values = generated_matrix()
    return values, run_ecomplexity(values)


def assert_close(ours, theirs):
    ours, theirs = np.asarray(ours, float), np.asarray(theirs, float)
    np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=1e-12)


def test_pure_functions_agree_with_ecomplexity(reference):
    values, out = reference
    c, p = values.shape
    r = cx.rca(values)
    m = cx.mcp(r)
    result = cx.eci_pci(m)
    assert_close(r, out["rca"].to_numpy().reshape(c, p))
    assert_close(result.eci, out.groupby(level="loc")["eci"].first().to_numpy())
    assert_close(result.pci, out.groupby(level="prod")["pci"].first().to_numpy())
    assert_close(cx.density(m), out["density"].to_numpy().reshape(c, p))
    assert_close(m, out["mcp"].to_numpy().reshape(c, p))


def test_proximity_is_the_symmetric_min_formula():
    m = cx.mcp(cx.rca(generated_matrix(5, 12, 20)))
    phi = cx.proximity(m)
    u = m.sum(axis=0)
    for a in range(20):
        for b in range(20):
            expected = (m[:, a] * m[:, b]).sum() / max(u[a], u[b])
            assert phi[a, b] == pytest.approx(expected)


def store_from_matrix(tmp_path, values, year=2022):
    """Flows whose sums over partners give `values` (half to each of two partners)."""
    rows = {"year": [], "exporter": [], "importer": [], "product": [], "value": []}
    c, p = values.shape
    for i in range(c):
        for k in range(p):
            if values[i, k] > 0:
                for j, share in (((i + 1) % c, 0.25), ((i + 2) % c, 0.75)):
                    rows["year"].append(year)
                    rows["exporter"].append(f"C{i:03d}")
                    rows["importer"].append(f"C{j:03d}")
                    rows["product"].append(f"{k:06d}")
                    rows["value"].append(values[i, k] * share)
    table = pa.table({**rows, "quantity": pa.array([None] * len(rows["year"]), pa.float64())})
    store = TradeStore(tmp_path)
    store.write_flows(table, source="generated", kind="test", synthetic=True)
    return store


def test_store_indicators_agree_with_ecomplexity(tmp_path, reference):
    values, out = reference
    store = store_from_matrix(tmp_path, values)
    rca = {(r["country"], r["product"]): r["value"] for r in compute(store, "rca")}
    theirs = out["rca"]
    present = [(key, theirs.loc[key]) for key in theirs.index if theirs.loc[key] > 0]
    assert len(rca) == len(present)
    assert_close([rca[key] for key, _v in present], [v for _k, v in present])
    eci = {r["country"]: r["value"] for r in compute(store, "eci")}
    assert_close([eci[c] for c in sorted(eci)], out.groupby(level="loc")["eci"].first().to_numpy())
    pci = {r["product"]: r["value"] for r in compute(store, "pci")}
    assert_close([pci[p] for p in sorted(pci)], out.groupby(level="prod")["pci"].first().to_numpy())
    density = {(r["country"], r["product"]): r["value"] for r in compute(store, "density")}
    assert_close([density[key] for key in out.index], out["density"].to_numpy())
    one = compute(store, "density", reporter="C001")
    assert {r["country"] for r in one} == {"C001"} and len(one) == values.shape[1]


def test_level_aggregates_by_prefix(tmp_path):
    values = generated_matrix(4, 10, 30)
    store = store_from_matrix(tmp_path, values)
    records = compute(store, "rca", level=4)
    # Products 000000..000029 share the prefixes 0000 (all of them) at level 4.
    assert {r["product"] for r in records} == {"0000"}
    assert all(r["value"] == pytest.approx(1.0) for r in records)
    with pytest.raises(IndicatorError):
        compute(store, "rca", level=3)


# --- hand-computed WITS formulas on a tiny world ---------------------------------------------
WORLD = [
    # year, exporter, importer, product, value
    (2021, "VNM", "LAO", "010121", 100.0),
    (2021, "VNM", "CHN", "090111", 300.0),
    (2021, "LAO", "VNM", "010121", 50.0),
    (2021, "CHN", "VNM", "850440", 400.0),
    (2022, "VNM", "LAO", "010121", 150.0),
    (2022, "VNM", "LAO", "090111", 50.0),
    (2022, "VNM", "CHN", "090111", 200.0),
    (2022, "LAO", "VNM", "010121", 100.0),
    (2022, "LAO", "CHN", "260300", 300.0),
    (2022, "CHN", "VNM", "850440", 500.0),
    (2022, "CHN", "LAO", "850440", 100.0),
]


@pytest.fixture
def tiny(tmp_path):
    year, exporter, importer, product, value = zip(*WORLD, strict=True)
    table = pa.table(
        {
            "year": list(year),
            "exporter": list(exporter),
            "importer": list(importer),
            "product": list(product),
            "value": list(value),
            "quantity": pa.array([None] * len(WORLD), pa.float64()),
        }
    )
    store = TradeStore(tmp_path)
    store.write_flows(table, source="hand", kind="test", synthetic=True)
    return store


def one(records, **keys):
    found = [r for r in records if all(r[k] == v for k, v in keys.items())]
    assert len(found) == 1, found
    return found[0]["value"]


def test_indicator_names():
    assert INDICATORS == ("growth", "share", "rca", "tii", "tci", "esi", "hhi", "gl", "eci", "pci", "density")


def test_rca_by_hand(tiny):
    # 2022: VNM exports 010121 150, 090111 250 (X=400); world 010121 250, 090111 250, total 1400.
    assert one(compute(tiny, "rca", year=2022), country="VNM", product="090111") == pytest.approx(
        (250 / 400) / (250 / 1400)
    )
    assert one(compute(tiny, "rca", year=2022, level=2), country="VNM", product="01") == pytest.approx(
        (150 / 400) / (250 / 1400)
    )


def test_growth_and_share_by_hand(tiny):
    records = compute(tiny, "growth", year=2022, reporter="VNM", partner="LAO")
    assert one(records, product="010121") == pytest.approx((150 - 100) / 100)
    assert one(records, product="090111") is None  # nothing the year before
    world = compute(tiny, "growth", year=2022, reporter="VNM")
    assert one(world, product="090111", partner="WLD") == pytest.approx((250 - 300) / 300)
    shares = compute(tiny, "share", year=2022, reporter="VNM", partner="LAO")
    assert one(shares, product="010121") == pytest.approx(150 / 200)
    assert sum(r["value"] for r in shares) == pytest.approx(1.0)


def test_trend_is_log_linear_least_squares():
    years, values = np.array([2018, 2019, 2020, 2021]), np.array([100.0, 110.0, 121.0, 133.1])
    assert cx.trend(years, values) == pytest.approx(0.10)


def test_tii_tci_esi_by_hand(tiny):
    # TII VNM→LAO 2022: x_ij=200, X_i=400, world imports of LAO=300, X_w=1400.
    assert one(
        compute(tiny, "tii", year=2022, reporter="VNM", partner="LAO"), partner="LAO"
    ) == pytest.approx((200 / 400) / (300 / 1400))
    # TC VNM (exports 010121 150, 090111 250) vs LAO imports (010121 150, 090111 50, 850440 100).
    x = {"010121": 150 / 400, "090111": 250 / 400}
    m = {"010121": 150 / 300, "090111": 50 / 300, "850440": 100 / 300}
    expected = 100 * (1 - 0.5 * sum(abs(m.get(k, 0) - x.get(k, 0)) for k in set(x) | set(m)))
    assert one(
        compute(tiny, "tci", year=2022, reporter="VNM", partner="LAO"), partner="LAO"
    ) == pytest.approx(expected)
    # ESI VNM vs LAO exports: LAO 010121 100, 260300 300.
    s_lao = {"010121": 0.25, "260300": 0.75}
    expected = 100 * sum(min(x.get(k, 0), s_lao.get(k, 0)) for k in set(x) | set(s_lao))
    assert one(
        compute(tiny, "esi", year=2022, reporter="VNM", partner="LAO"), partner="LAO"
    ) == pytest.approx(expected)
    every = compute(tiny, "tii", year=2022, reporter="VNM")
    assert {r["partner"] for r in every} == {"LAO", "CHN"}


def test_hhi_and_gl_by_hand(tiny):
    assert one(compute(tiny, "hhi", year=2022), country="VNM") == pytest.approx(
        (150 / 400) ** 2 + (250 / 400) ** 2
    )
    # VNM–LAO 010121: exports 150, imports 100.
    gl = compute(tiny, "gl", year=2022, reporter="VNM", partner="LAO")
    assert one(gl, product="010121") == pytest.approx(1 - abs(150 - 100) / 250)
    assert one(gl, product="090111") == pytest.approx(0.0)


def test_bad_requests(tiny, tmp_path):
    with pytest.raises(IndicatorError, match="unknown indicator"):
        compute(tiny, "nope")
    with pytest.raises(IndicatorError, match="no flows for 1999"):
        compute(tiny, "rca", year=1999)
    with pytest.raises(IndicatorError, match="--reporter"):
        compute(tiny, "share", year=2022)
    with pytest.raises(IndicatorError, match="no flows yet"):
        compute(TradeStore(tmp_path / "empty"), "eci")


def test_export_potential_by_hand(tiny):
    # 2022: VNM's RCA ≥ 1 in 090111 (250/400 vs 250/1400) and 010121 (150/400 vs 250/1400 = 2.1).
    # LAO imports 010121 150 (all from VNM: nothing untapped), 090111 50 (all from VNM), 850440 100.
    assert export_potential(tiny, "VNM", "LAO", 2022) == []
    # CHN imports 090111 200 (from VNM) and 260300 300 (LAO): VNM has no 260300 exports.
    # LAO → VNM: LAO competitive in 010121 (100/400 vs 250/1400 = 1.4); VNM imports 010121 100, all from LAO.
    rows = export_potential(tiny, "VNM", "CHN", 2022)
    assert rows == []
    rows = export_potential(tiny, "CHN", "VNM", 2022)
    assert rows == []


def test_export_potential_ranks_untapped_value(tmp_path):
    table = pa.table(
        {
            "year": [2022] * 5,
            "exporter": ["VNM", "VNM", "THA", "THA", "CHN"],
            "importer": ["CHN", "LAO", "LAO", "LAO", "KHM"],
            "product": ["090111", "090111", "090111", "100630", "850440"],
            "value": [1000.0, 100.0, 400.0, 900.0, 5000.0],
            "quantity": pa.array([None] * 5, pa.float64()),
        }
    )
    store = TradeStore(tmp_path)
    store.write_flows(table, source="hand", kind="test", synthetic=True)
    (row,) = export_potential(store, "VNM", "LAO", 2022)
    assert row["product"] == "090111"
    assert row["exporter_rca"] == pytest.approx((1100 / 1100) / (1500 / 7400))
    assert row["partner_world_imports"] == 500.0
    assert row["partner_imports_from_exporter"] == 100.0
    assert row["untapped"] == pytest.approx(min(500.0, 1100.0) - 100.0)
    assert any("400 USD" in reason for reason in row["reasons"])
    assert any("20.0%" in reason for reason in row["reasons"])
    with pytest.raises(IndicatorError):
        export_potential(store, "VNM", "VNM", 2022)


# --- the real OEC file: RCA of Vietnam, Laos and China by section ---------------------------
def test_oec_section_rca_matches_a_direct_computation(tmp_path):
    rows = read_oec_sections()
    assert len({r["country"] for r in rows}) == 226
    rca = section_rca(rows)
    world_total = sum(r["value"] for r in rows)
    by_section = {}
    by_country = {}
    for r in rows:
        by_section[r["section"]] = by_section.get(r["section"], 0.0) + r["value"]
        by_country[r["country"]] = by_country.get(r["country"], 0.0) + r["value"]
    for country in ("VNM", "LAO", "CHN"):
        for r in (r for r in rows if r["country"] == country):
            direct = (r["value"] / by_country[country]) / (by_section[r["section"]] / world_total)
            assert rca[(country, r["section"])] == pytest.approx(direct, rel=1e-12)
    # Facts that the figures carry: Laos is specialised in mineral products (section 5),
    # China in machinery (16), Vietnam in textiles (11) and footwear (12).
    assert rca[("LAO", 5)] > 1 and rca[("CHN", 16)] > 1 and rca[("VNM", 11)] > 1 and rca[("VNM", 12)] > 1
    store = TradeStore(tmp_path)
    load_oec_sections(store)
    stored = {(r["country"], r["section"]): r["value"] for r in store_section_rca(store)}
    assert stored[("VNM", 12)] == pytest.approx(rca[("VNM", 12)])
