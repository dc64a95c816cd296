"""Moving focal points, working groups, work plans and programmes (and their history) from the
agreements app to the cooperation app keeps every row: agreements 0004 renames the tables and
cooperation 0001 takes the models over, and both go back. Run on an empty database of the same
kind as the tests' (SQLite file, or a throwaway PostgreSQL database), in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

SCRIPT = Path(__file__).with_name("agreements_migration_check.py")


def run_check(database_url: str, data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRADEBRIDGE_")}
    env.update(DATABASE_URL=database_url, TRADEBRIDGE_DATA_DIR=str(data_dir),
               DJANGO_SETTINGS_MODULE="tradebridge.settings", TRADEBRIDGE_EMAIL_URL="locmem:")
    result = subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True,
                            timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def database_url(tmp_path, django_db_blocker):
    """An empty database of the tests' kind, dropped afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'migration.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"tb_migration_{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
               f"{settings['PORT'] or 5432}/{name}")
    finally:
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_rows_and_history_survive_the_move_to_cooperation_and_back(database_url, tmp_path):
    found = run_check(database_url, tmp_path)
    expected = {
        "plan": ["Plan 2024", found["after"]["plan"][1], "2024-12-31"],
        "plan_history": ["created"],
        "focal": 1,
        "members": 1,
        "labour": ["more_than"],
        "trainees": [20],
    }
    for state in ("after", "back"):
        rows = found[state]
        assert {key: rows[key] for key in expected} == expected, state
        assert rows["activity"] and rows["plan"][1]
    assert found["after"]["content_types"] == ["cooperation"] and found["back"]["content_types"] == ["agreements"]
    assert found["after"]["next_plan_id"]
