"""The trade store under concurrent writers (several processes, as gunicorn workers, the CLI and
the task worker are) and writers killed half way through their commit."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tradebridge.trade import store_commit
from tradebridge.trade.importers import import_reported
from tradebridge.trade.store import TradeStore

PROCESSES, ROUNDS = 4, 3
HEADER = "year,reporter,partner,flow,hs_or_group,value,currency,source\n"


def _upload(root: str, worker: int) -> list[str]:
    """One agency's uploads, in a process of its own: each file a reporter of its own."""
    store, ids = TradeStore(Path(root)), []
    for round_ in range(ROUNDS):
        path = Path(root).parent / f"upload-{worker}-{round_}.csv"
        path.write_text(HEADER + "".join(f"{2015 + y},VNM,LAO,export,{worker:02d}{round_:02d},{y + 1},USD,s\n"
                                         for y in range(5)), encoding="utf-8")
        ids.append(import_reported(store, path, known={"VNM", "LAO"}, source=f"w{worker}r{round_}").id)
    return ids


def test_uploads_from_several_processes_at_once_are_all_kept(tmp_path):
    root = tmp_path / "store"
    with multiprocessing.get_context("spawn").Pool(PROCESSES) as pool:
        ids = pool.starmap(_upload, [(str(root), w) for w in range(PROCESSES)])
    store = TradeStore(root)
    logged = {entry["id"] for entry in store.import_log()}
    assert logged == {i for worker in ids for i in worker} and len(logged) == PROCESSES * ROUNDS
    con = store.connect()
    try:
        groups = con.execute("SELECT hs_or_group, count(*) FROM reported GROUP BY 1").fetchall()
    finally:
        con.close()
    assert sorted(groups) == [(f"{w:02d}{r:02d}", 5) for w in range(PROCESSES) for r in range(ROUNDS)]
    assert not list(root.rglob(".incoming-*")) and not (root / store_commit.JOURNAL).exists()


def _flows(year: int, value: float) -> pa.Table:
    return pa.table({"year": [year, year], "exporter": ["VNM", "LAO"], "importer": ["LAO", "VNM"],
                     "product": ["010121", "010121"], "value": [value, value], "quantity": [None, None]})


@pytest.mark.parametrize("renames_done", [0, 2, 4])
def test_a_writer_killed_between_its_renames_is_finished_on_next_open(tmp_path, monkeypatch, renames_done):
    store = TradeStore(tmp_path)
    store.write_flows(_flows(2021, 1.0), source="old", kind="baci", synthetic=False)
    real_replace, calls = store_commit.os.replace, []

    def killed(src, dst):
        # The journal's own rename is the commit point; the renames after it are the files'.
        if Path(dst).name != store_commit.JOURNAL:
            if len(calls) == renames_done:
                raise SystemExit("killed")
            calls.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(store_commit.os, "replace", killed)
    with pytest.raises(SystemExit):
        store.write_flows(_flows(2022, 7.0), source="synthetic", kind="synthetic", synthetic=True)
    monkeypatch.setattr(store_commit.os, "replace", real_replace)
    assert (tmp_path / store_commit.JOURNAL).exists()

    reopened = TradeStore(tmp_path)
    assert reopened.years() == [2021, 2022]
    assert reopened.synthetic_years() == [2022]
    assert reopened.manifest()[2022]["source"] == "synthetic"
    assert [e["source"] for e in reopened.import_log()] == ["synthetic", "old"]
    assert pq.read_table(tmp_path / "flows" / "cp" / "2022-x.parquet").num_rows == 2
    assert not (tmp_path / store_commit.JOURNAL).exists() and not list(tmp_path.rglob(".incoming-*"))


def test_a_writer_killed_before_its_commit_point_changes_nothing(tmp_path, monkeypatch):
    store = TradeStore(tmp_path)
    store.write_reported(pa.table({"year": [2020], "reporter": ["VNM"], "partner": ["LAO"], "flow": ["export"],
                                   "hs_or_group": ["TOTAL"], "value": [1.0]}), source="kept")

    def killed(root, incoming, moves):
        raise SystemExit("killed")

    monkeypatch.setattr(store_commit, "commit", killed)
    with pytest.raises(SystemExit):
        store.write_reported(pa.table({"year": [2021], "reporter": ["VNM"], "partner": ["LAO"],
                                       "flow": ["export"], "hs_or_group": ["TOTAL"], "value": [2.0]}),
                             source="lost")
    monkeypatch.undo()
    assert len(list(tmp_path.glob(".incoming-*"))) == 1  # what a killed writer leaves
    (tmp_path / "flows" / ".incoming-old").mkdir(parents=True)

    reopened = TradeStore(tmp_path)
    assert [e["source"] for e in reopened.import_log()] == ["kept"]
    reopened.write_section_exports(pa.table({"year": [2020], "country": ["VNM"], "section": [1],
                                             "value": [3.0]}), source="oec")
    assert not list(tmp_path.rglob(".incoming-*"))
    con = reopened.connect()
    try:
        assert con.execute("SELECT year, value FROM reported").fetchall() == [(2020, 1.0)]
    finally:
        con.close()
