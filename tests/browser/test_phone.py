"""Pages on a phone (375 px wide) and how charts arrive: nothing wider than the screen, the menu
folded behind its button, charts drawn after the page from the partial Plotly bundle, a focus
ring that shows on the green bar, Chinese status words kept whole."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"width": 375, "height": 800}


@pytest.fixture
def phone(browser, server_url):
    context = browser.new_context(base_url=server_url, locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _first_link(page, list_url: str, pattern: str) -> str:
    page.goto(list_url)
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))")
    return next(h for h in hrefs if re.fullmatch(pattern, h))


def _fits_the_screen(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{url} is {width} px wide at {PHONE['width']} px"
    # The menu is folded: its button shows, its links do not until the button is pressed.
    toggle = page.locator(".menu-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".mainnav")).to_be_hidden()


@pytest.mark.parametrize("language", ["vi", "lo", "zh-hans", "en"])
def test_main_pages_fit_a_phone_with_the_menu_folded(phone, server_url, language):
    phone.context.add_cookies([{"name": "tradebridge_language", "value": language, "url": server_url}])
    organisation = _first_link(phone, "/organizations/", r"/organizations/(?!new/|import/)[\w-]+/")
    event = _first_link(phone, "/events/", r"/events/(?!new/)[\w-]+/")
    agreement = _first_link(phone, "/agreements/", r"/agreements/\d+/")
    for url in ("/", "/organizations/", organisation, "/events/", event, "/agreements/", agreement,
                "/trade/", "/trade/province/", "/trade/investments/", "/products/"):
        _fits_the_screen(phone, url)


def test_officer_pages_fit_a_phone(phone, server_url):
    phone.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    phone.goto("/accounts/login/")
    phone.get_by_label("Username").fill("minh.hanoi")
    phone.get_by_label("Password").fill(DEMO_PASSWORD)
    phone.locator("main form button[type=submit]").last.click()
    expect(phone.get_by_test_id("current-user")).to_be_attached()
    agreement = _first_link(phone, "/agreements/", r"/agreements/\d+/")
    event = _first_link(phone, "/events/", r"/events/(?!new/)[\w-]+/")
    for url in (agreement, f"{event}registrations/", f"{event}outcomes/", "/agreements/dashboard/"):
        _fits_the_screen(phone, url)


def test_menu_button_opens_and_closes_the_menu(phone, server_url):
    phone.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    phone.goto("/")
    toggle = phone.get_by_role("button", name="Menu")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(phone.get_by_role("navigation", name="Main").get_by_role("link", name="Agreements")).to_be_visible()
    expect(phone.get_by_role("button", name="English")).to_be_visible()
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Agreements").click()
    expect(phone).to_have_url(re.compile(r"/agreements/$"))
    expect(phone.locator(".mainnav")).to_be_hidden()
    toggle = phone.get_by_role("button", name="Menu")
    toggle.click()
    toggle.click()
    expect(phone.locator(".mainnav")).to_be_hidden()


def test_wide_screens_show_the_menu_without_the_button(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    expect(page.locator(".mainnav")).to_be_visible()
    expect(page.locator(".menu-toggle")).to_be_hidden()


def test_charts_come_from_the_partial_bundle_after_the_page(page):
    scripts = []
    page.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
    page.goto("/trade/")
    # Tables are in the page itself; charts are drawn by the deferred scripts, all of them.
    expect(page.get_by_test_id("table-totals").locator("tbody tr")).to_have_count(5)
    boxes = page.locator("[data-plotly]")
    count = boxes.count()
    assert count >= 5
    expect(page.locator("[data-plotly][data-drawn]")).to_have_count(count)
    expect(page.locator("#chart-composition .treemaplayer .trace").first).to_be_attached()
    plotly = [url for url in scripts if "plotly" in url]
    assert plotly == [plotly[0]] and plotly[0].endswith("/plotly-tradebridge.min.js")
    assert page.evaluate("Object.keys(Plotly.PlotSchema.get().traces).sort().join(' ')") == "bar scatter treemap"
    assert page.locator("script[src*=plotly]").get_attribute("defer") is not None
    # The charts fit the phone-sized column they are in.
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def test_register_and_outcomes_draw_their_charts(page):
    page.goto("/agreements/")
    expect(page.locator("#chart-breakdown[data-drawn] .main-svg").first).to_be_attached()


def test_focus_ring_shows_on_the_green_bar(page):
    page.goto("/")
    page.keyboard.press("Tab")
    brand = page.locator(".topbar .brand")
    expect(brand).to_be_focused()
    colour = brand.evaluate("e => getComputedStyle(e).outlineColor")
    assert colour == "rgb(253, 230, 138)"  # pale amber, not the old blue (37, 99, 235)


def test_chinese_status_words_stay_whole_in_narrow_columns(phone, server_url):
    phone.context.add_cookies([{"name": "tradebridge_language", "value": "zh-hans", "url": server_url}])
    phone.goto("/agreements/")
    lines = phone.get_by_test_id("register").evaluate("""table => {
        const cell = [...table.querySelectorAll('tbody td')].find(td => td.textContent.trim() === '已签署');
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    }""")
    assert lines == 1
