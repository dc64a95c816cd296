"""IANA time zones for forms: the zones zoneinfo knows, some countries' own first (from the tz
database's zone.tab), and a clear refusal for an offset typed instead of a place ("GMT+8")."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import re
import zoneinfo
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SYSTEM_ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")
OFFSET = re.compile(r"^\s*(?:GMT|UTC)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*$", re.IGNORECASE)


def _zone_tab() -> str:
    try:
        return importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        try:
            return SYSTEM_ZONE_TAB.read_text(encoding="utf-8")
        except OSError:
            return ""


@lru_cache(maxsize=1)
def country_zones() -> dict[str, list[str]]:
    """ISO alpha-2 code → that country's zones, main one first."""
    out: dict[str, list[str]] = {}
    for line in _zone_tab().splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 3:
            continue
        out.setdefault(parts[0], []).append(parts[2])
    return out


@lru_cache(maxsize=1)
def all_zones() -> tuple[str, ...]:
    """Place names (Area/City) and UTC; not the Etc/GMT±N offsets, whose sign is inverted."""
    zones = {z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))}
    return tuple(sorted(zones | {"UTC"}))


def ordered_zones(countries: list[str]) -> list[str]:
    """All zones, those of `countries` (alpha-2 codes, in that order) first."""
    first: list[str] = []
    for code in countries:
        first += [z for z in country_zones().get(code, []) if z not in first]
    known = set(all_zones())
    first = [z for z in first if z in known]
    return first + [z for z in all_zones() if z not in set(first)]


def offset_label(zone: str, when: dt.datetime | None = None) -> str:
    """"UTC+7", "UTC+5:30" at `when` (now by default)."""
    moment = (when or dt.datetime.now(dt.UTC)).astimezone(zoneinfo.ZoneInfo(zone))
    offset = moment.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def check_zone(value: str, countries: list[str]) -> str:
    """The zone name, or a ValidationError naming a valid choice (one of `countries`' zones at the
    offset typed, for "GMT+8")."""
    value = (value or "").strip()
    if value in set(all_zones()):
        return value
    match = OFFSET.match(value)
    if match:
        sign, hours, minutes = match.groups()
        label = f"UTC{sign}{int(hours)}" + (f":{minutes}" if minutes and minutes != "00" else "")
        same = [z for z in ordered_zones(countries) if offset_label(z) == label]
        if same:
            raise ValidationError(
                _("“%(value)s” is an offset, not a time zone: choose the place, e.g. %(zone)s (%(offset)s)."),
                params={"value": value, "zone": same[0], "offset": label}, code="offset")
    example = ordered_zones(countries)[0]
    raise ValidationError(_("“%(value)s” is not a time zone from the list: choose one, e.g. %(zone)s."),
                          params={"value": value, "zone": example}, code="unknown")
