"""Benchmark: quality of partner recommendations on a development part and a held-out part.

Run: .venv/bin/python bench/recommend_quality.py [--speed]

The development part is tests/data/recommend_testset.json (answers in recommend_expected.json),
the part the engine was tuned on.  The held-out part is tests/data/recommend_heldout.json
(answers in recommend_heldout_expected.json): written before any tuning, other sectors, Lao
and Chinese texts written as classified ads; it is measured, never tuned on.  The independent
held-out part (recommend_heldout2.json, answers in recommend_heldout2_expected.json) was written
by someone who read none of the engine's code or data, in sectors of neither other part; its
misses were seen once, before the purpose rule and the headings file were added.  The second
independent part (recommend_heldout3.json, answers in recommend_heldout3_expected.json) was
written the same way, in yet other sectors, after the last change to the engine.  Parts three
to eight (recommend_heldout4 … 9) were written the same way in pairs, each pair in sectors of
none before it, and each measured first with the engine as it stood, before any of its misses
was looked at; the engine was then tuned on 3-7 and on 9 (see the closing notes of issue 15 for
the first figures).  Parts nine to fourteen (recommend_heldout10 … 15) were written the same
way in the 14th stop; 10 and 11 were measured first with the changes of that stop, 12 and 13
(then 14 and 15) when written, before any of their misses was looked at; all were tuned on
after that first measure.  Parts fifteen and sixteen (recommend_heldout16, 17) were written the
same way in the 15th stop and measured first when written; a set written after the last change
to the engine is the next honest measure.

For each part it prints:

* recall@3: intended partner links found in the organisation's top 3, over all links;
* the recommendations (top 10) without a product reason, as a share (must be 0), and the
  recommended pairs the answers list as unrelated;
* organisations with an intended partner that got no recommendation at all;
* product resolution accuracy per language: the best code of each labelled text lies on the
  labelled code's branch (same code, or one holds the other, the resolved code at least a
  heading unless a chapter was labelled).

Then, for coverage, how many of the 1,229 HS 2022 headings each language reaches by the first
name catalog/data/hs-headings-i18n.csv gives them (a check of the names' collisions with the
glossary and with each other, not of their wording).

``--speed`` then runs bench/recommend.py (recommend-file on 100,000 organisations; target under
60 s) and bench/recommend_api.py (API p95; target under 100 ms) and prints their figures: they
take minutes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from tradebridge.registry.matching import RecommendationEngine
from tradebridge.registry.matching.files import load_profiles

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
PARTS = {
    "development": ("recommend_testset.json", "recommend_expected.json"),
    "held-out": ("recommend_heldout.json", "recommend_heldout_expected.json"),
    "independent held-out": ("recommend_heldout2.json", "recommend_heldout2_expected.json"),
    "second independent held-out": ("recommend_heldout3.json", "recommend_heldout3_expected.json"),
    "third independent held-out": ("recommend_heldout4.json", "recommend_heldout4_expected.json"),
    "fourth independent held-out": ("recommend_heldout5.json", "recommend_heldout5_expected.json"),
    "fifth independent held-out": ("recommend_heldout6.json", "recommend_heldout6_expected.json"),
    "sixth independent held-out": ("recommend_heldout7.json", "recommend_heldout7_expected.json"),
    "seventh independent held-out": ("recommend_heldout8.json", "recommend_heldout8_expected.json"),
    "eighth independent held-out": ("recommend_heldout9.json", "recommend_heldout9_expected.json"),
    "ninth independent held-out": ("recommend_heldout10.json", "recommend_heldout10_expected.json"),
    "tenth independent held-out": ("recommend_heldout11.json", "recommend_heldout11_expected.json"),
    "eleventh independent held-out": ("recommend_heldout12.json", "recommend_heldout12_expected.json"),
    "twelfth independent held-out": ("recommend_heldout13.json", "recommend_heldout13_expected.json"),
    "thirteenth independent held-out": ("recommend_heldout14.json", "recommend_heldout14_expected.json"),
    "fourteenth independent held-out": ("recommend_heldout15.json", "recommend_heldout15_expected.json"),
    "fifteenth independent held-out": ("recommend_heldout16.json", "recommend_heldout16_expected.json"),
    "sixteenth independent held-out": ("recommend_heldout17.json", "recommend_heldout17_expected.json"),
}


def on_branch(resolved: str, labelled: str) -> bool:
    if not (resolved.startswith(labelled) or labelled.startswith(resolved)):
        return False
    return len(resolved) >= min(4, len(labelled))


def measure(engine: RecommendationEngine, profiles_file: str, answers_file: str) -> dict:
    profiles = load_profiles(DATA / profiles_file)
    answers = json.loads((DATA / answers_file).read_text(encoding="utf-8"))
    recs = engine.recommend_all(profiles, top=10)
    found = links = 0
    for pid, picks in answers["expected"].items():
        top3 = {r.id for r in recs[pid][:3]}
        links += len(picks)
        found += len(top3 & set(picks))
    shown = [r for rs in recs.values() for r in rs]
    without = [r for r in shown if not any("(HS " in reason for reason in r.reasons)]
    unrelated = [(a, b) for a, b in answers.get("unrelated", []) if b in {r.id for r in recs[a]}]
    empty = [pid for pid, picks in answers["expected"].items() if picks and not recs[pid]]
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for text, language, code in answers.get("products", []):
        from tradebridge.registry.matching import ProductItem

        codes = engine.resolve_item(ProductItem(text=text))
        ok = bool(codes) and on_branch(codes[0][0], code)
        by_language[language][0] += ok
        by_language[language][1] += 1
        if not ok:
            misses.append(f"{text} → {[c for c, _ in codes]} (want {code})")
    return {"recall": found / links if links else 0.0, "found": found, "links": links,
            "shown": len(shown), "without": len(without), "unrelated": unrelated, "empty": empty,
            "organisations": len(profiles), "languages": dict(by_language), "misses": misses}


def report(name: str, m: dict, verbose: bool) -> None:
    print(f"== {name} part: {m['organisations']} organisations, {m['links']} intended links")
    print(f"recall@3: {m['recall']:.3f} ({m['found']} of {m['links']})")
    share = m["without"] / m["shown"] if m["shown"] else 0.0
    print(f"recommendations without a product reason: {m['without']} of {m['shown']} ({share:.3f})")
    print(f"unrelated pairs recommended: {len(m['unrelated'])} {m['unrelated'] or ''}".rstrip())
    print(f"organisations with an intended partner but no recommendation: {len(m['empty'])} "
          f"{m['empty'] or ''}".rstrip())
    total_ok = sum(ok for ok, _ in m["languages"].values())
    total = sum(n for _, n in m["languages"].values())
    parts = ", ".join(f"{lang} {ok}/{n} ({ok / n:.2f})" for lang, (ok, n) in sorted(m["languages"].items()))
    print(f"product resolution: {total_ok}/{total} ({total_ok / max(total, 1):.2f}); {parts}")
    if verbose:
        for miss in m["misses"]:
            print("  miss:", miss)


def heading_coverage(engine: RecommendationEngine) -> None:
    """How many HS 2022 headings each language reaches: the heading's first name in
    catalog/data/hs-headings-i18n.csv resolves (best code) to that heading or under it."""
    import csv

    from tradebridge.catalog.terms import HEADINGS
    from tradebridge.registry.matching import ProductItem

    with HEADINGS.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    figures = []
    for column in ("en", "vi", "lo", "zh_hans"):
        hits = 0
        for row in rows:
            found = engine.resolve_item(ProductItem(row[column].split("|")[0]))
            hits += bool(found) and found[0][0][:4] == row["hs"]
        figures.append(f"{column} {hits}/{len(rows)}")
    print(f"== headings reached by their first name: {', '.join(figures)}")


def speed() -> None:
    bench = Path(__file__).resolve().parent
    for script, args in (("recommend.py", ["--n", "100000"]), ("recommend_api.py", ["--n", "100000"])):
        print(f"== {script} {' '.join(args)}", flush=True)
        subprocess.run([sys.executable, str(bench / script), *args], check=True)  # noqa: S603


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true",
                        help="also run recommend-file on 100,000 organisations and the API benchmark")
    parser.add_argument("--verbose", action="store_true", help="list the product resolution misses")
    args = parser.parse_args()
    engine = RecommendationEngine.from_csv(workers=1)
    for name, (profiles_file, answers_file) in PARTS.items():
        report(name, measure(engine, profiles_file, answers_file), args.verbose)
    heading_coverage(engine)
    if args.speed:
        speed()


if __name__ == "__main__":
    main()
