"""tradebridge.catalog.resolve: glossary loading, HS codes and product resolution (no Django)."""

from __future__ import annotations

import random
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tradebridge.catalog.resolve import (
    GlossaryEntry,
    GlossaryError,
    HSMatch,
    ProductResolver,
    load_glossary_csv,
    normalize_hs,
)

PROPERTY = settings(database=None, deadline=None)

GINGER, CASSAVA, BANANAS, CHILI, CANDIED, COFFEE, RICE = (
    "091011",
    "071410",
    "080390",
    "090421",
    "200600",
    "090111",
    "100630",
)

# hs → lang → "|"-separated names, first primary (as in the CSV).
GLOSSARY: dict[str, dict[str, str]] = {
    GINGER: {
        "vi": "gừng|gừng tươi|củ gừng",
        "lo": "ຂີງ|ຂິງ|ຂີງສົດ",
        "zh-hans": "生姜|鲜姜|姜",
        "en": "ginger|fresh ginger",
    },
    CASSAVA: {"vi": "sắn|khoai mì", "lo": "ມັນຕົ້ນ", "zh-hans": "木薯", "en": "cassava"},
    BANANAS: {"vi": "chuối", "lo": "ກ້ວຍ", "zh-hans": "香蕉", "en": "banana|bananas"},
    CHILI: {
        "vi": "ớt khô|ớt",
        "lo": "ໝາກເຜັດແຫ້ງ|ໝາກເຜັດ",
        "zh-hans": "干辣椒|辣椒",
        "en": "dried chilli|chilli|chili",
    },
    CANDIED: {"vi": "mứt gừng", "zh-hans": "糖姜", "en": "candied ginger"},
    COFFEE: {
        "vi": "cà phê nhân|cà phê",
        "lo": "ກາເຟ",
        "zh-hans": "咖啡豆|咖啡",
        "en": "coffee beans|coffee",
    },
    RICE: {"vi": "gạo|gạo trắng", "lo": "ເຂົ້າສານ", "zh-hans": "大米", "en": "rice|milled rice"},
}


def entries_of(glossary: dict[str, dict[str, str]]) -> list[GlossaryEntry]:
    return [
        GlossaryEntry(hs=hs, lang=lang, term=term, primary=i == 0)
        for hs, cells in glossary.items()
        for lang, cell in cells.items()
        for i, term in enumerate(cell.split("|"))
    ]


@pytest.fixture(scope="module")
def resolver() -> ProductResolver:
    return ProductResolver(entries_of(GLOSSARY))


def codes(matches: list[HSMatch]) -> list[str]:
    return [m.hs for m in matches]


# --- normalize_hs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("0910.11", "091011"),
        ("091011", "091011"),
        ("0910", "0910"),
        ("09", "09"),
        ("0910 11", "091011"),
        (" 0910.11 ", "091011"),
        ("０９１０.１１", "091011"),  # fullwidth, from a Chinese input method
    ],
)
def test_normalize_hs_accepts(code: str, expected: str) -> None:
    assert normalize_hs(code) == expected


@pytest.mark.parametrize("code", ["910.11", "91011", "abc", "", "  ", "0910.1", "0910-11", "1234567"])
def test_normalize_hs_rejects_and_names_the_input(code: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize_hs(code)
    assert repr(code) in str(info.value)


@PROPERTY
@given(st.from_regex(r"\A[0-9]{6}\Z"))
def test_normalize_hs_round_trips_six_digit_codes(code: str) -> None:
    dotted = f"{code[:4]}.{code[4:]}"
    assert normalize_hs(code) == code
    assert normalize_hs(dotted) == code
    assert normalize_hs(f"  {code[:4]} {code[4:]} ") == code
    assert normalize_hs(normalize_hs(dotted)) == code


@PROPERTY
@given(st.from_regex(r"\A(?:[0-9]{2}|[0-9]{4})\Z"))
def test_normalize_hs_round_trips_chapters_and_headings(code: str) -> None:
    assert normalize_hs(code) == code
    assert normalize_hs(f" {code} ") == code


@PROPERTY
@given(st.from_regex(r"\A[0-9]{5}\Z"))
def test_normalize_hs_rejects_five_digits(code: str) -> None:
    for form in (code, f"{code[:3]}.{code[3:]}", f" {code} "):
        with pytest.raises(ValueError, match="expected 2, 4 or 6 digits"):
            normalize_hs(form)


@PROPERTY
@given(st.text())
def test_normalize_hs_returns_digits_or_raises(text: str) -> None:
    try:
        code = normalize_hs(text)
    except ValueError:
        return
    assert len(code) in (2, 4, 6) and code.isascii() and code.isdigit()


# --- GlossaryEntry / CSV --------------------------------------------------------------------

CSV_HEADER = "hs,en,vi,lo,zh_hans\n"


def write(tmp_path: Path, text: str, name: str = "glossary.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_glossary_entry_validates() -> None:
    assert GlossaryEntry("091011", "vi", "gừng", True).primary
    assert GlossaryEntry("0910", "vi", "gừng", True).hs == "0910"  # headings: catalog/data/terms.csv
    with pytest.raises(ValueError):
        GlossaryEntry("09101", "vi", "gừng", True)
    with pytest.raises(ValueError):
        GlossaryEntry("091011", "fr", "gingembre", True)
    with pytest.raises(ValueError):
        GlossaryEntry("091011", "vi", "  ", True)


def test_load_glossary_csv(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeff" + CSV_HEADER
        + "091011, ginger | fresh ginger ,gừng|gừng tươi|củ gừng,ຂີງ|ຂີງສົດ,生姜|姜\n"
        + "\n"
        + '071410,cassava,"sắn|khoai mì",ມັນຕົ້ນ,木薯\n',
    )
    entries = load_glossary_csv(path)
    assert len(entries) == 14
    ginger = [e for e in entries if e.hs == GINGER]
    assert [(e.lang, e.term, e.primary) for e in ginger if e.lang in ("en", "zh-hans")] == [
        ("en", "ginger", True),
        ("en", "fresh ginger", False),
        ("zh-hans", "生姜", True),
        ("zh-hans", "姜", False),
    ]
    assert {e.lang for e in entries} == {"en", "vi", "lo", "zh-hans"}
    assert sum(e.primary for e in entries) == 8  # one per code and language
    assert GlossaryEntry(CASSAVA, "vi", "khoai mì", False) in entries


def test_load_glossary_csv_column_order_and_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "gừng")
    path = write(tmp_path, f"zh_hans,lo,vi,en,hs\n生姜,ຂີງ,{decomposed},ginger,0910.11\n")
    entries = load_glossary_csv(path)
    assert GlossaryEntry(GINGER, "vi", "gừng", True) in entries


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("", 1, "empty file"),
        ("hs,en,vi,lo\n091011,ginger,gừng,ຂີງ\n", 1, "bad header"),
        ("hs,en,vi,lo,zh\n", 1, "bad header"),
        (CSV_HEADER + "091011,ginger,gừng,ຂີງ,生姜\n91011,ginger,gừng,ຂີງ,生姜\n", 3, "6-digit"),
        (CSV_HEADER + "0910,ginger,gừng,ຂີງ,生姜\n", 2, "6-digit"),
        (CSV_HEADER + "abcdef,ginger,gừng,ຂີງ,生姜\n", 2, "6-digit"),
        (CSV_HEADER + ",ginger,gừng,ຂີງ,生姜\n", 2, "empty hs"),
        (CSV_HEADER + "091011,ginger,,ຂີງ,生姜\n", 2, "empty vi cell"),
        (CSV_HEADER + "091011,ginger,gừng,ຂີງ,  \n", 2, "empty zh_hans cell"),
        (CSV_HEADER + "091011,ginger||fresh ginger,gừng,ຂີງ,生姜\n", 2, "empty name"),
        (CSV_HEADER + "091011,ginger,gừng,ຂີງ\n", 2, "expected 5 cells"),
        (CSV_HEADER + "\n\n091011,ginger,gừng,ຂີງ,生姜,extra\n", 4, "expected 5 cells"),
        (
            CSV_HEADER + "091011,ginger,gừng,ຂີງ,生姜\n091011,ginger,gừng,ຂີງ,生姜\n",
            3,
            "duplicate hs 091011 (first on line 2)",
        ),
    ],
)
def test_load_glossary_csv_errors_name_the_line(
    tmp_path: Path, text: str, line: int, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(GlossaryError) as info:
        load_glossary_csv(path)
    assert isinstance(info.value, ValueError)
    assert info.value.line == line
    assert f"line {line}:" in str(info.value)
    assert reason in str(info.value)
    assert "glossary.csv" in str(info.value)


def test_resolver_from_csv(tmp_path: Path) -> None:
    path = write(tmp_path, CSV_HEADER + "091011,ginger,gừng|gừng tươi,ຂີງ,生姜\n")
    resolver = ProductResolver.from_csv(path)
    assert len(resolver) == 6  # and "gingers", the English name's other number
    assert resolver.resolve_best("gung tuoi") == HSMatch(GINGER, 0.95, "gừng tươi", "vi", "folded")


# --- resolution -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "gừng tươi",
        "gung",
        "ຂີງ",
        "生姜",
        "fresh ginger",
        "ginger",
        "GỪNG",
        "Gừng tươi loại 1, 300 tấn",
        "ຂີງສົດ, 300 ໂຕນຕໍ່ປີ",
        "新鲜生姜",
        "gingr",
        "Fresh Ginger from Laos",
        "HS 0910.11",
    ],
)
def test_ginger_comes_first(resolver: ProductResolver, text: str) -> None:
    assert resolver.resolve(text)[0].hs == GINGER
    assert resolver.resolve_best(text).hs == GINGER


@pytest.mark.parametrize(
    ("text", "term", "kind", "score"),
    [
        ("gừng tươi", "gừng tươi", "exact", 1.0),
        ("Gừng Tươi", "gừng tươi", "exact", 1.0),
        ("ຂີງ", "ຂີງ", "exact", 1.0),
        ("生姜", "生姜", "exact", 1.0),
        ("ginger", "ginger", "exact", 1.0),
        ("gung", "gừng", "folded", 0.95),
        ("GUNG TUOI", "gừng tươi", "folded", 0.95),
        ("gừng tuoi", "gừng tươi", "folded", 0.95),  # one word typed without diacritics
    ],
)
def test_whole_text_matches(
    resolver: ProductResolver, text: str, term: str, kind: str, score: float
) -> None:
    best = resolver.resolve_best(text)
    assert best == HSMatch(GINGER, score, term, best.lang, kind)


def test_accented_query_ranks_exact_above_folded_collisions(resolver: ProductResolver) -> None:
    matches = resolver.resolve("gừng")
    assert matches[0] == HSMatch(GINGER, 1.0, "gừng", "vi", "exact")
    assert codes(matches) == [GINGER, CANDIED]
    assert matches[1].kind == "words" and matches[1].score < 0.95


def test_word_matches_inside_longer_text(resolver: ProductResolver) -> None:
    vi = resolver.resolve_best("Gừng tươi loại 1, 300 tấn")
    assert (vi.term, vi.kind) == ("gừng tươi", "words")  # the longest term wins
    lao = resolver.resolve_best("ຂີງສົດ, 300 ໂຕນຕໍ່ປີ")
    assert (lao.term, lao.kind) == ("ຂີງສົດ", "words")
    zh = resolver.resolve_best("新鲜生姜")
    assert (zh.term, zh.kind) == ("生姜", "words")
    for match in (vi, lao, zh):
        assert 0.5 < match.score < 0.9


def test_shorter_query_inside_term(resolver: ProductResolver) -> None:
    only_fresh = ProductResolver([GlossaryEntry(GINGER, "en", "fresh ginger", True)])
    match = only_fresh.resolve_best("ginger")
    assert (match.hs, match.term, match.kind) == (GINGER, "fresh ginger", "words")
    assert 0.5 < match.score < 0.9
    assert resolver.resolve_best("tươi").term == "gừng tươi"


def test_word_score_grows_with_coverage(resolver: ProductResolver) -> None:
    # Grades, quantities and delivery terms weigh nothing; other words lower the coverage.
    short = resolver.resolve_best("gừng tươi loại 1")
    long = resolver.resolve_best("gừng tươi loại 1, 300 tấn, giao tại cửa khẩu")
    wordy = resolver.resolve_best("gừng tươi sạch hữu cơ vùng cao")
    assert short.kind == long.kind == wordy.kind == "words"
    assert 0.5 < wordy.score < long.score == short.score < 0.9


def test_accent_exact_word_matches_rank_before_folded_ones(resolver: ProductResolver) -> None:
    accented = resolver.resolve_best("sắn lát khô 300 tấn")
    plain = resolver.resolve_best("san lat kho 300 tan")
    assert accented.hs == plain.hs == CASSAVA
    assert accented.kind == plain.kind == "words"
    assert 0.7 <= accented.score < 0.9
    assert 0.5 < plain.score < 0.7


def test_nong_san_is_not_cassava(resolver: ProductResolver) -> None:
    # "sản" (product) folds like "sắn" (cassava), but was typed with other diacritics.
    for text in ("nông sản", "Nông sản", "sản phẩm nông sản xuất khẩu", "sản", "NÔNG SẢN"):
        assert CASSAVA not in codes(resolver.resolve(text)), text


def test_san_without_diacritics_may_find_cassava_below_exact(resolver: ProductResolver) -> None:
    exact = resolver.resolve_best("sắn")
    assert exact == HSMatch(CASSAVA, 1.0, "sắn", "vi", "exact")
    folded = resolver.resolve_best("san")
    assert (folded.hs, folded.kind) == (CASSAVA, "folded")
    assert folded.score < exact.score


def test_whole_words_only(resolver: ProductResolver) -> None:
    assert resolver.resolve("bananasplit") == []
    assert resolver.resolve("gạ") == []
    assert CHILI not in codes(resolver.resolve("ớtx ngọt"))


def test_tone_placement_variants_match() -> None:
    resolver = ProductResolver([GlossaryEntry("030489", "vi", "thủy sản đông lạnh", True)])
    match = resolver.resolve_best("thuỷ sản đông lạnh")
    assert (match.hs, match.kind, match.score) == ("030489", "folded", 0.95)
    words = resolver.resolve_best("thuỷ sản")
    assert words.kind == "words" and words.score >= 0.7  # accents agree, placement aside


def test_lookalike_eth_resolves_like_d_stroke() -> None:
    resolver = ProductResolver([GlossaryEntry("080111", "vi", "dừa đã bóc vỏ", True)])
    assert resolver.resolve_best("DỪA ÐÃ BÓC VỎ").hs == "080111"
    # The eth is a look-alike, not another accent: still an exact match.
    assert resolver.resolve_best("dừa ðã bóc vỏ").kind == "exact"


def test_fuzzy_fallback_for_typos(resolver: ProductResolver) -> None:
    match = resolver.resolve_best("gingr")
    assert (match.hs, match.kind) == (GINGER, "fuzzy")
    assert 0 < match.score <= 0.5
    typo_in_text = resolver.resolve_best("gingr 300 tấn")
    assert (typo_in_text.hs, typo_in_text.kind) == (GINGER, "fuzzy")
    assert typo_in_text.score <= 0.5
    assert resolver.resolve_best("cassavaa").hs == CASSAVA
    assert resolver.resolve("qqqqzz xxyy") == []


def test_fuzzy_only_when_nothing_else_matched(resolver: ProductResolver) -> None:
    assert {m.kind for m in resolver.resolve("ginger")} == {"exact", "words"}


def test_code_text(resolver: ProductResolver) -> None:
    assert resolver.resolve("0910.11") == [HSMatch(GINGER, 1.0, GINGER, "", "code")]
    assert resolver.resolve(" 091011 ") == [HSMatch(GINGER, 1.0, GINGER, "", "code")]
    assert resolver.resolve("0910") == [HSMatch("0910", 1.0, "0910", "", "code")]
    assert resolver.resolve("09") == [HSMatch("09", 1.0, "09", "", "code")]
    assert resolver.resolve("0101.21") == []  # six digits, not in the glossary


@pytest.mark.parametrize(
    "text", ["HS 0910.11", "HS0910.11", "mã HS: 091011", "gừng (0910.11.00)", "0910.11, ginger"]
)
def test_code_inside_text(resolver: ProductResolver, text: str) -> None:
    best = resolver.resolve_best(text)
    assert best == HSMatch(GINGER, 1.0, GINGER, "", "code")


def test_code_inside_text_with_other_products(resolver: ProductResolver) -> None:
    matches = resolver.resolve("HS 0910.11 và sắn lát")
    assert matches[0].kind == "code" and matches[0].hs == GINGER
    assert CASSAVA in codes(matches)


def test_numbers_that_are_not_glossary_codes_are_text(resolver: ProductResolver) -> None:
    best = resolver.resolve_best("300000 tấn gừng tươi")
    assert (best.hs, best.kind) == (GINGER, "words")


@pytest.mark.parametrize("text", ["", " ", "\t\n", "  ,;  "])
def test_blank_text(resolver: ProductResolver, text: str) -> None:
    assert resolver.resolve(text) == []
    assert resolver.resolve_best(text) is None


def test_limit_and_one_result_per_code(resolver: ProductResolver) -> None:
    matches = resolver.resolve("gừng sắn chuối ớt cà phê gạo")
    assert len(codes(matches)) == len(set(codes(matches))) == 5
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert len(resolver.resolve("gừng sắn chuối ớt cà phê gạo", limit=2)) == 2
    assert resolver.resolve("gừng", limit=0) == []


def test_other_languages(resolver: ProductResolver) -> None:
    assert resolver.resolve_best("ກ້ວຍ").hs == BANANAS
    assert resolver.resolve_best("香蕉 300吨").hs == BANANAS
    assert resolver.resolve_best("Bananas, Cavendish").hs == BANANAS
    assert resolver.resolve_best("khoai mi").hs == CASSAVA
    assert resolver.resolve_best("木薯").hs == CASSAVA
    assert resolver.resolve_best("ໝາກເຜັດ").hs == CHILI
    assert resolver.resolve_best("CÀ PHÊ NHÂN robusta").hs == COFFEE


@PROPERTY
@given(st.text(max_size=60))
def test_resolve_never_raises_and_is_well_formed(resolver: ProductResolver, text: str) -> None:
    matches = resolver.resolve(text, limit=3)
    assert len(matches) <= 3
    assert len({m.hs for m in matches}) == len(matches)
    assert all(0 < m.score <= 1 for m in matches)
    assert all(m.kind in {"exact", "folded", "words", "fuzzy", "code"} for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


@PROPERTY
@given(st.sampled_from(entries_of(GLOSSARY)))
def test_every_term_finds_its_code_exactly(resolver: ProductResolver, entry: GlossaryEntry) -> None:
    assume(entry.term.strip())
    matches = resolver.resolve(entry.term, limit=10)
    assert any(m.hs == entry.hs and m.score == 1.0 for m in matches)


# --- performance ----------------------------------------------------------------------------


def _synthetic_glossary(rng: random.Random, codes_count: int = 1000) -> list[GlossaryEntry]:
    onsets = ["b", "c", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "s", "t", "th"]
    vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "ươ", "uô", "iê"]
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]

    def syllable() -> str:
        vowel = rng.choice(vowels)
        raw = rng.choice(onsets) + vowel[0] + rng.choice(tones) + vowel[1:]
        return unicodedata.normalize("NFC", raw + rng.choice(["", "n", "ng", "c", "t", "m"]))

    english = [
        "".join(rng.choice("abcdefghiklmnoprstuvwy") for _ in range(rng.randint(3, 9)))
        for _ in range(1500)
    ]
    lao_consonants, lao_vowels = "ກຂຄງຈສຊຍດຕຖທນບປຜພມຢລວຫອຮ", ["າ", "ິ", "ີ", "ຸ", "ູ", "ົ", "ັ", ""]
    entries = []
    for i in range(codes_count):
        hs = f"{i:06d}"
        words = rng.randint(1, 3)
        entries += [
            GlossaryEntry(hs, "en", " ".join(rng.choice(english) for _ in range(words)), True),
            GlossaryEntry(hs, "vi", " ".join(syllable() for _ in range(words)), True),
            GlossaryEntry(
                hs,
                "lo",
                "".join(rng.choice(lao_consonants) + rng.choice(lao_vowels) for _ in range(3)),
                True,
            ),
            GlossaryEntry(
                hs, "zh-hans", "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(2)), True
            ),
        ]
    return entries


def test_resolution_is_fast_with_4000_terms() -> None:
    rng = random.Random(20240601)
    entries = _synthetic_glossary(rng)
    resolver = ProductResolver(entries)
    assert len(resolver) >= 3900
    vi = [e.term for e in entries if e.lang == "vi"]
    en = [e.term for e in entries if e.lang == "en"]
    queries = []
    for _ in range(200):
        queries.append(f"{rng.choice(vi)} loại 1 giá tốt")
        queries.append(f"{rng.choice(en)} grade a export quality")
    assert sum(bool(resolver.resolve(q)) for q in queries) == len(queries)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for query in queries:
            resolver.resolve(query)
        best = min(best, (time.perf_counter() - start) / len(queries))
    assert best < 0.001, f"{best * 1e6:.0f} µs per resolution"
