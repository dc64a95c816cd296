"""``tradebridge chains gaps``: end to end with a chain file and with --chain, JSON and CSV,
without a database, and bad arguments refused with a message naming them, nothing changed."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import chains as chain_factory
from tests.factories.chain_flows import WORLD, flow_table
from tradebridge.chains import gaps
from tradebridge.chains.models import Chain
from tradebridge.trade.store import TradeStore

pytestmark = pytest.mark.django_db

ROWS = WORLD[:7]  # the milk chain's flows, without the far products
TRADEBRIDGE = Path(sys.executable).with_name("tradebridge")


@pytest.fixture
def store_dir(settings, tmp_path):
    settings.TRADE_STORE_DIR = tmp_path / "store"
    TradeStore(settings.TRADE_STORE_DIR).write_flows(flow_table(ROWS), source="hand", kind="test", synthetic=True)
    gaps.clear_cache()
    return settings.TRADE_STORE_DIR


@pytest.fixture
def chain_file(tmp_path):
    path = tmp_path / "dairy.json"
    path.write_text(json.dumps(chain_factory.definition("file-dairy"), ensure_ascii=False), encoding="utf-8")
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command("chains", "gaps", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


PAIR = ("--year", "2022", "--exporter", "LAO", "--importer", "VNM")


def test_gaps_from_a_file_as_json(store_dir, chain_file):
    report = json.loads(run(str(chain_file), *PAIR))
    assert report["format"] == "tradebridge.chain-gaps/1" and report["chain"] == "file-dairy"
    assert [s["id"] for s in report["stages"]] == ["inputs", "milk", "processed", "packaging"]
    milk = next(s for s in report["stages"] if s["id"] == "milk")
    assert milk["flows"] == {"exporter_to_importer": 100.0, "importer_to_exporter": 0.0,
                             "importer_imports_world": 550.0}
    assert [(p["product"], p["untapped"]) for p in milk["products"]] == [("040120", 200.0), ("040110", 50.0)]


def test_gaps_of_a_chain_in_the_database_as_csv_with_top(store_dir):
    chain_factory.chain("db-dairy")
    text = run("--chain", "db-dairy", *PAIR, "--top", "1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "chain", "year", "exporter", "importer", "stage", "stage_exporter_to_importer",
        "stage_importer_to_exporter", "stage_importer_imports_world", "product", "importer_imports_world",
        "importer_imports_from_exporter", "exporter_exports_world", "exporter_rca", "exporter_density",
        "untapped", "members_exporter", "members_importer",
    ]
    by_stage = {}
    for row in rows:
        by_stage.setdefault(row["stage"], []).append(row)
    assert [r["product"] for r in by_stage["milk"]] == ["040120"]  # --top 1
    assert float(by_stage["milk"][0]["untapped"]) == 200.0
    assert float(by_stage["milk"][0]["stage_importer_imports_world"]) == 550.0
    # A stage with nothing listed still shows its flows.
    assert by_stage["packaging"] == [{**by_stage["packaging"][0], "product": ""}]
    assert float(by_stage["processed"][0]["stage_importer_to_exporter"]) == 80.0


def snapshot(root: Path) -> dict:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*")}


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("{file}", "--year", "2022", "--exporter", "XYZ", "--importer", "VNM"), "XYZ"),
        (("{file}", "--year", "2022", "--exporter", "LAO", "--importer", "LAO"), "same country"),
        (("{file}", "--year", "2019", "--exporter", "LAO", "--importer", "VNM"), "2019"),
        (("{bad}", *PAIR), "0499"),
        (("{notjson}", *PAIR), "not valid JSON"),
        (("{missing}", *PAIR), "missing.json"),
        (("--chain", "no-such-chain", *PAIR), "no-such-chain"),
        (("{file}", "--chain", "db-dairy", *PAIR), "not both"),
        (PAIR, "neither"),
    ],
)
def test_bad_arguments_are_refused_and_change_nothing(store_dir, chain_file, tmp_path, args, named):
    bad = tmp_path / "bad.json"
    document = copy.deepcopy(chain_factory.definition("bad"))
    document["stages"][1]["hs"] = ["0499"]
    bad.write_text(json.dumps(document), encoding="utf-8")
    notjson = tmp_path / "notjson.json"
    notjson.write_text("{stages", encoding="utf-8")
    paths = {"file": chain_file, "bad": bad, "notjson": notjson, "missing": tmp_path / "missing.json"}
    args = [a.format(**paths) for a in args]
    before, chains = snapshot(store_dir), Chain.objects.count()
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert named in str(caught.value)
    assert snapshot(store_dir) == before and Chain.objects.count() == chains


def test_top_must_be_positive(store_dir, chain_file):
    with pytest.raises(CommandError, match="at least 1"):
        run(str(chain_file), *PAIR, "--top", "0")


def _command(*args, env_dir: Path, store: Path):
    env = {**os.environ, "TRADEBRIDGE_DATA_DIR": str(env_dir), "TRADEBRIDGE_TRADE_DIR": str(store)}
    env.pop("DATABASE_URL", None)
    return subprocess.run([str(TRADEBRIDGE), "chains", "gaps", *args], env=env, capture_output=True, text=True,  # noqa: S603
                          check=False, timeout=120)


def test_command_line_without_a_database(store_dir, chain_file, tmp_path):
    # A fresh data folder: its SQLite file has no tables, so the registry cannot be read.
    done = _command(str(chain_file), *PAIR, env_dir=tmp_path / "empty-data", store=store_dir)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    milk = next(s for s in report["stages"] if s["id"] == "milk")
    assert milk["products"][0]["members"] == {"exporter": [], "importer": []}
    failed = _command(str(chain_file), "--year", "2022", "--exporter", "LAO", "--importer", "QQQ",
                      env_dir=tmp_path / "empty-data", store=store_dir)
    assert failed.returncode == 1 and "QQQ" in failed.stderr and not failed.stdout
