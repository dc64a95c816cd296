"""The gunicorn master builds the product resolver before it forks its workers (`tradebridge
serve` loads tradebridge.gunicorn_conf), and leaves no database connection for them to share."""

from __future__ import annotations

import pytest
from django.db import connections

from tradebridge import gunicorn_conf
from tradebridge.catalog import search
from tradebridge.jobs.management.commands.serve import gunicorn_argv


def test_serve_runs_gunicorn_with_the_preloading_config():
    argv = gunicorn_argv("127.0.0.1:8000", 3, 120)
    assert argv[argv.index("--config") + 1] == "python:tradebridge.gunicorn_conf"
    assert gunicorn_conf.preload_app is True


@pytest.mark.django_db
def test_when_ready_builds_the_resolver_and_closes_the_connections(monkeypatch):
    closed = []
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))
    search._resolver_for.cache_clear()
    gunicorn_conf.when_ready(server=None)
    assert search._resolver_for.cache_info().currsize == 1
    assert closed  # a forked worker opens its own
    assert search.resolver() is search.resolver()  # built once, reused
