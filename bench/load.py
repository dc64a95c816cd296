"""Load benchmark: `tradebridge serve` (gunicorn + the task worker) on PostgreSQL under the
realistic mix of readers, at a constant arrival rate (open loop: a slow answer does not slow the
arrivals, and each request's time counts from when it was due, queueing in this driver included).

Run: .venv/bin/python bench/load.py [--rate 40] [--seconds 60] [--ramp 20,30,40,50,60,80]
                                    [--ramp-seconds 20] [--workers 3] [--url http://host:port]

Without --url it starts `tradebridge serve --workers N` on a free port against the database
tradebridge_load on 127.0.0.1:5432 (user postgres; created and filled with `tradebridge setup`
and its demo data when missing; data folder var/load) and stops it afterwards.

The mix (weights): home 8; directory searches in Vietnamese, Lao and Chinese 5 each; an
organisation page with its recommendations 10; the events list 4 and an event page 6; the
agreement register 8; the trade dashboard 8; API lists (organisations, agreements, events) 5 each;
API trade indicators 8 (rca, share, growth); an organisation's recommendations by API 5.

Prints, for each ramp step (first, rising until p95 passes 1 s) and then the main rate:
requests/s answered, p50/p95/p99 in ms (from when each request was due), errors, requests left
unanswered 30 s after the last arrival, the slowest kinds; the highest ramp rate whose p95 stays
under 1 s; and the memory (RSS and PSS) of each gunicorn worker at the end. Targets: 40 requests/s
with p95 under 300 ms and no errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "tradebridge"]
DATABASE = "tradebridge_load"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
THREADS = 96  # driver threads: enough that the driver never holds back arrivals at these rates


@dataclass
class Sample:
    kind: str
    status: int
    seconds: float


@dataclass
class Mix:
    """Weighted request kinds; each draws its URL (the slugs come from the API)."""

    kinds: list[tuple[str, int, object]] = field(default_factory=list)

    def add(self, kind: str, weight: int, urls) -> None:
        self.kinds.append((kind, weight, urls))

    def draw(self, rng: random.Random) -> tuple[str, str]:
        kind, _, urls = rng.choices(self.kinds, weights=[w for _, w, _ in self.kinds])[0]
        return kind, rng.choice(urls)


def fetch_json(base: str, path: str):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.request("GET", path, headers={"Accept": "application/json"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"GET {path}: {response.status}")
    return json.loads(body)


def build_mix(base: str) -> Mix:
    listed = fetch_json(base, "/api/organizations?limit=100")
    orgs = [o["slug"] for o in sorted(listed, key=lambda o: o["kind"] != "enterprise")][:40]
    events = [e["slug"] for e in fetch_json(base, "/api/events")][:10]
    mix = Mix()
    mix.add("home", 8, ["/"])
    vietnamese = ("gạo", "cà phê", "dệt may", "rau quả")
    mix.add("search vi", 5, [f"/organizations/?q={quote(q)}" for q in vietnamese])
    mix.add("search lo", 5, [f"/organizations/?q={quote(q)}" for q in ("ເຂົ້າ", "ກາເຟ", "ໄມ້")])
    mix.add("search zh", 5, [f"/organizations/?q={quote(q)}" for q in ("大米", "咖啡", "橡胶")])
    mix.add("organisation", 10, [f"/organizations/{slug}/" for slug in orgs])
    mix.add("events", 4, ["/events/"])
    mix.add("event", 6, [f"/events/{slug}/" for slug in events] or ["/events/"])
    mix.add("agreements", 8, ["/agreements/"])
    mix.add("trade dashboard", 8, ["/trade/", "/trade/?reporter=VNM&partner=CHN",
                                   "/trade/?reporter=LAO&partner=VNM"])
    mix.add("api organisations", 5, ["/api/organizations", "/api/organizations?q=rice"])
    mix.add("api agreements", 5, ["/api/agreements"])
    mix.add("api events", 5, ["/api/events"])
    mix.add("api indicators", 8, [f"/api/trade/indicators/{name}?reporter=VNM&partner={partner}"
                                  for name in ("rca", "share", "growth") for partner in ("CHN", "LAO")])
    mix.add("api recommendations", 5, [f"/api/organizations/{slug}/recommendations" for slug in orgs])
    return mix


class Driver:
    """Issue requests at `rate` per second for `seconds`; threads with keep-alive connections."""

    def __init__(self, base: str, mix: Mix, seed: int = 1):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.mix = mix
        self.rng = random.Random(seed)
        self.jobs: queue.Queue = queue.Queue()
        self.samples: list[Sample] = []
        self.lock = threading.Lock()
        self.generation = 0  # jobs of an earlier run still queued when it ended are dropped
        self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(THREADS)]
        for thread in self.threads:
            thread.start()

    def _work(self) -> None:
        conn = None
        while True:
            generation, due, kind, url = self.jobs.get()
            if generation != self.generation:
                continue
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            status = 0
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                conn.request("GET", url, headers={"Accept-Language": "vi"})
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                if conn is not None:
                    conn.close()
                conn = None
            with self.lock:
                if generation == self.generation:
                    self.samples.append(Sample(kind, status, time.monotonic() - due))

    def run(self, rate: float, seconds: float) -> list[Sample]:
        with self.lock:
            self.samples = []
            self.generation += 1
        start = time.monotonic() + 0.2
        total = int(rate * seconds)
        for i in range(total):
            kind, url = self.mix.draw(self.rng)
            self.jobs.put((self.generation, start + i / rate, kind, url))
        # Wait for every answer (or its failure) to come back; what is still unanswered 30 s
        # after the last arrival counts as unanswered.
        deadline = start + seconds + 30
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.samples) >= total:
                    break
            time.sleep(0.2)
        with self.lock:
            self.generation += 1
            return list(self.samples)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(rate: float, seconds: float, samples: list[Sample]) -> dict:
    times = [s.seconds for s in samples]
    errors = [s for s in samples if not 200 <= s.status < 400]
    kinds: dict[str, list[float]] = {}
    for s in samples:
        kinds.setdefault(s.kind, []).append(s.seconds)
    return {
        "rate": rate, "sent": int(rate * seconds), "done": len(samples),
        "per_second": len(samples) / seconds, "p50": percentile(times, 50) * 1000,
        "p95": percentile(times, 95) * 1000, "p99": percentile(times, 99) * 1000,
        "errors": len(errors), "unanswered": int(rate * seconds) - len(samples),
        "error_kinds": sorted({f"{s.kind}:{s.status}" for s in errors})[:6],
        "slowest": sorted(((percentile(v, 95) * 1000, k, statistics.median(v) * 1000)
                           for k, v in kinds.items()), reverse=True)[:4],
    }


def show(title: str, result: dict) -> None:
    print(f"{title}: {result['rate']:.0f} req/s offered, {result['per_second']:.1f} req/s answered, "
          f"p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms, p99 {result['p99']:.0f} ms, "
          f"errors {result['errors']}" + (f" {result['error_kinds']}" if result["error_kinds"] else "")
          + f", unanswered after 30 s {result['unanswered']}")
    print("    slowest kinds (p95 / median ms): " + "; ".join(
        f"{kind} {p95:.0f}/{median:.0f}" for p95, kind, median in result["slowest"]), flush=True)


# --- the server --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRADEBRIDGE_")}
    env.update(DATABASE_URL=DATABASE_URL, TRADEBRIDGE_DATA_DIR=str(ROOT / "var" / "load"),
               TRADEBRIDGE_SECRET_KEY=secrets.token_urlsafe(40), TRADEBRIDGE_EMAIL_URL="locmem:",
               TRADEBRIDGE_DEBUG="false", DJANGO_SETTINGS_MODULE="tradebridge.settings")
    return env


def prepare_database(env: dict[str, str]) -> None:
    # Our own fixed commands and names (no outside input).
    exists = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",  # noqa: S603, S607
                             f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],  # noqa: S608
                            capture_output=True, text=True, check=True).stdout.strip() == "1"
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)  # noqa: S603, S607
    (ROOT / "var" / "load").mkdir(parents=True, exist_ok=True)
    print("tradebridge setup (demo data on the first start) ...", flush=True)
    subprocess.run([*CLI, "setup"], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    print("tradebridge collectstatic ...", flush=True)
    subprocess.run([*CLI, "collectstatic", "--noinput", "-v0"], env=env, check=True)  # noqa: S603


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    env = server_env()
    prepare_database(env)
    port = free_port()
    log = open(ROOT / "var" / "load" / "serve.log", "w")  # noqa: SIM115 - open while it runs
    argv = [*CLI, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--no-collectstatic"]
    server = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            fetch_json(base, "/api/countries")
            return server, base
        except (OSError, SystemExit):
            if server.poll() is not None:
                raise SystemExit(f"serve stopped: see {log.name}") from None
            time.sleep(1)
    server.send_signal(signal.SIGTERM)
    server.wait(60)
    raise SystemExit(f"serve did not come up in 300 s: see {log.name}")


def gunicorn_workers(bind: str) -> list[int]:
    """The gunicorn worker processes serving `bind`: gunicorn processes whose parent is one."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue

    def is_gunicorn(pid: int) -> bool:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return False
        return b"gunicorn" in cmdline and bind.encode() in cmdline

    return sorted(pid for pid, parent in parents.items() if is_gunicorn(pid) and is_gunicorn(parent))


def memory_mb(pid: int) -> tuple[float, float]:
    rss = pss = 0.0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("Pss:"):
            pss = int(line.split()[1]) / 1024
    return rss, pss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="an already running server (default: start one)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--rate", type=float, default=40.0, help="the main rate, requests/s (40)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the main run (60)")
    parser.add_argument("--ramp", default="20,30,40,50,60,80",
                        help="rates of the search for the highest rate with p95 < 1 s ('' for none)")
    parser.add_argument("--ramp-seconds", type=float, default=20.0, help="length of each ramp step (20)")
    args = parser.parse_args()

    server = None
    base = args.url
    if base is None:
        server, base = start_server(args.workers)
    try:
        mix = build_mix(base)
        driver = Driver(base, mix)
        print(f"server {base}, {args.workers} gunicorn workers, CPUs {os.cpu_count()}, "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
        show("warm-up", summary(10, 10, driver.run(10, 10)))
        # The ramp first (an overloaded main run would leave a backlog in the server), then the
        # main run at the target rate.
        best = None
        for rate in [float(r) for r in args.ramp.split(",") if r.strip()]:
            result = summary(rate, args.ramp_seconds, driver.run(rate, args.ramp_seconds))
            show(f"ramp ({args.ramp_seconds:.0f} s)", result)
            if result["p95"] >= 1000 or result["errors"] or result["unanswered"]:
                break
            best = rate
        if args.ramp.strip():
            print(f"highest rate with p95 < 1 s and no errors: {best or 0:.0f} req/s")
            time.sleep(10)  # let the server drain
        main_result = summary(args.rate, args.seconds, driver.run(args.rate, args.seconds))
        show(f"main ({args.seconds:.0f} s)", main_result)
        target = main_result["p95"] < 300 and main_result["errors"] == 0 and main_result["unanswered"] == 0
        print(f"target {args.rate:.0f} req/s, p95 < 300 ms, no errors: {'met' if target else 'NOT met'} "
              f"(load average now {os.getloadavg()[0]:.1f})")
        for pid in gunicorn_workers(urlsplit(base).netloc):
            rss, pss = memory_mb(pid)
            print(f"gunicorn worker {pid}: RSS {rss:.0f} MB, PSS {pss:.0f} MB")
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
