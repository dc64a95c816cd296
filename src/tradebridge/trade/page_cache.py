"""The trade dashboard's body, rendered once and kept in the "pages" cache.

Many readers ask for the same few pairs, and computing a dashboard (the DuckDB aggregates, the
Plotly figures, the tables) costs seconds where rendering one from the cache costs milliseconds.
The key is the normalised request (reporter, partner, year: the latest when none is asked for),
the active language and the store's version (its files and its import log), which changes on every
import: the next request after a write renders afresh, and the stale entries age out. The code
and templates that shape the page are part of the key too (the file cache outlives the server).

Only the body is kept (templates/trade/dashboard_body.html): it shows nothing that depends on the
reader (no CSRF token, no nonce, no user menu); base.html around it is rendered per request.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.translation import get_language

from tradebridge.trade import pages, queries
from tradebridge.trade.store import TradeStore

PAGES = "pages"  # settings.CACHES alias
BODY_TEMPLATE = "trade/dashboard_body.html"


@functools.cache
def code_version() -> tuple:
    """The files that shape the page (this app's code and templates, the translations), by size
    and mtime: the file cache outlives the server, and a deployment must not serve old pages."""
    package = Path(__file__).resolve().parents[1]
    patterns = ("trade/*.py", "trade/templatetags/*.py", "core/*.py", "templates/trade/*.html",
                "templates/*.html", "locale/*/LC_MESSAGES/django.mo")
    return tuple(sorted((str(path.relative_to(package)), stat.st_size, stat.st_mtime_ns)
                        for pattern in patterns for path in package.glob(pattern)
                        for stat in [path.stat()]))


def dashboard_key(store: TradeStore, pair: queries.Pair, language: str | None) -> str:
    parts = (code_version(), queries.version_key(store), pair.reporter, pair.partner, pair.year,
             language or "")
    return "trade-dashboard:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def dashboard_body(params: Any) -> tuple[queries.Pair, str]:
    """The normalised pair and the dashboard's body for these request parameters (BadParameter
    when they cannot be used): the body from the cache, or computed, rendered and kept."""
    store = TradeStore()
    pair = queries.parse_pair(params, store.years())
    cache = caches[PAGES]
    key = dashboard_key(store, pair, get_language())
    body = cache.get(key)
    if body is None:
        normalised = {"reporter": pair.reporter, "partner": pair.partner, "year": pair.year or ""}
        body = str(render_to_string(BODY_TEMPLATE, pages.dashboard_context(normalised)))
        cache.set(key, body)
    return pair, body
