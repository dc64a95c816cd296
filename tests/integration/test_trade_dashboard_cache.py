"""The trade dashboard's body is rendered once per pair, year, language and store version and then
served from the "pages" cache: a second identical request computes nothing, another language or
pair renders its own page, an import renders afresh, and nothing of one reader reaches another."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest
from django.core.cache import caches
from django.urls import reverse

from tests.personas import client_for
from tradebridge.trade import page_cache, pages, queries
from tradebridge.trade.store import TradeStore

pytestmark = pytest.mark.django_db

URL = reverse("trade:dashboard")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _flows(rows: list[tuple]) -> pa.Table:
    names = ("year", "exporter", "importer", "product", "value")
    table = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    table["quantity"] = [None] * len(rows)
    return pa.table(table)


@pytest.fixture
def store(settings, tmp_path) -> TradeStore:
    """A private trade store (VNM, LAO, CHN in 2022 and 2023) and a private pages cache (the
    configured backend, files in tmp_path)."""
    settings.TRADE_STORE_DIR = tmp_path / "store"
    settings.CACHES = {**settings.CACHES, "pages": {**settings.CACHES["pages"],
                                                    "LOCATION": str(tmp_path / "pages")}}
    store = TradeStore(tmp_path / "store")
    rows = [(year, exporter, importer, product, value * (year - 2020))
            for year in (2022, 2023)
            for exporter, importer, product, value in [
                ("VNM", "LAO", "100630", 900.0), ("VNM", "LAO", "090111", 300.0),
                ("LAO", "VNM", "440799", 500.0), ("VNM", "CHN", "854231", 7000.0),
                ("CHN", "VNM", "847130", 8000.0), ("CHN", "LAO", "870421", 600.0),
                ("LAO", "CHN", "400122", 400.0)]]
    store.write_flows(_flows(rows), source="test flows", kind="test", synthetic=False)
    return store


@pytest.fixture
def computed(monkeypatch) -> list[dict]:
    """The parameters of each dashboard computed (rather than served from the cache)."""
    calls: list[dict] = []
    original = pages.dashboard_context

    def counting(params, **kwargs):
        calls.append(dict(params))
        return original(params, **kwargs)

    monkeypatch.setattr(page_cache.pages, "dashboard_context", counting)
    return calls


def test_a_second_identical_request_is_served_from_the_cache(store, computed, client):
    first = client.get(URL, {"reporter": "VNM", "partner": "LAO"}, HTTP_ACCEPT_LANGUAGE="en")
    assert first.status_code == 200
    assert computed == [{"reporter": "VNM", "partner": "LAO", "year": 2023}]
    # The same request spelt differently (lower case, the latest year named) is the same page.
    second = client.get(URL, {"reporter": "vnm", "partner": "lao", "year": "2023"},
                        HTTP_ACCEPT_LANGUAGE="en")
    assert second.status_code == 200
    assert len(computed) == 1
    html = second.content.decode()
    assert 'data-testid="table-top_exports"' in html and 'id="chart-totals"' in html
    assert html.count('data-testid="pair"') == 1
    body = lambda response: response.content.decode().split('<div class="titlebar">', 1)[1]  # noqa: E731
    assert body(first) == body(second)


def test_another_language_pair_or_year_is_another_page(store, computed, client):
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    vietnamese = client.get(URL, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    china = client.get(URL, {"partner": "CHN"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    earlier = client.get(URL, {"year": 2022}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert len(computed) == 4
    assert "Top products" in english and "Top products" not in vietnamese
    assert "China" in china and "China" not in english.split('data-testid="pair"')[1].split("</span>")[0]
    assert "<small>2022</small>" in earlier and "<small>2023</small>" in english
    # Each is kept: asking again computes nothing.
    client.get(URL, HTTP_ACCEPT_LANGUAGE="vi")
    client.get(URL, {"partner": "CHN", "year": 2023}, HTTP_ACCEPT_LANGUAGE="en")
    assert len(computed) == 4


def test_bad_parameters_are_refused_and_not_cached(store, computed, client):
    response = client.get(URL, {"year": "1999"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert computed == []


def test_an_import_renders_the_page_afresh(store, computed, client):
    before = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert len(computed) == 1
    assert "Ministry survey 2026" not in before
    # Real exports by HS section: an import of the small tables changes the store version.
    sections = pa.table({"year": [2023, 2023], "country": ["VNM", "LAO"], "section": [2, 9],
                         "value": [1.5e9, 2.5e8]})
    store.write_section_exports(sections, source="Ministry survey 2026")
    after = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert len(computed) == 2
    assert "Ministry survey 2026" in after
    # A flows import likewise: the new figures show at once.
    store.write_flows(_flows([(2023, "VNM", "LAO", "100630", 10_000e6)]), source="more flows",
                      kind="test", synthetic=False)
    latest = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert len(computed) == 3
    assert latest != after


def test_nothing_of_one_reader_reaches_another(store, computed, vn_officer, lao_officer):
    officer = client_for(vn_officer).get(URL).content.decode()
    other = client_for(lao_officer).get(URL).content.decode()
    anonymous = client_for(None).get(URL).content.decode()
    assert len(computed) == 1  # one page computed, served to all three
    tokens = [CSRF_INPUT.findall(page) for page in (officer, other, anonymous)]
    assert all(tokens) and not set(tokens[0]) & set(tokens[1]) and not set(tokens[1]) & set(tokens[2])
    shown = vn_officer.get_full_name() or vn_officer.username  # base.html's user menu
    assert f'data-testid="current-user">{shown}<' in officer
    assert shown not in other and shown not in anonymous
    assert 'data-testid="current-user"' not in anonymous
    # The kept body itself holds no token, no nonce, no user.
    store_now = TradeStore()
    key = page_cache.dashboard_key(store_now, queries.parse_pair({}, store_now.years()), "en")
    kept = caches[page_cache.PAGES].get(key)
    assert "csrf" not in kept.lower() and "nonce" not in kept.lower()
    assert shown not in kept and 'data-testid="current-user"' not in kept



def test_a_deployment_renders_afresh(store, computed, client, monkeypatch):
    """The file cache outlives the server: changed code, templates or translations are a new key."""
    client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert any(name == "templates/trade/dashboard_body.html" for name, *_ in page_cache.code_version())
    monkeypatch.setattr(page_cache, "code_version", lambda: (("templates/trade/dashboard_body.html", 1, 2),))
    client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert len(computed) == 2
