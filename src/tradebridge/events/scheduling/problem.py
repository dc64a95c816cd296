"""The meeting-schedule problem and schedule of spec/schedule.md (format v1), without Django.

``parse_problem`` turns the JSON document into a :class:`Problem` or raises one
:class:`ProblemError` whose message names the offending entry (``requests[12]: ...``), so that a
command or a page can show it as it is.  :class:`Schedule` is the solver's answer and writes the
spec's schedule document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROBLEM_FORMAT = "tradebridge.schedule-problem/1"
SCHEDULE_FORMAT = "tradebridge.schedule/1"


class ProblemError(ValueError):
    """A problem (or a schedule, or a locked meeting) that breaks the format or cannot be run."""


@dataclass(frozen=True)
class Slot:
    id: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Venue:
    id: str
    tz: str
    tables: int
    booths: int


@dataclass(frozen=True)
class Participant:
    id: str
    venue: str
    available: frozenset[str] | None = None  # None: every slot
    max_meetings: int | None = None  # None: no cap beyond the slots


@dataclass(frozen=True)
class Request:
    a: str
    b: str
    weight: int = 1
    slots: frozenset[str] | None = None  # None: any slot

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


@dataclass(frozen=True)
class Meeting:
    a: str
    b: str
    slot: str
    mode: str  # "table" or "online"
    venue: str | None = None  # the venue of a table meeting

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))

    def to_json(self) -> dict:
        data = {"a": self.a, "b": self.b, "slot": self.slot, "mode": self.mode}
        if self.venue is not None:
            data["venue"] = self.venue
        return data


@dataclass
class Problem:
    slots: list[Slot]  # in time order (start, then file order)
    venues: dict[str, Venue]
    participants: dict[str, Participant]
    requests: list[Request]  # in file order

    @cached_property
    def slot_index(self) -> dict[str, int]:
        return {slot.id: i for i, slot in enumerate(self.slots)}

    @cached_property
    def request_index(self) -> dict[frozenset[str], int]:
        return {request.pair: i for i, request in enumerate(self.requests)}

    def available(self, participant_id: str) -> frozenset[str]:
        available = self.participants[participant_id].available
        return frozenset(self.slot_index) if available is None else available

    def cap(self, participant_id: str) -> int:
        cap = self.participants[participant_id].max_meetings
        return len(self.slots) if cap is None else min(cap, len(self.slots))

    def mode_of(self, request: Request) -> tuple[str, str | None]:
        """("table", venue) when both sit at the same venue, else ("online", None)."""
        venue_a = self.participants[request.a].venue
        if venue_a == self.participants[request.b].venue:
            return "table", venue_a
        return "online", None

    def meeting(self, request: Request, slot_id: str) -> Meeting:
        mode, venue = self.mode_of(request)
        return Meeting(request.a, request.b, slot_id, mode, venue)

    def allowed_slots(self, request: Request) -> list[int]:
        """Slot indexes that rule 1 allows and whose venues have room at all (rule 4), in order."""
        if self.cap(request.a) == 0 or self.cap(request.b) == 0:
            return []
        common = self.available(request.a) & self.available(request.b)
        if request.slots is not None:
            common &= request.slots
        mode, venue = self.mode_of(request)
        if mode == "table":
            if self.venues[venue].tables == 0:
                return []
        elif (
            self.venues[self.participants[request.a].venue].booths == 0
            or self.venues[self.participants[request.b].venue].booths == 0
        ):
            return []
        return sorted(self.slot_index[s] for s in common)


@dataclass
class Unscheduled:
    a: str
    b: str
    reason: str

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "reason": self.reason}


@dataclass
class Schedule:
    meetings: list[Meeting]
    unscheduled: list[Unscheduled] = field(default_factory=list)
    objective: int = 0
    bound: int = 0
    breaks: int = 0
    seconds: float = 0.0
    max_breaks: int = 0  # the most breaks any one participant has (fairness)
    moved: int | None = None  # meetings of the previous schedule moved or dropped (re-optimisation)
    optimal: bool = False  # the objective equals the bound
    # No schedule of the same objective has fewer breaks, nor (then) fewer of one participant.
    breaks_proven: bool = False

    def to_json(self) -> dict:
        data = {
            "format": SCHEDULE_FORMAT,
            "meetings": [m.to_json() for m in self.meetings],
            "unscheduled": [u.to_json() for u in self.unscheduled],
            "objective": self.objective,
            "bound": self.bound,
            "breaks": self.breaks,
            "seconds": round(self.seconds, 2),
            "max_breaks": self.max_breaks,
        }
        if self.moved is not None:
            data["moved"] = self.moved
        return data


# --- parsing -----------------------------------------------------------------------------------


def _fail(where: str, message: str):
    raise ProblemError(f"{where}: {message}")


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        _fail(where, f"'{key}' must be a non-empty text")
    return value


def _count(entry: dict, key: str, where: str, *, default: int | None = None) -> int | None:
    if key not in entry or (entry[key] is None and default is None):
        return default
    value = entry[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        _fail(where, f"'{key}' must be a whole number of at least 0, got {value!r}")
    return value


def _instant(entry: dict, key: str, where: str) -> datetime:
    text = _text(entry, key, where)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        _fail(where, f"'{key}' is not an ISO 8601 instant: {text!r}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        _fail(where, f"'{key}' has no time-zone offset: {text!r}")
    return moment


def _entries(data: dict, key: str) -> list:
    value = data.get(key)
    if not isinstance(value, list):
        _fail(key, "must be a list")
    return value


def _slot_list(entry: dict, key: str, where: str, known: dict[str, int]) -> frozenset[str] | None:
    if key not in entry or entry[key] is None:
        return None
    value = entry[key]
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        _fail(where, f"'{key}' must be a list of slot ids")
    for slot_id in value:
        if slot_id not in known:
            _fail(where, f"slot '{slot_id}' in '{key}' is not in slots")
    return frozenset(value)


def parse_problem(data: dict) -> Problem:
    """Check a problem document (already read from JSON) and build the :class:`Problem`."""
    if not isinstance(data, dict):
        raise ProblemError("the problem must be a JSON object")
    if data.get("format") != PROBLEM_FORMAT:
        raise ProblemError(f"format: expected {PROBLEM_FORMAT!r}, got {data.get('format')!r}")

    slots: list[Slot] = []
    seen_slots: dict[str, int] = {}
    for i, entry in enumerate(_entries(data, "slots")):
        where = f"slots[{i}]"
        if not isinstance(entry, dict):
            _fail(where, "must be an object")
        slot_id = _text(entry, "id", where)
        if slot_id in seen_slots:
            _fail(where, f"slot '{slot_id}' appears twice")
        start, end = _instant(entry, "start", where), _instant(entry, "end", where)
        if end <= start:
            _fail(where, f"slot '{slot_id}' ends before it starts")
        seen_slots[slot_id] = i
        slots.append(Slot(slot_id, start, end))
    if not slots:
        raise ProblemError("slots: the event has no time slots")
    slots.sort(key=lambda s: s.start)  # "slot order" is time order; sort is stable for ties

    venues: dict[str, Venue] = {}
    for i, entry in enumerate(_entries(data, "venues")):
        where = f"venues[{i}]"
        if not isinstance(entry, dict):
            _fail(where, "must be an object")
        venue_id = _text(entry, "id", where)
        if venue_id in venues:
            _fail(where, f"venue '{venue_id}' appears twice")
        tz = _text(entry, "tz", where)
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            _fail(where, f"unknown time zone {tz!r}")
        tables, booths = _count(entry, "tables", where, default=0), _count(entry, "booths", where, default=0)
        if tables == 0 and booths == 0:
            _fail(where, f"venue '{venue_id}' has no tables and no booths")
        venues[venue_id] = Venue(venue_id, tz, tables, booths)
    if not venues:
        raise ProblemError("venues: the event has no venue")

    participants: dict[str, Participant] = {}
    for i, entry in enumerate(_entries(data, "participants")):
        where = f"participants[{i}]"
        if not isinstance(entry, dict):
            _fail(where, "must be an object")
        participant_id = _text(entry, "id", where)
        where = f"participants[{i}] ('{participant_id}')"
        if participant_id in participants:
            _fail(where, "appears twice")
        venue_id = entry.get("venue")
        if not isinstance(venue_id, str) or not venue_id:
            _fail(where, "is at no venue ('venue' is missing)")
        if venue_id not in venues:
            _fail(where, f"venue '{venue_id}' is not in venues")
        available = _slot_list(entry, "available", where, seen_slots)
        participants[participant_id] = Participant(
            participant_id, venue_id, available, _count(entry, "max_meetings", where)
        )

    requests: list[Request] = []
    pairs: dict[frozenset[str], int] = {}
    for i, entry in enumerate(_entries(data, "requests")):
        where = f"requests[{i}]"
        if not isinstance(entry, dict):
            _fail(where, "must be an object")
        a, b = _text(entry, "a", where), _text(entry, "b", where)
        for who in (a, b):
            if who not in participants:
                _fail(where, f"participant '{who}' is not in participants")
        if a == b:
            _fail(where, f"participant '{a}' cannot meet itself")
        pair = frozenset((a, b))
        if pair in pairs:
            _fail(where, f"the pair '{a}'–'{b}' is already requested in requests[{pairs[pair]}]")
        weight = entry.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, int) or weight <= 0:
            _fail(where, f"'weight' must be a whole number above 0, got {weight!r}")
        request_slots = _slot_list(entry, "slots", where, seen_slots)
        if request_slots is not None and not request_slots:
            _fail(where, "'slots' is empty: the meeting could never take place")
        pairs[pair] = i
        requests.append(Request(a, b, weight, request_slots))
    return Problem(slots, venues, participants, requests)


def parse_meetings(problem: Problem, entries, where: str = "meetings") -> list[Meeting]:
    """Meetings given from outside (locked ones, a previous schedule), checked against the problem."""
    if not isinstance(entries, list):
        _fail(where, "must be a list")
    meetings = []
    for i, entry in enumerate(entries):
        here = f"{where}[{i}]"
        if not isinstance(entry, dict):
            _fail(here, "must be an object")
        a, b, slot_id = _text(entry, "a", here), _text(entry, "b", here), _text(entry, "slot", here)
        for who in (a, b):
            if who not in problem.participants:
                _fail(here, f"participant '{who}' is not in participants")
        if slot_id not in problem.slot_index:
            _fail(here, f"slot '{slot_id}' is not in slots")
        index = problem.request_index.get(frozenset((a, b)))
        if index is None:
            _fail(here, f"there is no request for the pair '{a}'–'{b}'")
        meetings.append(problem.meeting(problem.requests[index], slot_id))
    return meetings


def parse_schedule(problem: Problem, data: dict) -> Schedule:
    """Read a schedule document (for ``--check`` or as the previous schedule of a re-run)."""
    if not isinstance(data, dict) or data.get("format") != SCHEDULE_FORMAT:
        raise ProblemError(f"format: expected {SCHEDULE_FORMAT!r}")
    meetings = []
    for i, entry in enumerate(_entries(data, "meetings")):
        here = f"meetings[{i}]"
        if not isinstance(entry, dict):
            _fail(here, "must be an object")
        venue = entry.get("venue")
        meetings.append(
            Meeting(
                _text(entry, "a", here),
                _text(entry, "b", here),
                _text(entry, "slot", here),
                _text(entry, "mode", here),
                venue if isinstance(venue, str) else None,
            )
        )
    return Schedule(
        meetings,
        objective=data.get("objective", 0),
        bound=data.get("bound", 0),
        breaks=data.get("breaks", 0),
    )
