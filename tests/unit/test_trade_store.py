"""The trade store: views, year replacement, atomic writes, the import log."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tradebridge.trade import store as store_module
from tradebridge.trade.store import TradeImportError, TradeStore


def flows(rows):
    year, exporter, importer, product, value = zip(*rows, strict=True)
    return pa.table(
        {
            "year": pa.array(year, pa.int32()),
            "exporter": list(exporter),
            "importer": list(importer),
            "product": list(product),
            "value": pa.array(value, pa.float64()),
            "quantity": pa.array([None] * len(rows), pa.float64()),
        }
    )


def snapshot(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_empty_store_has_typed_empty_views(tmp_path):
    store = TradeStore(tmp_path / "none")
    con = store.connect()
    for view in ("flows", "reported", "section_exports", "imports_log", "country_exports", "country_imports"):
        assert con.execute(f"SELECT count(*) FROM {view}").fetchone() == (0,)  # noqa: S608
    columns = [c[0] for c in con.execute("DESCRIBE flows").fetchall()]
    assert columns == ["year", "exporter", "importer", "product", "value", "quantity", "source"]
    assert store.years() == [] and store.synthetic_years() == [] and store.import_log() == []


def test_default_root_is_the_setting(settings, tmp_path):
    settings.TRADE_STORE_DIR = tmp_path / "trade"
    assert TradeStore().root == tmp_path / "trade"


def test_write_flows_replaces_only_the_years_present(tmp_path):
    store = TradeStore(tmp_path)
    store.write_flows(
        flows([(2021, "VNM", "LAO", "010121", 5.0), (2022, "VNM", "LAO", "010121", 7.0)]),
        source="first",
        kind="test",
        synthetic=True,
    )
    store.write_flows(
        flows([(2022, "LAO", "VNM", "090111", 3.0)]), source="second", kind="test", synthetic=False
    )
    con = store.connect()
    rows = con.execute(
        "SELECT year, exporter, importer, product, value, source FROM flows ORDER BY year"
    ).fetchall()
    assert rows == [
        (2021, "VNM", "LAO", "010121", 5.0, "first"),
        (2022, "LAO", "VNM", "090111", 3.0, "second"),
    ]
    assert store.years() == [2021, 2022]
    assert store.synthetic_years() == [2021]
    exports = con.execute(
        "SELECT year, country, product, value FROM country_exports ORDER BY year"
    ).fetchall()
    assert exports == [(2021, "VNM", "010121", 5.0), (2022, "LAO", "090111", 3.0)]
    log = store.import_log()
    assert [entry["source"] for entry in log] == ["second", "first"]
    assert log[1]["years"] == [2021, 2022] and log[1]["synthetic"] is True
    assert log[0]["imported_at"].tzinfo is not None


def test_flows_are_sorted_for_pair_queries(tmp_path):
    store = TradeStore(tmp_path)
    store.write_flows(
        flows(
            [(2022, "VNM", "LAO", "2", 1.0), (2022, "CHN", "VNM", "1", 1.0), (2022, "VNM", "CHN", "3", 1.0)]
        ),
        source="s",
        kind="t",
        synthetic=False,
    )
    table = pq.read_table(store.flow_file(2022))
    assert table.column("exporter").to_pylist() == ["CHN", "VNM", "VNM"]
    assert table.column("importer").to_pylist() == ["VNM", "CHN", "LAO"]


def test_failed_write_leaves_the_store_unchanged(tmp_path, monkeypatch):
    store = TradeStore(tmp_path)
    store.write_flows(flows([(2022, "VNM", "LAO", "010121", 5.0)]), source="kept", kind="t", synthetic=False)
    before = snapshot(tmp_path)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module.pq, "write_table", broken)
    with pytest.raises(OSError, match="disk full"):
        store.write_flows(
            flows([(2022, "CHN", "LAO", "010121", 9.0)]), source="lost", kind="t", synthetic=False
        )
    assert snapshot(tmp_path) == before
    assert not list(tmp_path.rglob(".incoming-*"))


def test_missing_column_is_refused(tmp_path):
    store = TradeStore(tmp_path)
    with pytest.raises(TradeImportError) as info:
        store.write_flows(pa.table({"year": [2022]}), source="x", kind="t", synthetic=False)
    assert info.value.errors[0][2].startswith("exporter")
    assert store.years() == []


def reported(rows):
    keys = ("year", "reporter", "partner", "flow", "hs_or_group", "value")
    return pa.table({k: [r[n] for r in rows] for n, k in enumerate(keys)})


def test_write_reported_replaces_same_key_and_keeps_others(tmp_path):
    store = TradeStore(tmp_path)
    store.write_reported(
        reported(
            [
                (2022, "VN-HN", "LAO", "export", "TOTAL", 200e6),
                (2022, "VN-HN", "LAO", "import", "TOTAL", 50e6),
            ]
        ),
        source="agency A",
    )
    store.write_reported(reported([(2022, "VN-HN", "LAO", "export", "TOTAL", 210e6)]), source="agency B")
    rows = (
        store.connect()
        .execute(
            "SELECT reporter, partner, flow, value, currency, value_original, source FROM reported ORDER BY flow"
        )
        .fetchall()
    )
    assert rows == [
        ("VN-HN", "LAO", "export", 210e6, "USD", 210e6, "agency B"),
        ("VN-HN", "LAO", "import", 50e6, "USD", 50e6, "agency A"),
    ]


def test_write_section_exports(tmp_path):
    store = TradeStore(tmp_path)
    table = pa.table(
        {"year": [2021, 2021], "country": ["VNM", "LAO"], "section": [1, 2], "value": [3.0, 4.0]}
    )
    summary = store.write_section_exports(table, source="OEC")
    assert summary.rows == 2 and summary.years == [2021]
    assert store.connect().execute("SELECT sum(value), min(source) FROM section_exports").fetchone() == (
        7.0,
        "OEC",
    )


def test_stores_written_before_qualifiers_still_read_and_merge(tmp_path):
    """reported.parquet and imports_log.parquet of the first stores have no qualifier, derived,
    share, rank or notes columns: they read as exact, not derived, and take new rows."""
    from datetime import UTC, datetime

    old_reported = pa.table({
        "year": pa.array([2022], pa.int32()), "reporter": ["VN-HN"], "partner": ["LAO"], "flow": ["export"],
        "hs_or_group": ["TOTAL"], "value": [2e8], "currency": ["USD"], "value_original": [2e8],
        "source": ["old store"],
    })
    pq.write_table(old_reported, tmp_path / "reported.parquet")
    old_log = pa.table({
        "id": ["a"], "kind": ["reported"], "source": ["old store"], "files": ["[]"], "rows": pa.array([1], pa.int64()),
        "years": ["2022"], "synthetic": [False], "imported_at": pa.array([datetime.now(UTC)], pa.timestamp("us", tz="UTC")),
    })
    pq.write_table(old_log, tmp_path / "imports_log.parquet")
    store = TradeStore(tmp_path)
    row = store.connect().execute(
        "SELECT value, qualifier, derived, growth_pct, share_of_total_pct, rank, rank_of FROM reported").fetchone()
    assert row == (2e8, "", False, None, None, None, None)
    assert store.import_log()[0]["notes"] == []
    new = pa.table({
        "year": pa.array([2020], pa.int32()), "reporter": ["CN-ZJ"], "partner": ["VNM"], "flow": ["export"],
        "hs_or_group": ["TOTAL"], "value": [6.09e9], "qualifier": ["more_than"],
    })
    store.write_reported(new, source="seed 002")
    rows = store.connect().execute("SELECT reporter, qualifier, derived, source FROM reported ORDER BY year").fetchall()
    assert rows == [("CN-ZJ", "more_than", False, "seed 002"), ("VN-HN", "", False, "old store")]
    assert [entry["notes"] for entry in store.import_log()] == [[], []]
