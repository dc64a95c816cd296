"""Hardening: a Content-Security-Policy on every answer and no inline script on any page it
would block, HSTS when secure cookies are on, HEAD answered wherever GET is, and `serve` refusing
the development secret key."""

from __future__ import annotations

import re
import runpy
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

import tradebridge.settings
from tests.personas import client_for
from tradebridge.jobs.management.commands import serve as serve_command

pytestmark = pytest.mark.django_db

# Start pages for the crawl; it follows the site's own links from them.
START = ["/", "/organizations/?q=gạo", "/organizations/?q=ເຂົ້າ", "/organizations/?q=大米",
         "/organizations/van-phuc-silk/", "/events/", "/agreements/", "/trade/", "/chains/",
         "/border/", "/geo/zones/", "/organizations/van-phuc-silk/items/offer/new/",
         "/events/new/", "/organizations/van-phuc-silk/edit/", "/organizations/new/"]
SKIP = re.compile(r"^/(admin|api|accounts/logout|i18n|static|media)/|\.(pdf|xlsx|csv|ics|json|zip)$"
                  r"|/download/")
MAX_PAGES = 45


class Scripts(HTMLParser):
    """The inline scripts, inline event handlers and eval-needing htmx attributes of a page,
    and its internal links."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and not values.get("src") and values.get("type") != "application/json":
            self.problems.append(f"inline <script {attrs}>")
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("hx-vals", "hx-vars") and (value or "").lstrip().startswith("js:"):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "a" and values.get("href", "").startswith("/"):
            self.links.append(urlsplit(values["href"]).path)


def test_pages_carry_a_strict_policy_and_no_inline_script(administrator):
    client = client_for(administrator)
    seen, todo, problems = set(), list(START), {}
    while todo and len(seen) < MAX_PAGES:
        url = todo.pop(0)
        if url in seen or SKIP.search(url):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        policy = response["Content-Security-Policy"]
        assert "script-src 'self';" in policy and "unsafe-eval" not in policy, url
        parser = Scripts()
        parser.feed(response.content.decode())
        if parser.problems:
            problems[url] = parser.problems
        todo.extend(link for link in parser.links if link not in seen)
    assert len(seen) >= 30 and not problems, problems
    assert '<meta name="htmx-config" content=\'{"allowEval": false}\'>' in client.get("/").content.decode()


def test_the_api_and_error_pages_carry_the_policy_too():
    for url in ("/api/organizations", "/no-such-page/"):
        assert "default-src 'self'" in Client().get(url)["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/organizations/?q=rice", "/trade/", "/agreements/", "/events/",
                                 "/health/", "/api/organizations", "/api/agreements",
                                 "/api/countries", "/api/trade/indicators/rca?reporter=VNM&partner=CHN"])
def test_head_is_answered_where_get_is(url):
    client = Client()
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code and head.status_code in (200, 503)
    assert head.content == b"" and head["Content-Type"] == get["Content-Type"]
    assert int(head["Content-Length"]) > 0


def test_a_head_on_a_post_only_address_is_still_refused():
    assert Client().head(reverse("accounts:logout")).status_code == 405


def test_hsts_follows_the_secure_cookies_setting(settings, monkeypatch):
    seconds = {}
    for flag in ("true", "false"):
        monkeypatch.setenv("TRADEBRIDGE_SECURE_COOKIES", flag)
        seconds[flag] = runpy.run_path(tradebridge.settings.__file__)["SECURE_HSTS_SECONDS"]
    assert seconds == {"true": 31536000, "false": 0}
    settings.SECURE_HSTS_SECONDS = 31536000
    response = Client().get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_serve_refuses_the_development_secret_key_unless_debug(settings, monkeypatch):
    started = []

    class Stub:
        def __init__(self, children):
            started.append([child.name for child in children])

        def run(self):
            return 0

    class KeepOpen:  # serve closes its connection before starting the children: not this one
        def __init__(self, connection):
            self.wrapped = connection

        def __getattr__(self, name):
            return getattr(self.wrapped, name)

        def close(self):
            pass

    monkeypatch.setattr(serve_command, "Supervisor", Stub)
    monkeypatch.setattr(serve_command, "connection", KeepOpen(serve_command.connection))
    settings.SECRET_KEY_IS_DEFAULT, settings.DEBUG = True, False
    with pytest.raises(CommandError, match="TRADEBRIDGE_SECRET_KEY is not set"):
        call_command("serve", "--no-collectstatic")
    assert started == []
    settings.DEBUG = True
    call_command("serve", "--no-collectstatic")
    settings.SECRET_KEY_IS_DEFAULT, settings.DEBUG = False, False
    call_command("serve", "--no-collectstatic", "--no-worker")
    assert started == [["gunicorn", "worker"], ["gunicorn"]]
