"""Which keys a file of clearance figures has had (``clearance_files`` refuses a key repeated
in one file, and the preview counts the file's keys already in the store)."""

from __future__ import annotations

import datetime as dt


class KeyBitmaps:
    """Which keys a file has had: one small bitmap per (gate, period, direction, measure,
    product), over the days, months or years of that series (a set of millions of tuples
    would take gigabytes)."""

    def __init__(self) -> None:
        self.series: dict[tuple, list] = {}

    @staticmethod
    def _ordinal(period: str, start: dt.date) -> int:
        if period == "day":
            return start.toordinal()
        return start.year * 12 + start.month if period == "month" else start.year

    def add(self, row) -> bool:  # a clearance_files.CheckedRow
        """Record the row's key; False when the file had it already."""
        key = (row.gate_id, row.period, row.direction, row.measure, row.product)
        at = self._ordinal(row.period, row.period_start)
        entry = self.series.get(key)
        if entry is None:
            entry = self.series[key] = [at, bytearray(64)]
        base, bits = entry
        if at < base:
            grow = (base - at + 7) // 8 + 64
            bits[0:0] = bytes(grow)
            base = entry[0] = base - grow * 8
        offset = at - base
        if offset // 8 >= len(bits):
            bits.extend(bytes(offset // 8 - len(bits) + 64))
        mask = 1 << (offset % 8)
        if bits[offset // 8] & mask:
            return False
        bits[offset // 8] |= mask
        return True

    def __contains__(self, key: tuple) -> bool:
        gate_id, period, start, direction, measure, product = key
        entry = self.series.get((gate_id, period, direction, measure, product))
        if entry is None:
            return False
        offset = self._ordinal(period, start) - entry[0]
        return 0 <= offset < len(entry[1]) * 8 and bool(entry[1][offset // 8] & (1 << (offset % 8)))
