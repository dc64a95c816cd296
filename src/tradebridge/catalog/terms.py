"""Product names beyond the glossary, in the four languages (pure Python):

- ``data/terms.csv`` names HS chapters, headings and subheadings (codes of 2, 4 or 6 digits)
  after the Vietnamese and Chinese tariff nomenclatures' wording and trade usage;
- ``data/hs-headings-i18n.csv`` names every HS 2022 heading the same way, so that any product a
  user may type reaches at least its heading;
- ``data/trade-names.csv`` adds the names traders use for them: varieties, processing states,
  regional and colloquial words, loanwords;
- ``data/hs-subheadings-i18n.csv`` names the subheadings (6 digits) by what sets each apart from
  its siblings, so that a text naming a specific product reaches its subheading, not only the
  heading;
- ``data/hs-everyday-names.csv`` adds, good by good, the everyday names sellers and buyers type
  in their ads (colloquial and regional words, varieties, trade jargon), several rows per code.

Each row names its source.
"""

from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path

from tradebridge.catalog.resolve import GlossaryEntry, GlossaryError

TERMS = Path(__file__).resolve().parent / "data" / "terms.csv"
HEADINGS = Path(__file__).resolve().parent / "data" / "hs-headings-i18n.csv"
TRADE_NAMES = Path(__file__).resolve().parent / "data" / "trade-names.csv"
SUBHEADINGS = Path(__file__).resolve().parent / "data" / "hs-subheadings-i18n.csv"
EVERYDAY = Path(__file__).resolve().parent / "data" / "hs-everyday-names.csv"
COLUMNS = {"en": "en", "vi": "vi", "lo": "lo", "zh_hans": "zh-hans"}
_CODE = re.compile(r"[0-9]{2}|[0-9]{4}|[0-9]{6}")


def load_terms(*paths: str | os.PathLike[str]) -> tuple:
    """The extra product names as glossary entries (codes of 2, 4 or 6 digits): those of
    ``paths``, by default the five files."""
    files = paths or (TERMS, HEADINGS, TRADE_NAMES, SUBHEADINGS, EVERYDAY)
    return sum((_load_file(path) for path in files), ())


@lru_cache(maxsize=8)
def _load_file(path: str | os.PathLike[str]) -> tuple:
    entries = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            code = (row.get("hs") or "").strip()
            if not _CODE.fullmatch(code):
                raise GlossaryError(reader.line_num, f"hs {code!r} is not a code of 2, 4 or 6 digits", path)
            for column, lang in COLUMNS.items():
                names = [" ".join(n.split()) for n in (row.get(column) or "").split("|")]
                entries.extend(GlossaryEntry(hs=code, lang=lang, term=name, primary=False)
                               for name in names if name)
    return tuple(entries)
