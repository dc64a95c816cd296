"""Many crossing logs from one CSV file, all or nothing: every line is checked as the form checks
one log, and the first lines in error are reported by line and column; nothing is saved unless
every line is right.

Columns (header row, any order): gate (zone code, e.g. bg-laocai-hekou), direction (export,
import, transit), vehicle (optional, truck by default), product (optional), time_zone (e.g.
Asia/Ho_Chi_Minh, Asia/Shanghai; by default the gate's own side), arrival, declaration,
inspection, release, exit ("YYYY-MM-DD HH:MM", local time; all but arrival optional),
queue_length (optional), note (optional)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tradebridge.border import crossings
from tradebridge.border.access import can_log_crossings
from tradebridge.border.models import CrossingLog, Direction, Gate

COLUMNS = {"arrival": "arrived_at", "declaration": "declared_at", "inspection": "inspected_at",
           "release": "released_at", "exit": "exited_at"}
REQUIRED = ("gate", "direction", "arrival")
MAX_LINES = 5000
MAX_ERRORS = 20
FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S")


class ImportRefused(ValidationError):
    """The file's errors, one message per line and column."""


def _time(text: str) -> dt.datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    for pattern in FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date and time (YYYY-MM-DD HH:MM).") % {"value": text})


def _line_values(row: dict[str, str], gates: dict[str, Gate]) -> dict[str, Any]:
    """One line's values; ValidationError keyed by column."""
    errors: dict[str, str] = {}
    gate = gates.get((row.get("gate") or "").strip())
    if gate is None:
        errors["gate"] = _("“%(value)s” is not a gate code.") % {"value": row.get("gate", "")}
    direction = (row.get("direction") or "").strip().lower()
    if direction not in Direction.values:
        errors["direction"] = _("Use one of: %(choices)s.") % {"choices": ", ".join(Direction.values)}
    vehicle = (row.get("vehicle") or "").strip().lower() or CrossingLog.Vehicle.TRUCK
    if vehicle not in CrossingLog.Vehicle.values:
        errors["vehicle"] = _("Use one of: %(choices)s.") % {"choices": ", ".join(CrossingLog.Vehicle.values)}
    default_zone = crossings.gate_zone_names(gate)[0] if gate else "UTC"
    zone_name = (row.get("time_zone") or "").strip() or default_zone
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = _("“%(value)s” is not a time zone.") % {"value": zone_name}
        zone = ZoneInfo("UTC")
    values: dict[str, Any] = {"gate": gate, "direction": direction, "vehicle": vehicle,
                              "product": (row.get("product") or "").strip(),
                              "note": (row.get("note") or "").strip()}
    for column, name in COLUMNS.items():
        try:
            values[name] = crossings.as_instant(_time(row.get(column, "")), zone)
        except ValueError as exc:
            errors[column] = str(exc)
    queue = (row.get("queue_length") or "").strip()
    values["queue_length"] = None
    if queue:
        if queue.isdigit():
            values["queue_length"] = int(queue)
        else:
            errors["queue_length"] = _("“%(value)s” is not a whole number.") % {"value": queue}
    if errors:
        raise ValidationError(errors)
    return values


def _column_of(field_name: str) -> str:
    return {v: k for k, v in COLUMNS.items()}.get(field_name, field_name)


def do_import_crossings(actor: Any, content: bytes | str) -> int:
    """Save every line as a log of the actor's organisation, or none; ImportRefused lists the
    errors as "line N, column: reason"."""
    if not can_log_crossings(actor):
        raise PermissionDenied("members of an enterprise or an agency only")
    text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused(_("Line 1: the header lacks the column(s) %(columns)s.") % {
            "columns": ", ".join(missing)})
    reader.fieldnames = header
    gates = {g.zone.code: g for g in Gate.objects.active().select_related("zone__country", "partner_zone")}
    rows, errors = [], []
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_LINES:
            raise ImportRefused(_("The file has more than %(count)s lines.") % {"count": MAX_LINES})
        try:
            values = _line_values(row, gates)
            crossings.check_order({name: values[name] for name in crossings.STAMPS})
            rows.append(values)
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                errors.append(_("Line %(line)s, %(column)s: %(reason)s") % {
                    "line": number, "column": _column_of(field_name), "reason": " ".join(messages)})
        if len(errors) >= MAX_ERRORS:
            break
    if not errors and not rows:
        errors.append(_("The file has no line after the header."))
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        for number, values in enumerate(rows, start=2):
            try:
                crossings.do_log_crossing(actor, **values)
            except ValidationError as exc:  # a check of the model itself: still by line
                raise ImportRefused([_("Line %(line)s, %(column)s: %(reason)s") % {
                    "line": number, "column": _column_of(f), "reason": " ".join(m)}
                    for f, m in exc.message_dict.items()]) from exc
    return len(rows)
