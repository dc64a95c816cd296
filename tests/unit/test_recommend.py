"""The partner-recommendation engine (tradebridge.registry.matching): resolution of products in
the four languages, scoring (both directions, exact before heading before chapter, borders and
markets), the shape of the results, and recall on a hand-made test set from the seed articles.

No database: the engine is pure Python, built from the packaged glossary.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tests.factories.registry import profile
from tests.unit.spec_examples import spec_ginger_grower
from tradebridge.registry.matching import (
    ProductItem,
    RecommendationEngine,
    format_hs,
    products,
)
from tradebridge.registry.matching import engine as engine_module
from tradebridge.registry.matching.files import (
    dump_recommendations,
    load_profiles,
    parse_profiles,
    recommendation_fragment,
    write_recommendations,
)

DATA = Path(__file__).resolve().parents[1] / "data"
HS_IN_TEXT = re.compile(r"\(HS (\d{2}|\d{4}|\d{4}\.\d{2})\)")
# The reasons follow the active language (tests/unit/test_reasons_i18n.py): these check English.
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(scope="module")
def engine() -> RecommendationEngine:
    return RecommendationEngine.from_csv()


def ids(recs) -> list[str]:
    return [r.id for r in recs]


def score_of(recs, partner: str) -> float:
    return next(r.score for r in recs if r.id == partner)


# --- resolution -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ຂີງ",
        "ຂີງສົດ, 300 ໂຕນຕໍ່ປີ",
        "gừng tươi loại 1, 500 tấn/năm",
        "gung tuoi",
        "生姜",
        "供应鲜姜，每月20吨",
        "fresh ginger",
    ],
)
def test_ginger_in_every_language_resolves_to_0910_11(engine, text):
    assert [code for code, _ in engine.resolve_item(ProductItem(text))] == ["091011"]


def test_explicit_hs_code_wins_over_the_text(engine):
    assert engine.resolve_item(ProductItem("gừng tươi", "3105.20")) == (("310520", 1.0),)
    assert engine.resolve_item(ProductItem("", "09")) == (("09", 1.0),)


def test_ambiguous_text_keeps_close_matches_and_weak_guesses_are_dropped(engine):
    # "silk" names HS chapter 50 as a whole (catalog/data/terms.csv), which covers raw silk,
    # silk yarn and silk fabric; a code that holds another kept one is dropped.
    silk = [code for code, _ in engine.resolve_item(ProductItem("silk"))]
    assert 1 <= len(silk) <= products.MAX_CODES_PER_ITEM
    assert all(code[:2] in {"50", "62"} for code in silk)
    assert not any(a != b and b.startswith(a) for a in silk for b in silk)
    assert engine.resolve_item(ProductItem("ginger")) == (("091011", 1.0),)  # one clear best
    assert engine.resolve_item(ProductItem("xyzzy qwerty")) == ()


def test_quantities_share_a_cache_entry_but_meaningful_numbers_are_kept(engine):
    key = engine.products.cache_key
    assert key("gạo 300 tấn/năm") == key("gạo 50 tấn/năm") == key("gạo 1.000 tấn/năm".replace(".", ""))
    assert key("每月20吨 生姜") == key("每月500吨 生姜")
    assert "20" in key("xe tải trên 20 tấn")  # "xe tải trên 20 tấn" is a glossary name
    assert key("xe máy 50cc") == "xe máy 50cc"  # part of a word
    assert key("gừng 0910.11, 300 tấn") == "gừng 0910.11, 300 tấn"  # holds an HS code


# --- scoring ----------------------------------------------------------------------------------


def test_spec_example(engine):
    document = {
        "format": "tradebridge.profiles/1",
        "organizations": [
            spec_ginger_grower(),
            {
                "id": "vn-hanoi-spice-processor",
                "country": "VNM",
                "offers": [{"text": "bột gừng"}],
                "needs": [{"text": "gừng tươi", "hs": None}],
            },
            {"id": "vn-npk", "country": "VNM", "offers": [{"text": "phân bón NPK"}], "needs": []},
        ],
    }
    results = engine.recommend_all(parse_profiles(document))
    recs = results["la-khammouane-ginger"]
    assert ids(recs) == ["vn-hanoi-spice-processor", "vn-npk"]
    spice = recs[0]
    assert 0 < spice.score <= 1
    assert spice.reasons[0] == "offers ginger (HS 0910.11), which they need"
    assert "across the border (LAO → VNM), a market you want" in spice.reasons
    assert (
        recs[1].reasons[0]
        == "needs fertilizers (HS 3105), which covers the NPK fertiliser (HS 3105.20) they offer"
    )
    out = write_recommendations(results)
    assert out["format"] == "tradebridge.recommendations/1"
    assert out["recommendations"]["la-khammouane-ginger"][0] == {
        "id": "vn-hanoi-spice-processor",
        "score": spice.score,
        "reasons": spice.reasons,
    }


def test_both_directions_count_and_two_way_beats_one_way(engine):
    results = engine.recommend_all(
        [
            profile("la-grower", "LAO", offers=["ginger"], needs=["NPK fertiliser"]),
            profile("vn-two-way", "VNM", offers=["NPK fertiliser"], needs=["ginger"]),
            profile("vn-buyer-only", "VNM", needs=["ginger"]),
            profile("vn-seller-only", "VNM", offers=["NPK fertiliser"]),
        ]
    )
    recs = results["la-grower"]
    assert ids(recs)[0] == "vn-two-way"
    assert set(ids(recs)) == {"vn-two-way", "vn-buyer-only", "vn-seller-only"}
    two_way = recs[0]
    assert "offers ginger (HS 0910.11), which they need" in two_way.reasons
    assert "needs NPK fertiliser (HS 3105.20), which they offer" in two_way.reasons
    assert two_way.score > score_of(recs, "vn-buyer-only")
    assert two_way.score > score_of(recs, "vn-seller-only")
    # the seller appears for the grower (what they offer, it needs) and the grower for the seller
    assert "la-grower" in ids(results["vn-seller-only"])
    assert results["vn-seller-only"][0].reasons[0] == "offers NPK fertiliser (HS 3105.20), which they need"


def test_exact_subheading_beats_heading_and_a_same_chapter_product_is_no_reason(engine):
    recs = engine.recommend_all(
        [
            profile("vn-buyer", "VNM", needs=[("fresh ginger", "0910.11")]),
            profile("la-exact", "LAO", offers=[("ginger", "0910.11")]),
            profile("la-heading", "LAO", offers=[("ground ginger", "0910.12")]),
            profile("la-chapter", "LAO", offers=[("pepper", "0904.11")]),
            profile("la-unrelated", "LAO", offers=[("cement", "2523.29")]),
        ]
    )["vn-buyer"]
    # Pepper shares only chapter 09 with ginger: no reason to trade (issue 15).
    assert ids(recs) == ["la-exact", "la-heading"]
    assert recs[0].score > recs[1].score > 0
    assert recs[1].reasons[0] == (
        "needs ginger (HS 0910.11), close to the ground ginger (HS 0910.12) they offer (same heading 0910)"
    )


def test_a_whole_heading_matches_its_subheadings(engine):
    recs = engine.recommend_all(
        [
            profile("la-buyer", "LAO", needs=[("phân bón", "3105")]),
            profile("vn-npk", "VNM", offers=[("", "3105.20")]),
            profile("vn-urea", "VNM", offers=[("", "3102.10")]),
        ]
    )["la-buyer"]
    assert ids(recs) == ["vn-npk"]  # urea shares only the chapter: not recommended
    assert "(HS 3105)" in recs[0].reasons[0] and "(HS 3105.20)" in recs[0].reasons[0]


def test_cross_border_partners_are_preferred(engine):
    recs = engine.recommend_all(
        [
            profile("vn-buyer", "VNM", needs=["ginger"]),
            profile("vn-same-country", "VNM", offers=["ginger"]),
            profile("la-across", "LAO", offers=["ginger"]),
        ]
    )["vn-buyer"]
    assert ids(recs) == ["la-across", "vn-same-country"]
    assert recs[0].score > recs[1].score
    assert "across the border (VNM → LAO)" in recs[0].reasons
    assert not any("border" in reason for reason in recs[1].reasons)


def test_markets_are_honoured(engine):
    profiles = [
        profile("la-wants-china", "LAO", offers=["ginger"], markets=["CHN"]),
        profile("la-no-markets", "LAO", offers=["ginger"]),
        profile("vn-buyer", "VNM", needs=["ginger"]),
        profile("cn-buyer", "CHN", needs=["ginger"]),
        profile("th-buyer", "THA", needs=["ginger"]),
    ]
    results = engine.recommend_all(profiles)
    wants_china = results["la-wants-china"]
    assert ids(wants_china)[0] == "cn-buyer"
    assert wants_china[0].reasons[-1] == "across the border (LAO → CHN), a market you want"
    # listing only China costs a little with other countries, against listing nothing
    assert score_of(wants_china, "th-buyer") < score_of(results["la-no-markets"], "th-buyer")
    # the partner's markets count too
    mutual = engine.recommend_all(
        [
            profile("vn-buyer", "VNM", needs=["ginger"], markets=["LAO"]),
            profile("la-a", "LAO", offers=["ginger"]),
            profile("la-b", "LAO", offers=["ginger"], markets=["VNM"]),
        ]
    )["vn-buyer"]
    assert ids(mutual) == ["la-b", "la-a"]
    assert mutual[0].reasons[-1] == "across the border (VNM → LAO), markets you both want"
    assert mutual[1].reasons[-1] == "across the border (VNM → LAO), a market you want"


def test_never_self_top_cap_sorted_scores_and_reasons_with_codes(engine):
    profiles = [profile(f"vn-{i:02d}", "VNM", offers=["ginger"], needs=["ginger"]) for i in range(15)]
    profiles += [profile(f"la-{i:02d}", "LAO", offers=["gừng"], needs=["ຂີງ"]) for i in range(15)]
    for top in (1, 3, 10):
        results = engine.recommend_all(profiles, top=top)
        assert set(results) == {p.id for p in profiles}
        for pid, recs in results.items():
            assert pid not in ids(recs)
            assert len(recs) == top
            scores = [r.score for r in recs]
            assert scores == sorted(scores, reverse=True)
            assert all(0 <= s <= 1 for s in scores)
            assert len(set(ids(recs))) == len(recs)
            for rec in recs:
                assert rec.reasons and HS_IN_TEXT.search(rec.reasons[0])
    assert ids(engine.recommend_for("vn-00", 3)) == ["la-00", "la-01", "la-02"]  # ties: by id


def test_no_partner_without_a_product_match(engine):
    results = engine.recommend_all(
        [
            profile("vn-a", "VNM", offers=["ginger"], markets=["LAO"]),
            profile("la-b", "LAO", offers=["cement"], needs=["rice"], markets=["VNM"]),
            profile("la-c", "LAO", offers=["nothing we know of"]),
        ]
    )
    assert results == {"vn-a": [], "la-b": [], "la-c": []}


def test_recommend_for_checks_its_arguments(engine):
    engine.build([profile("vn-a", "VNM", offers=["ginger"]), profile("la-b", "LAO", needs=["ginger"])])
    assert ids(engine.recommend_for("vn-a")) == ["la-b"]
    with pytest.raises(KeyError, match="unknown organisation 'nobody'"):
        engine.recommend_for("nobody")
    with pytest.raises(ValueError, match="top"):
        engine.recommend_for("vn-a", 0)


def test_worker_processes_give_the_same_results(engine, monkeypatch):
    profiles = load_profiles(DATA / "recommend_testset.json")
    single = RecommendationEngine(engine.resolver, workers=1).recommend_all(profiles)
    monkeypatch.setattr(engine_module, "PARALLEL_MIN_PROFILES", 1)
    monkeypatch.setattr(products, "PARALLEL_MIN_TEXTS", 1)
    monkeypatch.setattr(engine_module, "CHUNK", 7)
    forked = RecommendationEngine(engine.resolver, workers=2)
    assert forked.recommend_all(profiles) == single
    fragments = list(forked.iter_recommendations(10, render=recommendation_fragment))
    stream = io.StringIO()
    dump_recommendations(fragments, stream)
    assert json.loads(stream.getvalue()) == write_recommendations(single)


def test_format_hs():
    assert [format_hs(c) for c in ("091011", "0910", "09")] == ["0910.11", "0910", "09"]


# --- the test set -----------------------------------------------------------------------------


def test_test_set_covers_the_four_languages_and_the_seed_world():
    profiles = load_profiles(DATA / "recommend_testset.json")
    texts = " ".join(item.text for p in profiles for item in (*p.offers, *p.needs))
    assert len(profiles) >= 40
    assert re.search(r"[\u0e80-\u0eff]", texts)  # Lao
    assert re.search(r"[\u4e00-\u9fff]", texts)  # Chinese
    assert re.search(r"[ăâđêôơư]", texts)  # Vietnamese
    assert re.search(r"\b(ginger|tiger grass|cement|rebar|pumps)\b", texts)  # English
    assert any(item.hs for p in profiles for item in (*p.offers, *p.needs))
    assert {p.country for p in profiles} == {"VNM", "LAO", "CHN"}


def test_recall_at_3_on_the_test_set(engine):
    profiles = load_profiles(DATA / "recommend_testset.json")
    expected = json.loads((DATA / "recommend_expected.json").read_text(encoding="utf-8"))["expected"]
    assert set(expected) == {p.id for p in profiles}
    results = engine.recommend_all(profiles)
    recalls = []
    for pid, picks in expected.items():
        assert 1 <= len(picks) <= 3
        top3 = set(ids(results[pid][:3]))
        recalls.append(len(top3 & set(picks)) / len(picks))
    recall = sum(recalls) / len(recalls)
    print(f"\nrecall@3 on the test set: {recall:.3f} over {len(recalls)} organisations")
    assert recall >= 0.8
