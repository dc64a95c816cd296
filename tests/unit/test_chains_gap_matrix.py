"""The gap report's density file (chains.gap_matrix): written under the trade store's writer lock
and only for the year as it still is, read back mapped, computed again when damaged; and the
report's imports (no pandas, nothing heavy when Django starts); the members lists' order and cap."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import numpy as np
import pytest

from tests.factories.chain_flows import CHAIN, WORLD, flow_table, milk_store
from tradebridge.chains import gap_matrix, gaps
from tradebridge.chains.definition import definition_to_json
from tradebridge.trade import store_commit
from tradebridge.trade.store import TradeStore

CHAIN_JSON = json.dumps(definition_to_json(CHAIN))


@pytest.fixture(autouse=True)
def fresh_cache():
    gaps.clear_cache()
    yield
    gaps.clear_cache()


@pytest.fixture
def tiny(tmp_path) -> TradeStore:
    return milk_store(tmp_path)


def report(store):
    return gaps.gap_report(CHAIN, year=2022, exporter="LAO", importer="VNM", with_members=False, store=store)


def test_the_file_is_mapped_back_with_the_same_figures(tiny):
    computed = gaps.year_matrix(tiny, 2022)
    path = gap_matrix.cache_file(tiny, 2022)
    assert path.exists()
    assert not list(tiny.root.glob(store_commit.INCOMING + "*"))  # the folder it was written in is gone
    read = gap_matrix.read_file(path, computed.key)
    assert isinstance(read.values, np.memmap)
    assert (read.countries, read.products, read.total) == (computed.countries, computed.products, computed.total)
    for name in ("values", "density", "row_totals", "col_totals"):
        np.testing.assert_array_equal(np.asarray(getattr(read, name)), getattr(computed, name))
    assert read.threshold("LAO") == computed.threshold("LAO")
    assert gap_matrix.read_file(path, "another key") is None


def test_no_file_while_another_writer_holds_the_store(tiny):
    held, release = threading.Event(), threading.Event()

    def writer():
        with store_commit.writing(tiny.root):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        held.wait(10)
        matrix = gap_matrix.year_matrix(tiny, 2022, lock_wait=0.1)
        assert matrix.density.shape == (len(matrix.countries), len(matrix.products))
        assert not gap_matrix.cache_file(tiny, 2022).exists()  # kept in memory only
    finally:
        release.set()
        thread.join()
    first = report(tiny)
    gaps.clear_cache()
    assert report(tiny) == first
    assert gap_matrix.cache_file(tiny, 2022).exists()  # the next process's report wrote it


def test_no_file_for_a_year_imported_again_meanwhile(tiny):
    old = gaps.year_matrix(tiny, 2022)
    path = gap_matrix.cache_file(tiny, 2022)
    path.unlink()
    tiny.write_flows(flow_table(WORLD[:-1]), source="hand", kind="test", synthetic=True)
    assert not gap_matrix.write_file(tiny, 2022, old, lock_wait=1)
    assert not path.exists()


@pytest.mark.parametrize("damage", [b"", b"TBCHAIN\x01" + b"\xff" * 8, b"not a density file at all"])
def test_a_damaged_file_is_computed_again(tiny, damage):
    first = report(tiny)
    path = gap_matrix.cache_file(tiny, 2022)
    if damage:
        path.write_bytes(damage)
    else:  # cut short: the header is right, the figures missing
        path.write_bytes(path.read_bytes()[:200])
    gaps.clear_cache()
    assert report(tiny) == first
    assert gap_matrix.read_file(path, gaps.year_matrix(tiny, 2022).key) is not None


def test_try_writing_gives_up_when_the_lock_stays_busy(tmp_path):
    root = tmp_path / "store"
    with store_commit.try_writing(root, 0) as first:
        assert first
        outcome = []
        thread = threading.Thread(target=lambda: outcome.append(_try(root)))
        thread.start()
        thread.join()
        assert outcome == [False]
    assert _try(root)


def _try(root) -> bool:
    with store_commit.try_writing(root, 0.1) as held:
        return held


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    return done.stdout.strip()


def test_the_gaps_module_imports_nothing_heavy():
    # Django imports it when it starts (the import hook); NumPy, DuckDB and the store come with
    # the first report.
    assert _run("import sys, tradebridge.chains.gaps\n"
                "print(sorted(m for m in ('numpy', 'duckdb', 'pyarrow', 'pandas') if m in sys.modules))") == "[]"


def test_a_report_does_not_import_pandas(tiny):
    # pyarrow imports pandas when a table is built from a dict: half a second of a first report.
    # (Computing the density does, through trade.indicators: the import's hook does that.)
    gaps.year_matrix(tiny, 2022)
    code = ("import sys\n"
            "from tradebridge.chains import gaps\n"
            "from tradebridge.chains.definition import parse_definition\n"
            "from tradebridge.trade.store import TradeStore\n"
            f"CHAIN = parse_definition({CHAIN_JSON!r})\n"
            f"store = TradeStore({str(tiny.root)!r})\n"
            "result = gaps.gap_report(CHAIN, year=2022, exporter='LAO', importer='VNM', with_members=False,"
            " store=store)\n"
            "gaps.bilateral_by_stage(CHAIN, a='VNM', b='LAO', years=[2022], store=store)\n"
            "print(result['stages'][0]['products'][0]['untapped'], 'pandas' in sys.modules)")
    assert _run(code) == "200.0 False"


def test_product_members_best_match_first_and_at_most_the_cap():
    from tradebridge.chains.gap_members import MEMBERS_PER_PRODUCT, StageMembers, product_members

    many = tuple(f"exact-{i:02d}" for i in range(MEMBERS_PER_PRODUCT + 5))
    few = ("b-exact", "d-exact")
    members = StageMembers(
        by_code={"exporter": {"040120": many, "0401": ("a-heading",)},
                 "importer": {"040120": few, "0401": ("a-heading", "d-exact"), "04": ("c-chapter",)}},
        everyone={"exporter": sorted({*many, "a-heading"}),
                  "importer": ["a-heading", "b-exact", "c-chapter", "d-exact", "e-other"]},
    )
    found = product_members(members, "040120")
    assert found["exporter"] == list(many[:MEMBERS_PER_PRODUCT])
    assert found["importer"] == ["b-exact", "d-exact", "a-heading", "c-chapter", "e-other"]
    assert product_members(None, "040120") == {"exporter": [], "importer": []}
