"""A user chooses a language on the account page; after signing out and in again, on another
browser last used in English, the site opens in that language."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

USERNAME = "lang.reader"  # created here, so that no demo account's language changes
PASSWORD = "a long passphrase for the reader 9"


def english(page, server_url):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])


def sign_in(page, username, password):
    page.goto("/accounts/login/?next=/accounts/me/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button").click()


def create_reader(browser, server_url):
    """The administrator adds an account in the Django admin."""
    context = browser.new_context(base_url=server_url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    english(page, server_url)
    sign_in(page, "admin", DEMO_PASSWORD)
    page.goto("/admin/accounts/user/add/")
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(USERNAME)
    context.close()


def test_the_preferred_language_is_used_after_signing_in_again(browser, server_url):
    create_reader(browser, server_url)

    first = browser.new_context(base_url=server_url, locale="en-GB")
    page = first.new_page()
    page.set_default_timeout(15_000)
    english(page, server_url)
    sign_in(page, USERNAME, PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("preferred-language")).to_have_text("not chosen (Vietnamese)")
    preferences = page.get_by_test_id("preferences")
    preferences.get_by_label("Preferred language").select_option(label="ພາສາລາວ")
    preferences.get_by_label("Time zone").select_option("Asia/Vientiane")
    preferences.get_by_role("button", name="Save preferences").click()
    # Saved, and the site switches to Lao at once.
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    expect(page.locator(".messages")).to_contain_text("ບັນທຶກການຕັ້ງຄ່າແລ້ວ")
    expect(page.get_by_test_id("preferred-language")).to_have_text("ພາສາລາວ")
    expect(page.get_by_test_id("time-zone")).to_have_text("Asia/Vientiane")
    page.locator("form[action='/accounts/logout/'] button").click()
    expect(page.locator("#site-menu").get_by_role("link", name="ເຂົ້າສູ່ລະບົບ")).to_be_visible()
    first.close()

    # Another browser, last used in English: signing in opens the site in Lao.
    second = browser.new_context(base_url=server_url, locale="en-GB")
    page = second.new_page()
    page.set_default_timeout(15_000)
    english(page, server_url)
    sign_in(page, USERNAME, PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    expect(page.locator("h1")).to_have_text("ບັນຊີຂອງທ່ານ")
    page.goto("/events/")
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    second.close()
