"""Text as read → the NFC text all offsets refer to, and a same-length working copy.

News copy comes with look-alike letters (small capitals typed for c, v), no-break and zero-width
spaces and assorted dashes.  The working copy replaces each such character with a plain one of the
same length, so a match in the copy has the same offsets in the NFC text.
"""

from __future__ import annotations

import re
import unicodedata

# One character in, one character out: offsets in the working copy are offsets in the NFC text.
_SAME_LENGTH = str.maketrans({
    "\u1d00": "a", "\u1d04": "c", "\u1d05": "d", "\u1d07": "e", "\u026a": "i", "\u1d0b": "k",
    "\u029f": "l", "\u1d0d": "m", "\u0274": "n", "\u1d0f": "o", "\u1d18": "p", "\u0280": "r",
    "\ua731": "s", "\u1d1b": "t", "\u1d1c": "u", "\u1d20": "v", "\u1d21": "w", "\u028f": "y",
    "\u1d22": "z", "\u00f0": "đ", "\u00d0": "Đ", "\u0189": "Đ",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u200b": " ", "\u200c": " ", "\u200d": " ", "\ufeff": " ", "\t": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\uff05": "%", "\u066a": "%",
})

# Sentence ends: a full stop, ! ? or ; followed by space and a capital, or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"'(]?[A-ZÀ-ỸĐ0-9])|\n+|(?<=;)\s+")
_SENTENCE_END_NO_SEMICOLON = re.compile(r"(?<=[.!?…])\s+(?=[\"'(]?[A-ZÀ-ỸĐ0-9])|\n+")


_ABBREVIATION = re.compile(r"(?<![\w])(?:TP|Tp|TS|ThS|PGS|GS|KS|BS|Mr|Ms|Dr|St|TT|TX|Q|P|Th)\.$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_ODD = re.compile("[" + re.escape("".join(chr(c) for c in _SAME_LENGTH)) + "]")


def working_copy(text_nfc: str) -> str:
    """Same length as `text_nfc`, with look-alikes, spaces and dashes made plain."""
    if not _ODD.search(text_nfc):
        return text_nfc
    return _ODD.sub(lambda m: m.group(0).translate(_SAME_LENGTH), text_nfc)


def sentences(text: str, *, semicolons: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line, whitespace trimmed, empty ones dropped."""
    spans, start = [], 0
    pattern = _SENTENCE_END if semicolons else _SENTENCE_END_NO_SEMICOLON
    for match in pattern.finditer(text):
        if _ABBREVIATION.search(text, max(0, match.start() - 6), match.start()):
            continue  # "TP. Hà Nội", "TS. Nguyễn": an abbreviation, not a full stop
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def clause_start(text: str, position: int, limit: int = 120) -> int:
    """Where the clause holding `position` begins: after the last , ; ( : or sentence end."""
    floor = max(0, position - limit)
    for i in range(position - 1, floor - 1, -1):
        if text[i] in ";(\n:" or (text[i] == "." and i + 1 < len(text) and text[i + 1] == " "):
            return i + 1
    return floor
