"""Sign-up, password reset and the role homes as people see them (issue 11, items 6 and 7)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def english(page, server_url):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])


def test_an_enterprise_applies_from_the_sign_in_page(page, server_url):
    english(page, server_url)
    page.goto("/accounts/login/")
    expect(page.get_by_role("link", name="Forgot your password?")).to_be_visible()
    page.get_by_role("link", name="Apply for an enterprise account").click()
    page.get_by_label("Given name").fill("Bounmy")
    page.get_by_label("E-mail address").fill("bounmy.browser@example.la")
    page.get_by_label("Username").fill("bounmy.browser")
    page.get_by_label("Password").fill("a long enough passphrase 2027")
    page.get_by_label("Organisation name").fill("Champa Weaving Cooperative")
    page.get_by_label("Kind").select_option("cooperative")
    laos = page.locator("#id_org_country option", has_text="Lao").first.get_attribute("value")
    page.get_by_label("Country").select_option(laos)
    page.get_by_role("button", name="Send the application").click()
    expect(page.locator("h1")).to_have_text("Application sent")


def test_the_public_home_is_short_and_a_404_leads_back(page, server_url):
    english(page, server_url)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    expect(page.get_by_test_id("organizations-overview")).to_be_visible()
    assert page.locator("table").count() == 0
    page.goto("/accounts/password/reset/")
    expect(page.locator("h1")).to_have_text("Reset your password")


def test_an_officer_lands_on_its_home(page, server_url):
    english(page, server_url)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("minh.hanoi")
    page.get_by_label("Password").fill("tradebridge-demo")
    page.get_by_role("button", name="Sign in").last.click()
    expect(page.get_by_test_id("pending-reviews")).to_be_visible()
    expect(page.get_by_test_id("my-events")).to_be_visible()
