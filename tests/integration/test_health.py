"""/health/: public, cheap, JSON with each check; 200 when all pass, 503 otherwise."""

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from tradebridge.health import checks
from tradebridge.jobs.services import do_beat, do_stop_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_alive():
    now = timezone.now()
    do_beat("test-worker", started_at=now, now=now)


def test_all_checks_pass(worker_alive):
    response = Client().get("/health/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "worker", "trade_store"}
    assert all(check["ok"] for check in data["checks"].values())
    assert data["checks"]["worker"]["age_seconds"] < 60
    assert "reference" in data["data"]  # when the reference data was loaded
    assert "no-cache" in response["Cache-Control"]


def test_no_session_and_no_cookie_are_needed_or_made(worker_alive):
    client = Client(enforce_csrf_checks=True)
    response = client.get("/health/")
    assert response.status_code == 200
    assert not response.cookies and "sessionid" not in client.cookies


def test_head_answers_the_status_without_a_body(worker_alive):
    response = Client().head("/health/")
    assert response.status_code == 200 and response.content == b""
    do_stop_worker("test-worker")
    assert Client().head("/health/").status_code == 503


def test_other_methods_are_refused():
    assert Client().post("/health/").status_code == 405


def test_no_worker_is_a_failure():
    response = Client().get("/health/")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "fail"
    assert data["checks"]["worker"] == {"ok": False, "reason": "no worker has reported", "max_age_seconds": 120}
    assert data["checks"]["database"]["ok"] and data["checks"]["trade_store"]["ok"]


def test_a_stale_heartbeat_fails_within_the_configured_age():
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    do_beat("sleepy", started_at=long_ago, now=long_ago)
    response = Client().get("/health/")
    assert response.status_code == 503 and 590 < response.json()["checks"]["worker"]["age_seconds"] < 700
    with override_settings(HEALTH_WORKER_MAX_AGE=3600):
        assert Client().get("/health/").status_code == 200


def test_an_unreadable_trade_store_fails(worker_alive, tmp_path):
    (tmp_path / "imports_log.parquet").write_bytes(b"this is not parquet")
    with override_settings(TRADE_STORE_DIR=tmp_path):
        response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["trade_store"]["ok"] is False
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with override_settings(TRADE_STORE_DIR=not_a_folder):
        assert Client().get("/health/").json()["checks"]["trade_store"]["ok"] is False


def test_a_failing_check_reports_its_kind_only(worker_alive, monkeypatch):
    def database_down():
        raise ConnectionError("could not connect to server at db.internal:5432 as admin")

    monkeypatch.setitem(checks.CHECKS, "database", database_down)
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "error": "ConnectionError"}
    assert b"db.internal" not in response.content
