"""`tradebridge serve` for real: gunicorn, the task worker and the jobs start together on a fresh
SQLite database, answer a page, a static file and /health/ over HTTP, and all stop on SIGTERM."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "tradebridge"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k != "DATABASE_URL" and not k.startswith("TRADEBRIDGE_")}
    env.update(TRADEBRIDGE_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="tradebridge.settings",
               TRADEBRIDGE_EMAIL_URL="locmem:", TRADEBRIDGE_DEBUG="false",
               TRADEBRIDGE_SECRET_KEY="serve-test-secret-key-long-enough-to-be-random")
    return env


def children_of(pid: int) -> set[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in children_of(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local test server
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("serve")
    subprocess.run([*CLI, "migrate", "--noinput"], env=environment(data_dir), check=True,
                   capture_output=True)
    return data_dir


def test_serve_runs_the_site_the_worker_and_the_jobs_and_stops_them_all(migrated):
    port = free_port()
    log_path = migrated / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen([*CLI, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
                                  env=environment(migrated), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        # Up when /health/ says so: gunicorn answers and the worker has reported.
        deadline = time.monotonic() + 180
        while True:
            try:
                status, body, _ = get(f"{base}/health/")
                if status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"serve did not come up:\n{log_path.read_text()}")
            time.sleep(0.5)
        health = json.loads(body)
        assert health["status"] == "ok"
        assert {name for name, check in health["checks"].items() if check["ok"]} == {
            "database", "worker", "trade_store"}

        status, page, headers = get(f"{base}/")
        assert status == 200 and b"TradeBridge" in page and headers["Content-Type"].startswith("text/html")

        # collectstatic ran, and WhiteNoise serves the file with DEBUG off.
        collected = migrated / "static" / "admin" / "css" / "base.css"
        assert collected.is_file()
        status, css, headers = get(f"{base}/static/admin/css/base.css")
        assert status == 200 and css == collected.read_bytes() and headers["Content-Type"].startswith("text/css")
        assert get(f"{base}/static/no-such-file.css")[0] == 404

        # The product resolver was built in the master before the fork (gunicorn_conf); this
        # database holds no reference data, so the search finds nothing, but it answers.
        status, found, _ = get(f"{base}/api/products/search?q=g%E1%BB%ABng")
        assert status == 200 and json.loads(found) == []
        assert "Booting worker" in log_path.read_text()

        request = urllib.request.Request(f"{base}/health/", method="HEAD")  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            assert response.status == 200 and response.read() == b""

        processes = descendants(server.pid)
        commands = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ") for pid in processes}
        assert sum(b"gunicorn" in c for c in commands.values()) >= 3  # master + 2 workers
        assert sum(b"tradebridge worker" in c for c in commands.values()) == 1
    finally:
        processes = descendants(server.pid)
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert code == 0, log_path.read_text()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in processes if alive(pid)], log_path.read_text()
    text = log_path.read_text()
    assert "received SIGTERM: stopping" in text and "Shutting down: Master" in text
    assert re.search(r"worker \S+ stopped", text)


def test_serve_refuses_to_start_before_the_migrations(tmp_path):
    result = subprocess.run([*CLI, "serve", "--bind", f"127.0.0.1:{free_port()}"],
                            env=environment(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "migration(s) not applied: run `tradebridge migrate`" in result.stderr


def test_serve_refuses_a_bad_bind_address(tmp_path):
    result = subprocess.run([*CLI, "serve", "--bind", "localhost"], env=environment(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "use HOST:PORT" in result.stderr
