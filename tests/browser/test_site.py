"""Main flows in a real browser: languages, sign-in per role, product search, zones."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

HOME_HEADING = {
    "vi": "Xúc tiến thương mại xuyên biên giới",
    "lo": "ຫວຽດນາມ",
    "zh-hans": "越南、老挝和中国",
    "en": "Cross-border trade promotion",
}


@pytest.mark.parametrize("code", ["vi", "lo", "zh-hans", "en"])
def test_home_page_in_each_language(page, server_url, code):
    page.context.add_cookies([{"name": "tradebridge_language", "value": code, "url": server_url}])
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("h1")).to_contain_text(HOME_HEADING[code])


def test_language_switch_is_remembered(page):
    page.goto("/geo/countries/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.get_by_role("button", name="ລາວ").click()
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    expect(page).to_have_url(re.compile(r"/geo/countries/$"))
    page.goto("/products/")
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Products (HS 2022)")


def test_lao_text_renders_with_the_bundled_font(page):
    page.goto("/geo/countries/LAO/")
    expect(page.locator("h1")).to_be_visible()
    loaded = page.evaluate(
        "async () => { await document.fonts.ready;"
        " return document.fonts.check('16px \"Noto Sans Lao\"', 'ລາວ'); }"
    )
    assert loaded is True


@pytest.mark.parametrize(
    ("username", "role"),
    [("admin", "Administrator"), ("minh.hanoi", "Agency staff"),
     ("khamla.vientiane", "Agency staff"), ("li.zhejiang", "Enterprise member"),
     ("visitor", "Visitor")],
)
def test_login_as_each_role(page, server_url, username, role):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").last.click()
    page.get_by_test_id("current-user").click()
    expect(page.get_by_test_id("role")).to_have_text(role)
    admin_link = page.get_by_role("link", name="Administration")
    expect(admin_link).to_have_count(1 if role == "Administrator" else 0)
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("#site-menu").get_by_role("link", name="Sign in")).to_be_visible()


def test_product_search_finds_ginger_from_lao_text(page):
    page.goto("/products/")
    page.get_by_role("searchbox").fill("ຂີງ")
    first = page.get_by_test_id("product-results").locator("tbody tr").first
    expect(first).to_contain_text("0910.11", timeout=45_000)  # first search builds the index
    expect(page).to_have_url(re.compile(r"q=%E0%BA%82"))  # htmx pushed the query to the URL


def test_zones_table_works_without_a_network(page):
    page.goto("/geo/zones/?kind=border_gate")
    expect(page.get_by_test_id("zones")).to_contain_text("Lào Cai – Hà Khẩu")
    expect(page.locator("#map")).to_be_visible()


def test_enterprise_member_edits_own_organisation(page, server_url):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    page.goto("/accounts/login/?next=/organizations/demo-khammouane-ginger/edit/")
    page.get_by_label("Username").fill("somphone.ginger")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").last.click()
    page.get_by_label("Address").fill("Thakhek, Khammouane")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Organisation saved.")
    response = page.goto("/organizations/hanoi-doit/edit/")
    assert response.status == 403
