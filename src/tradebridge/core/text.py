"""Text handling for search across Vietnamese, Lao, Simplified Chinese and English.

Pure Python (no Django).  The word segmenters for Lao (laonlp) and Chinese (jieba) are imported
on first use, so importing this module stays cheap.

* :func:`fold` — the search key of a text: case, compatibility forms and Latin diacritics
  removed; Lao and Chinese left as they are.
* :func:`normalize_text` — the same without removing diacritics (accent-sensitive key).
* :func:`script_runs` — the text split into Lao, Han and Latin(-ish) runs.
* :func:`tokenize` / :func:`tokenize_detailed` — search words, one segmenter per script.
* :func:`sentence_contains` — whole-word contiguous matching of token sequences.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = [
    "Token",
    "fold",
    "normalize_text",
    "script_runs",
    "sentence_contains",
    "tokenize",
    "tokenize_detailed",
]

LAO = "lao"
HAN = "han"
LATIN = "latin"

# Lao is protected from compatibility normalisation: NFKC would decompose ຳ (U+0EB3) and the
# ligatures ໜ/ໝ, which must stay exactly as written.
_NOT_LAO = re.compile(r"[^\u0e80-\u0eff]+")

# Look-alikes folded before diacritics are removed.  Small capitals have no compatibility
# decomposition, so NFKC leaves them alone; the eth and African D are typed for Đ.
_LOOKALIKES = str.maketrans(
    {
        "\u1d00": "a",  # ᴀ
        "\u0299": "b",  # ʙ
        "\u1d04": "c",  # ᴄ
        "\u1d05": "d",  # ᴅ
        "\u1d07": "e",  # ᴇ
        "\ua730": "f",  # ꜰ
        "\u0262": "g",  # ɢ
        "\u029c": "h",  # ʜ
        "\u026a": "i",  # ɪ
        "\u1d0a": "j",  # ᴊ
        "\u1d0b": "k",  # ᴋ
        "\u029f": "l",  # ʟ
        "\u1d0d": "m",  # ᴍ
        "\u0274": "n",  # ɴ
        "\u1d0f": "o",  # ᴏ
        "\u1d18": "p",  # ᴘ
        "\ua7af": "q",  # ꞯ
        "\u0280": "r",  # ʀ
        "\ua731": "s",  # ꜱ
        "\u1d1b": "t",  # ᴛ
        "\u1d1c": "u",  # ᴜ
        "\u1d20": "v",  # ᴠ
        "\u1d21": "w",  # ᴡ
        "\u028f": "y",  # ʏ
        "\u1d22": "z",  # ᴢ
        "\u00f0": "\u0111",  # ð (after casefold of Ð) → đ
        "\u0256": "\u0111",  # ɖ (and Ɖ after casefold) → đ
    }
)
_D_STROKE = str.maketrans({"\u0111": "d"})  # đ → d (Đ is casefolded before)

# Vietnamese tone marks.  Their placement varies (hoà / hòa, thuỷ / thủy), so the accented
# comparison key of a word moves them to the end.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

_HAN_RANGES = (
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0x20000, 0x3FFFF),  # planes 2 and 3: extensions B–J and compatibility supplement
)


def _nfkc_outside_lao(text: str) -> str:
    return _NOT_LAO.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _collapse(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _is_latin_letter(ch: str) -> bool:
    if ch.isascii():
        return ch.isalpha()
    return unicodedata.name(ch, "").startswith("LATIN ")


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


def _lower(text: str) -> str:
    """NFC, compatibility forms (outside Lao), casefold and look-alikes; whitespace kept."""
    s = unicodedata.normalize("NFC", text)
    s = _nfkc_outside_lao(s).casefold()
    s = _nfkc_outside_lao(s)  # casefolding can yield compatibility characters again
    return s.translate(_LOOKALIKES)


def _strip_latin_marks(text: str) -> str:
    """Drop combining marks whose base is a Latin letter; map đ to d; recompose (NFC)."""
    out: list[str] = []
    latin_base = False
    for ch in unicodedata.normalize("NFD", text):
        if _is_mark(ch):
            if latin_base:
                continue
        else:
            latin_base = _is_latin_letter(ch)
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out).translate(_D_STROKE))


def normalize_text(text: str) -> str:
    """Case-insensitive but accent-sensitive key: like :func:`fold`, diacritics kept.

    ``normalize_text("GỪNG  Tươi") == "gừng tươi"``; ``Ð`` (eth) becomes ``đ``.
    """
    if text.isascii():
        return _collapse(text.lower())
    return _collapse(unicodedata.normalize("NFC", _lower(text)))


def fold(text: str) -> str:
    """The search key of ``text``.

    NFC, then compatibility characters outside Lao to their plain forms (fullwidth letters,
    ligatures; small capitals such as ``ᴄ``/``ᴠ`` to ``c``/``v``), casefold, diacritics removed
    from Latin letters only (``đ``/``Đ``/``Ð``/``ð``/``ɖ``/``Ɖ`` → ``d``), whitespace runs
    collapsed to one space and stripped.  Lao marks, Chinese and other scripts are untouched
    (apart from canonical NFC ordering).

    >>> fold("ĐÀ NẴNG")
    'da nang'
    """
    if text.isascii():
        return _collapse(text.lower())
    return _collapse(_strip_latin_marks(_lower(text)))


def _script_of(ch: str) -> str | None:
    cp = ord(ch)
    if 0x0E80 <= cp <= 0x0EFF:
        return LAO
    for lo, hi in _HAN_RANGES:
        if lo <= cp <= hi:
            return HAN
    if ch.isalnum():
        return LATIN
    return None


def script_runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(script, run)`` pairs, script being ``"lao"``, ``"han"`` or
    ``"latin"``.

    Lao is U+0E80–U+0EFF; Han the CJK ideographs (unified, extension A and later, compatibility);
    letters and digits of every other script count as ``"latin"``.  Combining marks stay with
    the run they follow.  Anything else (spaces, punctuation, symbols) separates runs and is
    dropped, so ``script_runs("gừng tươi, 生姜")`` gives
    ``[("latin", "gừng"), ("latin", "tươi"), ("han", "生姜")]``.
    """
    runs: list[tuple[str, str]] = []
    current: str | None = None
    buf: list[str] = []
    for ch in text:
        script = _script_of(ch)
        if script is None and current is not None and _is_mark(ch):
            buf.append(ch)
            continue
        if script != current:
            if current is not None:
                runs.append((current, "".join(buf)))
            buf = []
            current = script
        if script is not None:
            buf.append(ch)
    if current is not None:
        runs.append((current, "".join(buf)))
    return runs


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def _lao_word_tokenize() -> Any:
    from laonlp.tokenize import word_tokenize

    return word_tokenize


class Token(NamedTuple):
    """A search word.

    ``folded`` is :func:`fold` of the word; ``accented`` keeps its diacritics (lower case, with
    Vietnamese tone marks moved to the end so that ``hoà`` and ``hòa`` compare equal).  The word
    was typed with diacritics exactly when ``accented != folded``.
    """

    folded: str
    accented: str
    script: str

    @property
    def has_diacritics(self) -> bool:
        return self.accented != self.folded


def _accent_key(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if not tones:
        return word
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return base + "".join(sorted(tones))


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def tokenize_detailed(text: str) -> list[Token]:
    """Search words of ``text`` with their accented forms and scripts (see :func:`tokenize`)."""
    tokens: list[Token] = []
    for script, run in script_runs(_lower(text)):
        if script == LATIN:
            words: Sequence[str] = (run,)  # a Latin run is one word: separators end runs
        elif script == LAO:
            words = _lao_word_tokenize()(run)
        else:
            words = _jieba().lcut(run)
        for word in words:
            token = _token(str(word), script)
            if token is not None:
                tokens.append(token)
    return tokens


@lru_cache(maxsize=16384)
def _token(word: str, script: str) -> Token | None:
    word = unicodedata.normalize("NFC", word)
    if not _is_word(word):
        return None
    folded = fold(word)
    if not folded:
        return None
    return Token(folded, _accent_key(word) if script == LATIN else folded, script)


def tokenize(text: str) -> list[str]:
    """Folded search words of ``text``.

    Latin (and other alphabetic) runs are split on non-word characters, digits kept; Lao runs
    are segmented with laonlp, Chinese runs with jieba; whitespace and punctuation are dropped.
    ``tokenize("ຂີງສົດ, 300 ໂຕນ") == ["ຂີງ", "ສົດ", "300", "ໂຕນ"]``.
    """
    return [token.folded for token in tokenize_detailed(text)]


def sentence_contains(haystack_tokens: Sequence[str], needle_tokens: Sequence[str]) -> bool:
    """Whether ``needle_tokens`` occurs as a contiguous run of whole tokens in
    ``haystack_tokens``.  An empty needle matches nothing."""
    needle = tuple(needle_tokens)
    haystack = tuple(haystack_tokens)
    size = len(needle)
    if size == 0 or size > len(haystack):
        return False
    first = needle[0]
    return any(
        haystack[i] == first and haystack[i : i + size] == needle
        for i in range(len(haystack) - size + 1)
    )
