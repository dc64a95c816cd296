"""Shared fixtures: the reference and demo data are loaded once per test database, and the
personas of the foundation issue are available to every test."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from tradebridge.bootstrap.demo import do_load_demo
from tradebridge.bootstrap.reference import do_load_reference


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        do_load_reference(force=True)
        do_load_demo()


@pytest.fixture(scope="session", autouse=True)
def recommendations_rebuilt_inline():
    """An edit shows in the next page's recommendations (the engine is rebuilt inside the
    request), however long a build takes on a busy machine; the background rebuild of slow
    builds has its own tests (test_recommendation_cache.py), which lower this again."""
    from tradebridge.registry import recommendations

    recommendations.INLINE_REBUILD_SECONDS = float("inf")


pytest_plugins = ["tests.personas"]


def pytest_configure(config):
    # Tasks run at once inside the test (no worker process); browser tests start a real worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Each test process keeps its own trade store, away from the developer's.
    settings.TRADE_STORE_DIR = Path(tempfile.mkdtemp(prefix="tradebridge-trade-"))
