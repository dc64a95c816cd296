"""What the browser tests share: the demo accounts' password and signing in as one of them."""

from __future__ import annotations

DEMO_PASSWORD = "tradebridge-demo"


def sign_in(page, server_url, username, next_url="/"):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").last.click()
