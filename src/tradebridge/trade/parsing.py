"""Parsing helpers shared by the trade importers (BACI, Comtrade, reported figures): the error
list every importer fills, and small CSV readers."""

from __future__ import annotations

import csv
from pathlib import Path

from tradebridge.trade.errors import TradeImportError

MAX_ERRORS = 50


class ImportErrors:
    """The errors of one import: (file, line, field, reason), the first MAX_ERRORS kept and the
    rest counted."""

    def __init__(self):
        self.items: list[tuple[str, int, str, str]] = []
        self.more = 0

    def add(self, file: str, line: int, fieldname: str, reason: str) -> None:
        if len(self.items) < MAX_ERRORS:
            self.items.append((file, int(line), fieldname, reason))
        else:
            self.more += 1

    def full(self) -> bool:
        return len(self.items) >= MAX_ERRORS

    def raise_if_any(self) -> None:
        if self.items:
            raise TradeImportError(self.items, more=self.more)


def number(text: str) -> float | None:
    text = text.strip().replace(",", "") if text else ""
    if not text:
        return None
    value = float(text)  # ValueError for non-numbers
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def open_csv(path: Path, errors: ImportErrors):
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


def pick(header: list[str], names: tuple[str, ...]) -> list[int]:
    lookup = {h.strip().lower(): n for n, h in enumerate(header)}
    return [lookup[name.lower()] for name in names if name.lower() in lookup]


def cell(row: list[str], indexes: list[int]) -> str:
    for i in indexes:
        if i < len(row) and row[i].strip():
            return row[i].strip()
    return ""
