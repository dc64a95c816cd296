"""Border gates in a real browser: the gates page draws its map (gates as dots coloured by status,
corridors as lines) beside the table, a gate page shows its map and sections, and both fit a
375 px phone without sideways scrolling."""

import os
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, assert_fits_the_screen

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

GATE = "/border/bg-laocai-hekou/"


@pytest.fixture(scope="module")
def border_demo(server_url, tmp_path_factory):
    """The border demo in the server's database (idempotent: nothing changes where `tradebridge
    setup` has loaded it already)."""
    data_dir = max(tmp_path_factory.getbasetemp().glob("server*"), key=lambda p: p.stat().st_mtime)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(TRADEBRIDGE_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="tradebridge.settings")
    code = (
        "import django; django.setup(); from tradebridge.bootstrap.demo_border import do_load_border_demo; "
        "do_load_border_demo()"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return server_url


def _english(page, server_url):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])


def test_gates_page_draws_the_map_with_gates_and_corridors(page, border_demo):
    _english(page, border_demo)
    page.goto("/border/")
    expect(page.locator("#border-map.leaflet-container")).to_be_visible()
    expect(page.locator("#border-map")).to_have_attribute("data-ready", "1")
    # One dot per gate in the table, and the corridors' lines: all drawn as interactive paths.
    rows = page.get_by_test_id("gates").locator("tbody tr[data-gate]").count()
    assert rows >= 12
    assert page.locator("#border-map path.leaflet-interactive").count() >= rows + 2
    expect(page.get_by_test_id("map-legend")).to_contain_text("Closed")
    page.get_by_test_id("gate-filters").locator("[name=corridor]").select_option(
        "kunming-laocai-hanoi-haiphong-quangninh"
    )
    page.get_by_test_id("gate-filters").get_by_role("button", name="Filter").click()
    expect(page.get_by_test_id("gates").locator("tbody tr[data-gate]")).to_have_count(1)
    page.get_by_role("link", name="Lao Cai – Hekou").first.click()
    expect(page).to_have_url(f"{border_demo}{GATE}")
    expect(page.get_by_test_id("gate-header")).to_contain_text("International")
    expect(page.locator("#border-map.leaflet-container")).to_be_visible()
    expect(page.get_by_test_id("crossings")).to_contain_text("railway bridge")
    expect(page.get_by_test_id("gate-pilots")).to_contain_text("Smart border gate study")


def test_gates_pages_fit_a_phone(browser, border_demo):
    context = browser.new_context(base_url=border_demo, locale="vi-VN", viewport=PHONE)
    phone = context.new_page()
    phone.set_default_timeout(45_000)
    try:
        for url in ("/border/", GATE, "/border/corridors/kunming-laocai-hanoi-haiphong-quangninh/"):
            phone.goto(url)
            assert_fits_the_screen(phone, url)
        expect(phone.locator("#border-map")).to_be_visible()
    finally:
        context.close()
