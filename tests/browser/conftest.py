"""A real server (`tradebridge setup` + runserver on a fresh SQLite file) and headless Chromium
driven by Playwright. The server runs in its own process, so the browser sees exactly what a
user of `make run` sees."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TRADEBRIDGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("server")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(TRADEBRIDGE_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="tradebridge.settings")
    cli = [sys.executable, "-m", "tradebridge"]
    subprocess.run([*cli, "setup"], env=env, check=True, capture_output=True)
    port = _free_port()
    log = (data_dir / "server.log").open("w")
    process = subprocess.Popen([*cli, "runserver", f"127.0.0.1:{port}", "--noreload"],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    # Background work (scheduling, exports) runs in a real task worker, as under `make run`;
    # its heartbeat makes /health/ answer 200.
    worker = subprocess.Popen([*cli, "worker"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health/", timeout=2):  # noqa: S310
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                worker.kill()
                raise RuntimeError(Path(log.name).read_text()) from None
            time.sleep(0.3)
    yield url
    for child in (process, worker):
        child.terminate()
        child.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API keeps an event loop running while it is open, and
    # Django refuses ORM calls from tests that would run in this worker meanwhile.
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server_url):
    context = browser.new_context(base_url=server_url, locale="vi-VN")
    page = context.new_page()
    # Generous: a busy 2-core machine renders a PDF or runs the scheduler slowly. A wait that
    # ends early costs nothing; only a page that never gets there fails.
    page.set_default_timeout(45_000)
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)
    yield page
    context.close()
