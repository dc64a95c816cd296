"""iCalendar (RFC 5545) writing: one escaping and folding rule for every calendar the site
serves (agendas, commitment deadlines)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime


def escape_text(text: str) -> str:
    """TEXT values (§3.3.11): backslash, semicolon, comma escaped; each line break (CRLF, LF or
    a lone CR) becomes one `\\n`."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold_line(line: str) -> list[str]:
    """A content line cut into parts of at most 75 octets (§3.1), never inside a UTF-8
    character; continuation parts start with a space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return [out[0], *(" " + part for part in out[1:])]


def utc_text(value: datetime) -> str:
    """A DATE-TIME in UTC form (20270304T023000Z); the value must be aware."""
    if value.tzinfo is None:
        raise ValueError("iCalendar times must be aware datetimes")
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def date_text(value: date) -> str:
    return value.strftime("%Y%m%d")


def calendar(lines: Iterable[str], *, product: str, name: str | None = None) -> str:
    """A VCALENDAR around `lines` (already escaped content lines), folded, CRLF-terminated."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//TradeBridge//{product}//EN",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        head.append(f"X-WR-CALNAME:{escape_text(name)}")
    every = [*head, *lines, "END:VCALENDAR"]
    return "".join(part + "\r\n" for line in every for part in fold_line(line))
