"""tradebridge.core.text: folding, script runs and tokenisation (no Django)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradebridge.core.text import (
    fold,
    normalize_text,
    script_runs,
    sentence_contains,
    tokenize,
    tokenize_detailed,
)

SRC = Path(__file__).resolve().parents[2] / "src"

LAO_CHARS = [chr(cp) for cp in range(0x0E80, 0x0F00) if unicodedata.name(chr(cp), "")]
lao_or_cjk = st.one_of(
    st.sampled_from(LAO_CHARS),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
)
PROPERTY = settings(database=None, deadline=None)


def _is_latin_letter(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN ")


def _latin_marks(text: str) -> list[str]:
    """Combining marks sitting on a Latin letter (in the decomposed text)."""
    found = []
    latin_base = False
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch).startswith("M"):
            if latin_base:
                found.append(ch)
        else:
            latin_base = _is_latin_letter(ch)
    return found


# --- fold -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bát Tràng", "bat trang"),
        ("ĐÀ NẴNG", "da nang"),
        ("Ðà Nẵng", "da nang"),  # U+00D0, the eth typed for Đ
        ("ðà nẵng", "da nang"),
        ("Ɖà ɖà", "da da"),
        ("  Gừng\t tươi \n", "gung tuoi"),
        ("Nước mắm Phú Quốc", "nuoc mam phu quoc"),
        ("Thuỷ sản", "thuy san"),
        ("Thủy sản", "thuy san"),
        ("ᴄà ᴘhê ᴠiệt", "ca phe viet"),  # small capitals from press text
        ("ＧＩＮＧＥＲ　１２", "ginger 12"),  # fullwidth letters, digits and space
        ("ﬁsh", "fish"),
        ("Straße", "strasse"),
        ("CAFÉ", "cafe"),
    ],
)
def test_fold_examples(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_decomposed_input_equals_precomposed() -> None:
    decomposed = unicodedata.normalize("NFD", "Bát Tràng")
    assert decomposed != "Bát Tràng"
    assert fold(decomposed) == fold("Bát Tràng") == "bat trang"


@pytest.mark.parametrize("text", ["ຂີງສົດ", "ຂີງ", "ສົດ", "ມັນຕົ້ນ", "ກ້ວຍ", "ນ້ຳ", "ໜອງ", "ໝາກເຜັດ"])
def test_fold_keeps_lao_marks_byte_exact(text: str) -> None:
    # ນ້ຳ has U+0EB3 and ໜ/ໝ are ligatures: NFKC would decompose them, fold must not.
    assert fold(text).encode("utf-8") == text.encode("utf-8")


def test_fold_lao_example() -> None:
    assert fold("ຂີງສົດ") == "ຂີງສົດ"


@pytest.mark.parametrize("text", ["生姜", "新鲜生姜", "木薯", "香蕉", "干辣椒"])
def test_fold_keeps_chinese(text: str) -> None:
    assert fold(text) == text


def test_fold_mixed_scripts() -> None:
    assert fold("Gừng 生姜 ຂີງ GINGER") == "gung 生姜 ຂີງ ginger"


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_fold_blank(text: str) -> None:
    assert fold(text) == ""


@pytest.mark.parametrize("text", ["Bát Tràng", "ĐÀ NẴNG", "Ðà Nẵng", "ຂີງສົດ", "生姜", "ᴄà ᴘhê"])
def test_fold_idempotent_examples(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_fold_keeps_non_latin_marks() -> None:
    assert fold("Йогурт") == "йогурт"  # Cyrillic й keeps its breve
    assert fold("ΚΑΦΈ") == "καφέ"


def test_normalize_text_keeps_diacritics() -> None:
    assert normalize_text("  GỪNG   Tươi ") == "gừng tươi"
    assert normalize_text("Ðà Nẵng") == normalize_text("ĐÀ NẴNG") == "đà nẵng"
    assert normalize_text("ຂີງສົດ") == "ຂີງສົດ"
    assert fold(normalize_text("Bát Tràng")) == fold("Bát Tràng")


@PROPERTY
@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@PROPERTY
@given(st.text(lao_or_cjk, min_size=1))
def test_fold_never_changes_lao_or_cjk(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert fold(nfc) == nfc
    assert fold(text) == nfc  # only the canonical order of marks can change


@PROPERTY
@given(st.text())
def test_fold_output_has_no_latin_combining_marks(text: str) -> None:
    assert _latin_marks(fold(text)) == []


@PROPERTY
@given(st.text())
def test_fold_output_is_nfc_with_single_spaces(text: str) -> None:
    out = fold(text)
    assert unicodedata.is_normalized("NFC", out)
    assert out == out.strip()
    assert "  " not in out
    assert out == " ".join(out.split())


# --- script runs ----------------------------------------------------------------------------


def test_script_runs_mixed() -> None:
    assert script_runs("gừng tươi, 生姜ຂີງສົດ 300吨!") == [
        ("latin", "gừng"),
        ("latin", "tươi"),
        ("han", "生姜"),
        ("lao", "ຂີງສົດ"),
        ("latin", "300"),
        ("han", "吨"),
    ]


def test_script_runs_cjk_extension_a_and_compatibility() -> None:
    assert script_runs("㐀\uf900") == [("han", "㐀\uf900")]


def test_script_runs_keeps_decomposed_marks_with_their_letters() -> None:
    text = unicodedata.normalize("NFD", "gừng")
    assert script_runs(text) == [("latin", text)]


def test_script_runs_drops_separators() -> None:
    assert script_runs(" ,.;!? ") == []
    assert script_runs("") == []


@PROPERTY
@given(st.text())
def test_script_runs_are_nonempty_and_separator_free(text: str) -> None:
    for script, run in script_runs(text):
        assert script in {"lao", "han", "latin"}
        assert run
        assert not any(ch.isspace() for ch in run)


# --- tokenize -------------------------------------------------------------------------------


def test_tokenize_vietnamese() -> None:
    assert tokenize("Gừng tươi loại 1, 300 tấn/năm") == [
        "gung",
        "tuoi",
        "loai",
        "1",
        "300",
        "tan",
        "nam",
    ]


def test_tokenize_lao() -> None:
    assert tokenize("ຂີງສົດ, 300 ໂຕນຕໍ່ປີ") == ["ຂີງ", "ສົດ", "300", "ໂຕນ", "ຕໍ່", "ປີ"]


def test_tokenize_chinese() -> None:
    assert tokenize("新鲜生姜，300吨。") == ["新鲜", "生姜", "300", "吨"]


def test_tokenize_mixed_and_blank() -> None:
    assert tokenize("Fresh GINGER 生姜 ຂີງ") == ["fresh", "ginger", "生姜", "ຂີງ"]
    assert tokenize("") == []
    assert tokenize(" -- ,, ") == []


def test_tokenize_detailed_accents() -> None:
    tokens = tokenize_detailed("Gừng tuoi 生姜")
    assert [t.folded for t in tokens] == ["gung", "tuoi", "生姜"]
    assert [t.script for t in tokens] == ["latin", "latin", "han"]
    assert tokens[0].has_diacritics and tokens[0].accented != "gung"
    assert tokens[0].accented == tokenize_detailed("GỪNG")[0].accented
    assert not tokens[1].has_diacritics and not tokens[2].has_diacritics


def test_tokenize_detailed_tone_placement_variants_compare_equal() -> None:
    old, new = tokenize_detailed("thuỷ hoà"), tokenize_detailed("thủy hòa")
    assert [t.accented for t in old] == [t.accented for t in new]
    assert tokenize_detailed("sản")[0].accented != tokenize_detailed("sắn")[0].accented


@PROPERTY
@given(st.text())
def test_tokenize_never_raises_and_returns_folded_words(text: str) -> None:
    tokens = tokenize(text)
    assert all(isinstance(token, str) and token for token in tokens)
    assert not any(ch.isspace() for token in tokens for ch in token)
    assert all(fold(token) == token for token in tokens)


@PROPERTY
@given(st.text(st.one_of(lao_or_cjk, st.sampled_from(" ,.0123456789abc")), max_size=40))
def test_tokenize_lao_and_chinese_text_never_raises(text: str) -> None:
    for token in tokenize(text):
        assert token and fold(token) == token


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )


def test_import_is_cheap_and_segmenters_lazy() -> None:
    result = _run_python(
        "import sys, tradebridge.core.text as t\n"
        "print('jieba' in sys.modules, 'laonlp' in sys.modules)\n"
        "t.tokenize('gừng tươi')\n"
        "print('jieba' in sys.modules, 'laonlp' in sys.modules)\n"
    )
    assert result.stdout.split() == ["False", "False", "False", "False"]


def test_jieba_initialises_quietly() -> None:
    result = _run_python("import tradebridge.core.text as t; print(t.tokenize('新鲜生姜'))")
    assert result.stdout.strip() == "['新鲜', '生姜']"
    assert "prefix dict" not in result.stderr
    assert result.stderr.strip() == ""


# --- sentence_contains ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("haystack", "needle", "expected"),
    [
        (["gung", "tuoi", "loai", "1"], ["gung", "tuoi"], True),
        (["gung", "tuoi", "loai", "1"], ["tuoi", "loai"], True),
        (["gung", "tuoi", "loai", "1"], ["loai", "1"], True),
        (["gung", "tuoi", "loai", "1"], ["gung", "loai"], False),  # not contiguous
        (["gung", "tuoi"], ["gun"], False),  # whole words only
        (["nong", "san"], ["san", "pham"], False),
        (["a"], ["a", "b"], False),
        (["a", "b"], [], False),
        ([], ["a"], False),
        (("x", "a", "x", "a", "b"), ("a", "b"), True),
    ],
)
def test_sentence_contains(haystack: list[str], needle: list[str], expected: bool) -> None:
    assert sentence_contains(haystack, needle) is expected


@PROPERTY
@given(st.lists(st.sampled_from(["a", "b", "c"]), max_size=8), st.data())
def test_sentence_contains_any_slice(haystack: list[str], data: st.DataObject) -> None:
    if not haystack:
        return
    start = data.draw(st.integers(0, len(haystack) - 1))
    end = data.draw(st.integers(start + 1, len(haystack)))
    assert sentence_contains(haystack, haystack[start:end])
