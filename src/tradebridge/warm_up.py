"""Building the per-process caches that the first requests would otherwise build: the product
resolver (glossary index, word segmenters: seconds of CPU). Called by the gunicorn master before
it forks (gunicorn_conf) and, elsewhere, from a background thread started by wsgi.py."""

from __future__ import annotations


def warm_up() -> None:
    """Build the product resolver; its database connections are closed again, so that a process
    forked afterwards opens its own."""
    from django.db import connections

    try:
        from tradebridge.catalog.search import resolver

        resolver()
    except Exception:  # noqa: BLE001 - a cold cache only costs the first search a second
        return
    finally:
        connections.close_all()
