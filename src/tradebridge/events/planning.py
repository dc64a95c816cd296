"""Between the database and the scheduler (events.scheduling): the spec's problem built from an
event's accepted requests, and a returned schedule stored as Meeting rows.

Participants are named `r<registration id>`, venues by their code, slots by their code; locked
meetings are handed to the solver as fixed, and the current meetings as the previous schedule,
so that a re-run after a cancellation or a late acceptance moves as few meetings as possible.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.core.history import stamp_history
from tradebridge.events import notifications
from tradebridge.events.models import Event, Meeting, MeetingRequest, Registration, ScheduleRun, Slot
from tradebridge.events.scheduling import problem as spec
from tradebridge.events.scheduling.solver import solve
from tradebridge.events.services import check_setup


def event_zone(event: Event) -> ZoneInfo:
    """The zone the organisers read the schedule in: the main venue's (else any venue's, else UTC)."""
    venue = event.main_venue or event.venues.active().first()
    return venue.zone if venue else ZoneInfo("UTC")


def slot_label(slot: Slot, zone: ZoneInfo) -> str:
    """A slot as organisers read it: its day and local times, e.g. "2021-01-19 08:00–08:20" (as
    in the e-mails; no weekday name, which Django cannot write in Lao)."""
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


def slot_choices(event: Event) -> list[tuple[Slot, str]]:
    zone = event_zone(event)
    return [(slot, slot_label(slot, zone)) for slot in event.slots.all()]


_PROGRESS = [  # the solver's progress messages (English, technical) -> what organisers read
    (re.compile(r"bounding"), lambda m: _("Counting how many meetings are possible…")),
    (re.compile(r"warm start: (\d+) \(bound (\d+)\)"),
     lambda m: _("First schedule: %(placed)s meetings placed, at most %(most)s possible.")
     % {"placed": m[1], "most": m[2]}),
    (re.compile(r"objective: (\d+)"), lambda m: _("%(placed)s meetings placed so far.") % {"placed": m[1]}),
    (re.compile(r"kept(: \d+)?"), lambda m: _("Keeping meetings where they were…")),
    (re.compile(r"breaks(: \d+)?"), lambda m: _("Shortening the waits between meetings…")),
    (re.compile(r"done.*"), lambda m: _("Saving the schedule…")),
]


def progress_text(message: str) -> str:
    """A run's progress message in words organisers understand, in the current language."""
    for pattern, text in _PROGRESS:
        found = pattern.fullmatch(message or "")
        if found:
            return text(found)
    return message


def participant_id(registration_id: int) -> str:
    return f"r{registration_id}"


def accepted_requests(event: Event):
    return (event.requests.filter(status=MeetingRequest.Status.ACCEPTED,
                                  sender__status=Registration.Status.REGISTERED,
                                  recipient__status=Registration.Status.REGISTERED)
            .order_by("pk"))


def build_problem(event: Event) -> dict:
    """The event as a `tradebridge.schedule-problem/1` dict. Raises ValidationError naming what
    makes the set-up impossible (no slots, a venue without tables or booths, ...)."""
    check_setup(event)
    registrations = list(event.registrations.filter(status=Registration.Status.REGISTERED)
                         .select_related("venue").prefetch_related("available_slots"))
    participants = []
    for registration in registrations:
        entry: dict[str, Any] = {"id": participant_id(registration.pk), "venue": registration.venue.code}
        available = [slot.code for slot in registration.available_slots.all()]
        if available:
            entry["available"] = available
        if registration.max_meetings is not None:
            entry["max_meetings"] = registration.max_meetings
        participants.append(entry)
    return {
        "format": spec.PROBLEM_FORMAT,
        "slots": [{"id": s.code, "start": s.starts_at.isoformat(), "end": s.ends_at.isoformat()}
                  for s in event.slots.all()],
        "venues": [{"id": v.code, "tz": v.time_zone, "tables": v.tables, "booths": v.booths}
                   for v in event.venues.active()],
        "participants": participants,
        "requests": [_request_entry(r) for r in accepted_requests(event).prefetch_related("allowed_slots")],
    }


def _request_entry(request: MeetingRequest) -> dict[str, Any]:
    entry: dict[str, Any] = {"a": participant_id(request.sender_id),
                             "b": participant_id(request.recipient_id), "weight": 1}
    allowed = [slot.code for slot in request.allowed_slots.all()]
    if allowed:
        entry["slots"] = allowed  # a morning-only meeting, say
    return entry


def _as_spec(meeting: Meeting) -> spec.Meeting:
    request = meeting.request
    venue = meeting.venues.first() if meeting.mode == Meeting.Mode.TABLE else None
    return spec.Meeting(participant_id(request.sender_id), participant_id(request.recipient_id),
                        meeting.slot.code, meeting.mode, venue.code if venue else None)


def current_meetings(event: Event, *, locked: bool | None = None) -> list[spec.Meeting]:
    meetings = event.meetings.select_related("request", "slot").prefetch_related("venues")
    if locked is not None:
        meetings = meetings.filter(locked=locked)
    return [_as_spec(m) for m in meetings if m.request.status == MeetingRequest.Status.ACCEPTED]


def run_scheduler(event: Event, *, time_limit: float = 30.0,
                  progress: Callable[[float, str], None] | None = None) -> dict:
    """Solve the event's schedule and store it; returns the figures for the organisers."""
    problem = spec.parse_problem(build_problem(event))
    known = set(problem.request_index)
    previous_meetings = [m for m in current_meetings(event) if m.pair in known]
    locked = [m for m in current_meetings(event, locked=True) if m.pair in known]
    previous = spec.Schedule(meetings=previous_meetings) if previous_meetings else None
    schedule = solve(problem, time_limit=time_limit, locked=locked, previous=previous, progress=progress)
    stored = store_schedule(event, schedule)
    return {"objective": schedule.objective, "bound": schedule.bound, "breaks": schedule.breaks,
            "seconds": round(schedule.seconds, 2), "requests": len(problem.requests), **stored,
            "unscheduled": [u.to_json() for u in schedule.unscheduled]}


@transaction.atomic
def store_schedule(event: Event, schedule: spec.Schedule) -> dict[str, int]:
    """Make the event's Meeting rows match `schedule`: new meetings are created, moved ones
    updated, those no longer placed removed (their history stays). Locked meetings are kept."""
    slots = {s.code: s for s in event.slots.all()}
    venues = {v.code: v for v in event.venues.active()}
    registrations = {participant_id(r.pk): r for r in event.registrations.select_related("venue")}
    requests = {frozenset((participant_id(r.sender_id), participant_id(r.recipient_id))): r
                for r in accepted_requests(event)}
    existing = {m.request_id: m for m in event.meetings.select_related("slot")}
    placed = moved = created = 0
    kept: set[int] = set()
    # After publishing, both sides of each moved, added or dropped meeting are mailed (on commit).
    notices: list[Callable[[], int]] = []
    for entry in schedule.meetings:
        request = requests.get(entry.pair)
        if request is None or entry.slot not in slots:
            raise ValidationError(f"the schedule names an unknown request or slot: {entry.to_json()}")
        placed += 1
        kept.add(request.pk)
        meeting = existing.get(request.pk)
        if meeting is not None and meeting.locked:
            continue
        if entry.mode == Meeting.Mode.TABLE:
            at = [venues[entry.venue or registrations[entry.a].venue.code]]
        else:
            at = list({registrations[entry.a].venue_id: registrations[entry.a].venue,
                       registrations[entry.b].venue_id: registrations[entry.b].venue}.values())
        if meeting is None:
            meeting = Meeting.objects.create(event=event, request=request, slot=slots[entry.slot],
                                             mode=entry.mode)
            notices.append(notifications.later(notifications.ADDED, meeting))
            created += 1
        elif meeting.slot.code != entry.slot or meeting.mode != entry.mode:
            previous_start = meeting.slot.starts_at
            meeting.slot, meeting.mode = slots[entry.slot], entry.mode
            if meeting.slot.starts_at != previous_start:
                notices.append(notifications.later(notifications.MOVED, meeting,
                                                   previous_start=previous_start))
            stamp_history(meeting, None, "scheduler")
            meeting.save(update_fields=["slot", "mode", "updated_at"])
            moved += 1
        meeting.venues.set(at)
    dropped = 0
    for request_id, meeting in existing.items():
        if request_id not in kept and not meeting.locked:
            stamp_history(meeting, None, "not placed by the scheduler")
            notices.append(notifications.later(notifications.DROPPED, meeting))
            meeting.delete()
            dropped += 1
    for notice in notices:
        transaction.on_commit(notice)
    return {"placed": placed, "created": created, "moved": moved, "dropped": dropped}


def execute_run(run: ScheduleRun) -> ScheduleRun:
    """Carry out a queued run, writing its progress as it goes (at most twice a second)."""
    last = [0.0]

    def progress(fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or fraction >= 1.0:
            last[0] = now
            ScheduleRun.objects.filter(pk=run.pk).update(progress=fraction, message=message[:300])

    ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRun.Status.RUNNING, message="")
    try:
        result = run_scheduler(run.event, time_limit=run.time_limit, progress=progress)
    except (ValidationError, spec.ProblemError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRun.Status.FAILED,
                                                     message=" ".join(messages)[:300],
                                                     finished_at=timezone.now())
    else:
        ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRun.Status.DONE, progress=1.0,
                                                     result=result, message="", finished_at=timezone.now())
    run.refresh_from_db()
    return run


@transaction.atomic
def do_set_meeting_lock(meeting: Meeting, *, locked: bool, actor: Any) -> Meeting:
    meeting.locked = locked
    stamp_history(meeting, actor, "locked" if locked else "unlocked")
    meeting.save(update_fields=["locked", "updated_at"])
    return meeting


def move_conflicts(meeting: Meeting, slot: Slot) -> list[str]:
    """Why `meeting` cannot move to `slot` (rules 1, 3 and 4 of the spec); empty when it can."""
    request = meeting.request
    problems = []
    if slot.event_id != meeting.event_id:
        return [_("Slot %(slot)s is not part of this event.") % {"slot": slot.code}]
    zone = event_zone(meeting.event)
    label = slot_label(slot, zone)
    others = meeting.event.meetings.filter(slot=slot).exclude(pk=meeting.pk).select_related("request")
    allowed = sorted(request.allowed_slots.values_list("code", flat=True))
    if allowed and slot.code not in allowed:
        labels = [slot_label(s, zone) for s in request.allowed_slots.all()]
        problems.append(_("This meeting may only take slots %(codes)s.") % {"codes": ", ".join(labels)})
    for registration in (request.sender, request.recipient):
        name = registration.organization.display_name
        available = set(registration.available_slots.values_list("pk", flat=True))
        if available and slot.pk not in available:
            problems.append(_("%(name)s is not available in slot %(slot)s.")
                            % {"name": name, "slot": label})
        if any(registration.pk in (m.request.sender_id, m.request.recipient_id) for m in others):
            problems.append(_("%(name)s already has a meeting in slot %(slot)s.")
                            % {"name": name, "slot": label})
    used = {}
    for other in others.prefetch_related("venues"):
        for venue in other.venues.all():
            used[(venue.pk, other.mode)] = used.get((venue.pk, other.mode), 0) + 1
    for venue in meeting.venues.all():
        capacity = venue.tables if meeting.mode == Meeting.Mode.TABLE else venue.booths
        if used.get((venue.pk, meeting.mode), 0) >= capacity:
            problems.append(_("Venue “%(venue)s” has no free table or booth in slot %(slot)s.")
                            % {"venue": venue.name, "slot": label})
    return problems


@transaction.atomic
def do_move_meeting(meeting: Meeting, slot: Slot, *, actor: Any) -> Meeting:
    """An organiser moves a meeting by hand; refused, naming the conflict, if it breaks a rule."""
    meeting = Meeting.objects.select_for_update().select_related(
        "event", "request__sender__organization", "request__recipient__organization").get(pk=meeting.pk)
    problems = move_conflicts(meeting, slot)
    if problems:
        raise ValidationError(problems)
    previous_start = meeting.slot.starts_at
    meeting.slot = slot
    # After publishing, the change is kept in the history with this reason for the people concerned.
    stamp_history(meeting, actor, "moved by an organiser after publishing"
                  if meeting.event.status == Event.Status.PUBLISHED else "moved by an organiser")
    meeting.save(update_fields=["slot", "updated_at"])
    # Both sides hear of it once the change is committed.
    transaction.on_commit(notifications.later(notifications.MOVED, meeting, previous_start=previous_start))
    return meeting
