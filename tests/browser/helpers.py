"""What the browser tests share: the demo accounts' password and signing in as one of them."""

from __future__ import annotations

from playwright.sync_api import expect

DEMO_PASSWORD = "tradebridge-demo"


def sign_in(page, server_url, username, next_url="/", language="en"):
    """Sign in in English, wait until the signed-in page has loaded, then switch the site to
    `language` for the pages that follow. Waiting matters: a reload or a cookie change while
    the sign-in's redirect is still under way races with it ("not attached to an active page")."""
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").last.click()
    expect(page.get_by_test_id("current-user")).to_be_attached()
    page.wait_for_load_state()
    if language != "en":
        page.context.add_cookies([{"name": "tradebridge_language", "value": language, "url": server_url}])


PHONE = {"width": 375, "height": 800}


def too_wide(page) -> list[str]:
    """The innermost elements that reach past the screen's right edge (for a failure message)."""
    return page.evaluate("""() => [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
        .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))""")


def assert_fits_the_screen(page, what: str) -> None:
    """The page as loaded scrolls only downwards at its viewport's width (a phone's: PHONE)."""
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    screen = page.viewport_size["width"]
    assert width <= screen + 1, f"{what} is {width} px wide at {screen} px: {too_wide(page)}"
