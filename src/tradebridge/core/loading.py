"""Shared pieces of the reference and demo data loaders."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from pathlib import Path


class DataFileError(ValueError):
    """A reference or demo data file is missing or malformed. The message names the file,
    the line and the field."""


def read_csv(path: Path, required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row; refuse a missing file or missing columns."""
    if not path.is_file():
        raise DataFileError(f"{path}: reference file not found")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in required if name not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(f"{path.name}: missing column(s) {', '.join(missing)}")
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}


def require(path: Path, line: int, row: dict[str, str], field: str) -> str:
    value = row.get(field, "")
    if not value:
        raise DataFileError(f"{path.name}, line {line}: field '{field}' is empty")
    return value


def parse_decimal(path: Path, line: int, row: dict[str, str], field: str, low: float, high: float):
    raw = require(path, line, row, field)
    try:
        value = float(raw)
    except ValueError as exc:
        raise DataFileError(f"{path.name}, line {line}: field '{field}' is not a number: {raw!r}") from exc
    if not low <= value <= high:
        raise DataFileError(
            f"{path.name}, line {line}: field '{field}' = {value} is outside [{low}, {high}]"
        )
    return round(value, 4)


def checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if not path.is_file():
            raise DataFileError(f"{path}: reference file not found")
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
