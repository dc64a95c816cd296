"""Benchmark: facts from Vietnamese trade news (issue 17, spec/facts.md).

Run: .venv/bin/python bench/facts.py [--verbose]

* Precision, recall and F1 per kind (amounts, percentages, counts, dates) on the annotated set in
  bench/data/facts/: ``dev/`` (the five seed articles and articles the rules were tuned on) and
  ``heldout/`` (written and annotated before any tuning, never tuned on).  Scoring as the spec
  says: a predicted fact is right when its span overlaps a hand-marked one (each marked one
  matched once) and its value agrees (amounts: same currency, value within 0.5 %; percentages:
  same value and direction; counts: same value; dates: same ``normalized``).
* Articles per second: 100 articles of about 3,000 characters (built from the set's texts).
* Item 4: the records proposed for the five seed articles against the demo's figures taken from
  those articles (src/tradebridge/bootstrap/demo_*.py), one line each.

Annotation files: ``NAME.txt`` (the article) and ``NAME.json``: {"published": "YYYY-MM-DD",
"amounts": [[span, value, currency]], "percentages": [[span, value, direction]], "counts":
[[span, value]], "dates": [[span, normalized]]}; a span is the marked text, found in the article
in order (the n-th listing of the same text is its n-th occurrence).  See data/facts/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tradebridge.news.extraction import extract_facts  # noqa: E402
from tradebridge.news.relations import propose_records  # noqa: E402

DATA = ROOT / "bench" / "data" / "facts"
KINDS = ("amounts", "percentages", "counts", "dates")


def load_article(path: Path) -> dict:
    text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    gold_raw = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    gold = {}
    for kind in KINDS:
        entries = gold_raw.get(kind, [])
        found, last = [None] * len(entries), {}
        # Longer spans first, so "2023" is not found inside a marked "năm 2023".
        for index in sorted(range(len(entries)), key=lambda i: -len(entries[i][0])):
            entry = entries[index]
            span = unicodedata.normalize("NFC", entry[0])
            # Whole words: "6%" is not the end of "12,6%".
            pattern = re.compile(r"(?<![\w.,])" + re.escape(span) + r"(?!\w)")
            position = last.get(span, -1) + 1
            while True:
                hit = pattern.search(text, position)
                if hit is None:
                    raise SystemExit(f"{path.name}: {kind} span {span!r} not in the text "
                                     "(or listed too often)")
                if not any(f and f["start"] < hit.end() and hit.start() < f["end"] for f in found):
                    break
                position = hit.start() + 1
            last[span] = hit.start()
            found[index] = {"start": hit.start(), "end": hit.end(), "entry": entry}
        gold[kind] = found
    published = gold_raw.get("published")
    return {"name": path.stem, "text": text, "gold": gold,
            "published": dt.date.fromisoformat(published) if published else None}


def load_set(folder: str) -> list[dict]:
    return [load_article(p) for p in sorted((DATA / folder).glob("*.txt"))]


def agrees(kind: str, fact: dict, entry: list) -> bool:
    if kind == "amounts":
        value, currency = float(entry[1]), entry[2]
        return fact["currency"] == currency and abs(fact["value"] - value) <= 0.005 * abs(value)
    if kind == "percentages":
        return abs(fact["value"] - float(entry[1])) < 1e-9 and fact["direction"] == entry[2]
    if kind == "counts":
        return fact["value"] == entry[1]
    return fact["normalized"] == entry[1]


def score_article(kind: str, predicted: list[dict], gold: list[dict]):
    """(right predictions, predictions, matched gold, gold, mistakes)."""
    used, right, mistakes = set(), 0, []
    for fact in predicted:
        match = next((i for i, g in enumerate(gold) if i not in used
                      and fact["start"] < g["end"] and g["start"] < fact["end"]
                      and agrees(kind, fact, g["entry"])), None)
        if match is None:
            mistakes.append(("extra", fact))
        else:
            used.add(match)
            right += 1
    mistakes += [("missed", g["entry"]) for i, g in enumerate(gold) if i not in used]
    return right, len(predicted), len(used), len(gold), mistakes


def evaluate(articles: list[dict], verbose: bool) -> dict:
    totals = {kind: [0, 0, 0, 0] for kind in KINDS}
    for article in articles:
        facts = extract_facts(article["text"], published=article["published"], registry={})
        for kind in KINDS:
            right, n_pred, matched, n_gold, mistakes = score_article(
                kind, facts[kind], article["gold"][kind])
            for i, v in enumerate((right, n_pred, matched, n_gold)):
                totals[kind][i] += v
            if verbose:
                for what, item in mistakes:
                    shown = item if what == "missed" else {k: v for k, v in item.items()
                                                          if k not in ("start", "end")}
                    print(f"    {article['name']} {kind} {what}: {shown}")
    return totals


def prf(right, n_pred, matched, n_gold):
    p = right / n_pred if n_pred else 1.0
    r = matched / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def print_scores(label: str, articles: list[dict], verbose: bool) -> None:
    totals = evaluate(articles, verbose)
    print(f"{label}: {len(articles)} articles")
    print(f"  {'kind':<12} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in KINDS:
        right, n_pred, matched, n_gold = totals[kind]
        p, r, f = prf(right, n_pred, matched, n_gold)
        print(f"  {kind:<12} {n_gold:>5} {n_pred:>5} {p:6.3f} {r:6.3f} {f:6.3f}")


def speed(articles: list[dict], n: int = 100, size: int = 3000) -> None:
    texts = [a["text"] for a in articles]
    corpus = []
    for i in range(n):
        parts, length, j = [], 0, i
        while length < size:
            parts.append(texts[j % len(texts)])
            length += len(parts[-1]) + 1
            j += 1
        corpus.append("\n".join(parts)[:size])
    extract_facts(corpus[0], published=dt.date(2024, 1, 1), registry={})  # tables, regexes
    began, began_cpu = time.perf_counter(), time.process_time()
    for text in corpus:
        facts = extract_facts(text, published=dt.date(2024, 1, 1), registry={})
        propose_records(text, facts)
    took, cpu = time.perf_counter() - began, time.process_time() - began_cpu
    mean = sum(len(t) for t in corpus) / len(corpus)
    print(f"speed: {n} articles of {mean:,.0f} characters on average (facts and records) in "
          f"{took:.2f} s wall, {cpu:.2f} s CPU = {n / took:.1f} articles/s (target: under 10 s; "
          f"one core, load average {os.getloadavg()[0]:.1f})")


# The demo's figures taken from the seed articles (bootstrap/demo_events.py,
# demo_agreements_data.py, demo_cooperation.py), each with a test on the proposed records.
def _event(date, kind=None, attendance=None, place_ref=None):
    def test(records):
        return any(r["kind"] == "event" and r["fields"]["date"] == date
                   and (kind is None or r["fields"]["kind"] == kind)
                   and (attendance is None or r["fields"]["attendance"] == attendance)
                   and (place_ref is None or r["fields"]["place_ref"] == place_ref)
                   for r in records)
    return test


def _agreement(count, date=None, countries=None):
    def test(records):
        return any(r["kind"] == "agreements" and r["fields"]["count"] == count
                   and (date is None or r["fields"]["date"] == date)
                   and (countries is None or set(countries) <= set(r["fields"]["countries"]))
                   for r in records)
    return test


def _labour(workers, period, country):
    def test(records):
        return any(r["kind"] == "labour" and r["fields"]["workers"] == workers
                   and r["fields"]["period"] == period and r["fields"]["country"] == country
                   for r in records)
    return test


SEEDS = {  # file stem → publication date (the demo's SEED_00x labels)
    "000_5a24830f292c5f19": "2023-04-25", "001_040e630994a22f2e": "2023-07-04",
    "002_d66a1fef9627417d": "2021-01-19", "003_d2807bd896dc199a": None,
    "004_76a2d3849e8c0466": "2024-01-30",
}
DEMO_FIGURES = [
    ("000_5a24830f292c5f19", "event hanoi-vientiane-craft-villages-2023: conference 20–24/4/2023",
     _event("2023-04-20/2023-04-24", "conference")),
    ("000_5a24830f292c5f19", "  … its attendance: 29 Hanoi + more than 50 Lao enterprises (79)",
     _event("2023-04-20/2023-04-24", attendance=79)),
    ("000_5a24830f292c5f19", "agreements: 12 MOUs Hanoi–Lao enterprises",
     _agreement(12, None, ["VNM", "LAO"])),
    ("000_5a24830f292c5f19", "agreement hanoi-vientiane-labour-2023: MOU 2023–2025",
     _agreement(1, "2023/2025", ["VNM", "LAO"])),
    ("001_040e630994a22f2e", "event hanoi-vientiane-doit-exchange-2023: conference 3/7/2023",
     _event("2023-07-03", "conference")),
    ("001_040e630994a22f2e", "event hanoi-trade-mission-laos-2023: trade mission April 2023",
     _event("2023-04", "mission")),
    ("001_040e630994a22f2e", "event vientiane-doic-study-tour-2023: until 7/7/2023",
     _event("2023-07-07")),
    ("001_040e630994a22f2e", "agreement hanoi-vientiane-doit-2022: MOU signed 4/1/2022",
     _agreement(1, "2022-01-04")),
    ("001_040e630994a22f2e", "agreements: 13 MOUs of the April 2023 mission", _agreement(13)),
    ("002_d66a1fef9627417d", "event laocai-export-conference-2021: conference 19/1/2021 in Lào Cai",
     _event("2021-01-19", "conference", place_ref="VN-02")),
    ("002_d66a1fef9627417d", "  … its attendance: nearly 100 Chinese + 138 Vietnamese enterprises",
     _event("2021-01-19", attendance=238)),
    ("003_d2807bd896dc199a", "agreement vn-la-linkage-chains-2025: MOU handed over 1/12/2025",
     _agreement(1, "2025-12-01", ["VNM", "LAO"])),
    ("004_76a2d3849e8c0466", "event laocai-honghe-talks-2024: talks 29/1/2024 in Lào Cai",
     _event("2024-01-29", "meeting", place_ref="VN-02")),
    ("004_76a2d3849e8c0466", "labour laocai-huihong-2017: more than 1,000 workers 2017–2019 to China",
     _labour(1000, "2017/2019", "CHN")),
]


def seeds_against_demo() -> None:
    seeds = Path("/work/shared/seeds")
    folder = seeds if seeds.is_dir() else DATA / "dev"
    records = {}
    for stem, published in SEEDS.items():
        path = folder / f"{stem}.txt"
        if not path.exists():
            path = DATA / "dev" / f"seed{stem[:3]}.txt"
        text = path.read_text(encoding="utf-8")
        date = dt.date.fromisoformat(published) if published else None
        records[stem] = propose_records(text, extract_facts(text, published=date, registry={}))
    right = 0
    print("item 4: the demo's figures from the seed articles, reproduced by the proposed records?")
    for stem, label, test in DEMO_FIGURES:
        ok = test(records[stem])
        right += ok
        print(f"  [{'yes' if ok else 'no '}] seed {stem[:3]}: {label}")
    print(f"  {right} of {len(DEMO_FIGURES)} reproduced")
    print("  trade figures and investment records proposed (the demo holds none from the seeds):")
    for stem, recs in records.items():
        for r in recs:
            if r["kind"] in ("trade_figure", "investment"):
                shown = {k: v for k, v in r["fields"].items() if v is not None}
                print(f"    seed {stem[:3]} {r['kind']}: {shown}")
    kinds = {}
    for recs in records.values():
        for r in recs:
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print(f"  records proposed for the five seeds: {kinds}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every mistake")
    args = parser.parse_args()
    dev, heldout = load_set("dev"), load_set("heldout")
    print_scores("dev (tuned on)", dev, args.verbose)
    print_scores("held-out (not tuned on)", heldout, args.verbose)
    speed(dev + heldout)
    seeds_against_demo()


if __name__ == "__main__":
    main()
