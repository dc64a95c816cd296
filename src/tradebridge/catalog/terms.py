"""Product names beyond the glossary: ``data/terms.csv`` names HS chapters, headings and
subheadings (codes of 2, 4 or 6 digits) in the four languages, written after the Vietnamese and
Chinese tariff nomenclatures' wording and trade usage; each row names its source (pure Python).
"""

from __future__ import annotations

import csv
import os
import re
from functools import lru_cache
from pathlib import Path

from tradebridge.catalog.resolve import GlossaryEntry, GlossaryError

TERMS = Path(__file__).resolve().parent / "data" / "terms.csv"
COLUMNS = {"en": "en", "vi": "vi", "lo": "lo", "zh_hans": "zh-hans"}
_CODE = re.compile(r"[0-9]{2}|[0-9]{4}|[0-9]{6}")


@lru_cache(maxsize=4)
def load_terms(path: str | os.PathLike[str] = TERMS) -> tuple:
    """The extra product names as glossary entries (codes of 2, 4 or 6 digits)."""
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
