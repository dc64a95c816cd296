"""The checks behind /health/: the database answers, a worker reported recently, the trade store
can be read. Each returns a small JSON-ready dict with "ok"; an exception is reported by its class
name only (the page is public)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.utils import timezone

from tradebridge.core.models import DataLoad
from tradebridge.jobs.queries import latest_heartbeat
from tradebridge.trade.store import TradeStore


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_worker(now: dt.datetime | None = None, max_age: int | None = None) -> dict:
    now = now or timezone.now()
    max_age = settings.HEALTH_WORKER_MAX_AGE if max_age is None else max_age
    heartbeat = latest_heartbeat()
    if heartbeat is None:
        return {"ok": False, "reason": "no worker has reported", "max_age_seconds": max_age}
    age = (now - heartbeat.seen_at).total_seconds()
    return {
        "ok": age <= max_age,
        "last_seen": heartbeat.seen_at.isoformat(),
        "age_seconds": round(age, 1),
        "max_age_seconds": max_age,
    }


def check_trade_store() -> dict:
    store = TradeStore()
    if store.root.exists() and not store.root.is_dir():
        return {"ok": False, "reason": "the trade store is not a folder"}
    cursor = store.connect()
    try:
        imports = cursor.execute("SELECT count(*) FROM imports_log").fetchone()[0]
    finally:
        cursor.close()
    return {"ok": True, "years": len(store.years()), "imports": int(imports)}


CHECKS: dict[str, Callable[[], dict]] = {
    "database": check_database,
    "worker": check_worker,
    "trade_store": check_trade_store,
}


def run_checks(checks: dict[str, Callable[[], dict]] | None = None) -> tuple[bool, dict[str, dict]]:
    results = {}
    for name, check in (checks or CHECKS).items():
        try:
            results[name] = check()
        except Exception as exc:  # a failing check is a result, not an error page
            results[name] = {"ok": False, "error": type(exc).__name__}
    return all(result["ok"] for result in results.values()), results


def data_loads() -> dict[str, str]:
    """When the reference data sets were loaded (empty when the database is down)."""
    try:
        return {load.name: load.loaded_at.isoformat() for load in DataLoad.objects.all()}
    except Exception:
        return {}
