"""Registry in a real browser: search across languages, an organisation with its partners,
adding an offer with the HS picker."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

DEMO_PASSWORD = "tradebridge-demo"


def sign_in(page, server_url, username, next_url="/"):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").last.click()


def test_directory_search_finds_lao_ginger_from_vietnamese(page):
    page.goto("/organizations/")
    page.get_by_role("searchbox").fill("gừng")
    results = page.get_by_test_id("directory")
    expect(results).to_contain_text("Khăm Muộn")
    expect(page).to_have_url(re.compile(r"q=g%E1%BB%AB"))


def test_organisation_page_shows_partners_with_reasons(page, server_url):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    page.goto("/organizations/demo-khammouane-ginger/")
    panel = page.get_by_test_id("recommendations")
    expect(panel.locator(".rec").first).to_contain_text("HS")


def test_member_adds_an_offer_with_the_hs_picker(page, server_url):
    sign_in(page, server_url, "somphone.ginger", "/organizations/demo-khammouane-ginger/")
    page.get_by_test_id("add-offer").click()
    page.get_by_label("product").fill("ໝາກເຜັດແຫ້ງ")
    page.get_by_label("HS code").fill("ໝາກເຜັດ")
    picker = page.get_by_test_id("hs-picker")
    expect(picker).to_be_visible()
    picker.get_by_role("button").first.click()
    expect(page.get_by_label("HS code")).to_have_value(re.compile(r"^\d{4}\.\d{2}$"))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("offers")).to_contain_text("ໝາກເຜັດແຫ້ງ")


def test_agency_officer_edits_an_organisation(page, server_url):
    sign_in(page, server_url, "minh.hanoi", "/organizations/van-phuc-silk/edit/")
    page.get_by_label("description").fill("Silk weaving village in Hà Đông since the 9th century.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Organisation saved.")
    page.get_by_role("link", name="History").click()
    expect(page.get_by_test_id("history")).to_contain_text("minh.hanoi")
