"""Small CSV helpers shared by the Comtrade and reported-figures importers."""

from __future__ import annotations

import csv
from pathlib import Path

from tradebridge.trade.importers_baci import _Errors


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "") if text else ""
    if not text:
        return None
    value = float(text)  # ValueError for non-numbers
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def _open_csv(path: Path, errors: _Errors):
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
        sample = handle.read(4096)
        handle.seek(0)
    except UnicodeDecodeError:
        errors.add(path.name, 0, "-", "not a UTF-8 text CSV file")
        return None, None
    except OSError as exc:
        errors.add(path.name, 0, "-", f"cannot read the file: {exc.strerror}")
        return None, None
    if "\x00" in sample:
        handle.close()
        errors.add(path.name, 0, "-", "not a text CSV file (binary content)")
        return None, None
    return handle, csv.reader(handle)


def _pick(header: list[str], names: tuple[str, ...]) -> list[int]:
    lookup = {h.strip().lower(): n for n, h in enumerate(header)}
    return [lookup[name.lower()] for name in names if name.lower() in lookup]


def _cell(row: list[str], indexes: list[int]) -> str:
    for i in indexes:
        if i < len(row) and row[i].strip():
            return row[i].strip()
    return ""
