"""Writes to the events app (`do_<verb>_<noun>`). Each runs in a transaction, stamps its author
for the history, and refuses bad input with a ValidationError that names what is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tradebridge.core.history import history_actor, stamp_history
from tradebridge.core.i18n import join_list
from tradebridge.events import notifications
from tradebridge.events.models import (
    Event,
    MeetingDay,
    MeetingRequest,
    Registration,
    SectorRoom,
    Slot,
    Venue,
)
from tradebridge.registry.models import ImportBatch, Organization

EVENT_FIELDS = (
    "kind", "primary_language", "title_vi", "title_lo", "title_zh_hans", "title_en", "description_vi",
    "description_lo", "description_zh_hans", "description_en", "starts_on", "ends_on",
    "registration_deadline", "capacity", "max_requests", "status", "is_illustrative", "source",
)


def unique_event_slug(text: str) -> str:
    base = (slugify(text) or "event")[:70]
    slug, n = base, 2
    while slug in {"new"} or Event.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _checked_organizers(organizers: Iterable[Organization]) -> list[Organization]:
    organizers = list(organizers)
    if not organizers:
        raise ValidationError({"organizers": _("An event needs at least one organising agency.")})
    not_agencies = [o.display_name for o in organizers if not o.is_agency]
    if not_agencies:
        raise ValidationError({"organizers": _("Not an agency or institute: %(names)s.")
                               % {"names": join_list(not_agencies)}})
    return organizers


@transaction.atomic
def do_create_event(*, actor: Any, organizers: Iterable[Organization], **fields: Any) -> Event:
    organizers = _checked_organizers(organizers)
    event = Event(**{k: v for k, v in fields.items() if k in (*EVENT_FIELDS, "slug")})
    if not event.slug:
        event.slug = unique_event_slug(fields.get("title_en") or event.title or "event")
    event.full_clean()
    stamp_history(event, actor, "created")
    event.save()
    event.organizers.set(organizers)
    return event


@transaction.atomic
def do_update_event(event: Event, changes: dict[str, Any], *, actor: Any) -> list[str]:
    """Edit the event's fields and, when `changes` names them, its organising agencies; one
    history row names everything that changed. Returns the changed names."""
    changed = [f for f in EVENT_FIELDS if f in changes and getattr(event, f) != changes[f]]
    organizers = None
    if changes.get("organizers") is not None:
        organizers = _checked_organizers(changes["organizers"])
        if {o.pk for o in organizers} == set(event.organizers.values_list("pk", flat=True)):
            organizers = None
    for field in changed:
        setattr(event, field, changes[field])
    event.full_clean()
    if organizers is None and not changed:
        return []
    names = [*changed, *(["organizers"] if organizers is not None else [])]
    stamp_history(event, actor, "edited " + ", ".join(names))
    event.save(update_fields=[*changed, "updated_at"])
    if organizers is not None:
        event.organizers.set(organizers)
    return names


@transaction.atomic
def do_add_venue(event: Event, *, actor: Any, **fields: Any) -> Venue:
    venue = Venue(event=event, **fields)
    if not venue.code:
        venue.code = slugify(venue.name)[:40] or "venue"
    if venue.is_main and event.venues.active().filter(is_main=True).exists():
        raise ValidationError({"is_main": _("This event already has a main venue.")})
    venue.full_clean()
    stamp_history(venue, actor, "added")
    venue.save()
    return venue


@transaction.atomic
def do_add_sector_room(event: Event, *, actor: Any, name: str, sectors: Iterable = (),
                       hs_chapters: list[str] | None = None, online_link: str = "") -> SectorRoom:
    room = SectorRoom(event=event, name=name, hs_chapters=hs_chapters or [], online_link=online_link)
    room.full_clean()
    stamp_history(room, actor, "added")
    room.save()
    room.sectors.set(list(sectors))
    return room


def parse_pauses(pauses: Any) -> list[tuple[time, time]]:
    """[["12:00", "13:30"], ...] → time pairs; raises naming the bad pause."""
    result = []
    if not isinstance(pauses, list):
        raise ValidationError({"pauses": _("Pauses are a list of [start, end] pairs.")})
    for index, pause in enumerate(pauses, start=1):
        try:
            start, end = (time.fromisoformat(str(v)) for v in pause)
        except (TypeError, ValueError):
            raise ValidationError({"pauses": _("Pause %(n)s is not a pair of times like 12:00, 13:30.")
                                   % {"n": index}}) from None
        if end <= start:
            raise ValidationError({"pauses": _("Pause %(n)s ends before it starts.") % {"n": index}})
        result.append((start, end))
    return result


@transaction.atomic
def do_add_meeting_day(event: Event, *, actor: Any, date: date, start_time: time, end_time: time,
                       slot_minutes: int = 20, pauses: list | None = None) -> MeetingDay:
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The day's meetings end before they start.")})
    if not slot_minutes or slot_minutes < 5:
        raise ValidationError({"slot_minutes": _("A slot lasts at least 5 minutes.")})
    parse_pauses(pauses or [])
    # A day archived on that date is brought back (the date stays unique per event).
    day = (MeetingDay.objects.archived().filter(event=event, date=date).first()
           or MeetingDay(event=event, date=date))
    day.start_time, day.end_time, day.slot_minutes = start_time, end_time, slot_minutes
    day.pauses, day.archived_at = pauses or [], None
    day.full_clean()
    stamp_history(day, actor, "added")
    day.save()
    return day


def day_slot_times(day: MeetingDay, zone) -> list[tuple[datetime, datetime]]:
    """The UTC (start, end) of each slot of `day`: slot_minutes steps from the start, skipping
    any slot that overlaps a pause, none running past the end."""
    pauses = parse_pauses(day.pauses)
    step = timedelta(minutes=day.slot_minutes)
    cursor = datetime.combine(day.date, day.start_time)
    end = datetime.combine(day.date, day.end_time)
    result = []
    while cursor + step <= end:
        slot_end = cursor + step
        clash = next((p for p in pauses
                      if cursor < datetime.combine(day.date, p[1])
                      and datetime.combine(day.date, p[0]) < slot_end), None)
        if clash is not None:
            cursor = max(cursor, datetime.combine(day.date, clash[1]))
            continue
        result.append((cursor.replace(tzinfo=zone).astimezone(UTC),
                       slot_end.replace(tzinfo=zone).astimezone(UTC)))
        cursor = slot_end
    return result


@transaction.atomic
def do_generate_slots(event: Event) -> list[Slot]:
    """Replace the event's slots with those of its meeting days (local time of the main venue).
    Refused once meetings sit in the slots: they would lose their place."""
    main = event.main_venue
    if main is None:
        raise ValidationError(_("“%(event)s” has no main venue: its time zone sets the slot times.")
                              % {"event": event.title})
    if event.meetings.exists():
        raise ValidationError(_("“%(event)s” already has meetings in its slots: move or cancel them first.")
                              % {"event": event.title})
    event.slots.all().delete()
    slots = []
    for day in event.days.active():
        for start, end in day_slot_times(day, main.zone):
            slots.append(Slot(event=event, day=day, code=f"s{len(slots) + 1:03d}", starts_at=start,
                              ends_at=end))
    Slot.objects.bulk_create(slots)
    return slots


def setup_problems(event: Event) -> list[str]:
    """What makes the event impossible to schedule, each naming the culprit; empty when fine."""
    problems = []
    venues = list(event.venues.active())
    if not venues:
        problems.append(_("“%(event)s” has no venue.") % {"event": event.title})
    elif not any(v.is_main for v in venues):
        problems.append(_("“%(event)s” has no main venue.") % {"event": event.title})
    for venue in venues:
        if venue.tables == 0 and venue.booths == 0:
            problems.append(_("Venue “%(venue)s” has no tables and no booths: no meeting can take place "
                              "there.") % {"venue": venue.name})
    if not event.days.active().exists():
        problems.append(_("“%(event)s” has no meeting day.") % {"event": event.title})
    elif not event.slots.exists():
        problems.append(_("“%(event)s” has no time slots: generate them from the meeting days.")
                        % {"event": event.title})
    missing = event.registrations.filter(status=Registration.Status.REGISTERED, venue__isnull=True)
    for registration in missing.select_related("organization"):
        problems.append(_("Participant “%(name)s” is at no venue.")
                        % {"name": registration.organization.display_name})
    return problems


def check_setup(event: Event) -> None:
    problems = setup_problems(event)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def do_set_event_status(event: Event, status: str, *, actor: Any) -> Event:
    if status not in Event.Status.values:
        raise ValidationError({"status": _("Unknown status %(status)s.") % {"status": status}})
    if status in (Event.Status.OPEN, Event.Status.PUBLISHED):
        check_setup(event)
    event.status = status
    stamp_history(event, actor, f"status {status}")
    event.save(update_fields=["status", "updated_at"])
    return event


@transaction.atomic
def do_register_organization(
    event: Event, organization: Organization, *, actor: Any, venue: Venue | None,
    delegates: list[dict] | None = None, consent_to_contact: bool = False,
    available_slots: Iterable[Slot] = (), room: SectorRoom | None = None,
    max_meetings: int | None = None, is_illustrative: bool = False, now: datetime | None = None,
) -> Registration:
    """Register `organization` for `event`, or update its registration. New registrations
    need the event open, before its deadline and below its capacity."""
    now = now or timezone.now()
    event = Event.objects.select_for_update().get(pk=event.pk)
    existing = event.registrations.filter(organization=organization).first()
    is_new = existing is None or existing.status == Registration.Status.CANCELLED
    if organization.archived_at is not None:
        raise ValidationError(_("%(name)s is archived.") % {"name": organization.display_name})
    if event.status != Event.Status.OPEN:
        raise ValidationError(_("Registration for “%(event)s” is not open.") % {"event": event.title})
    if event.registration_deadline and now > event.registration_deadline:
        raise ValidationError(_("The registration deadline of “%(event)s” has passed.")
                              % {"event": event.title})
    if is_new and event.capacity is not None:
        taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
        if taken >= event.capacity:
            raise ValidationError(_("“%(event)s” is full: %(capacity)s organisations.")
                                  % {"event": event.title, "capacity": event.capacity})
    if venue is None:
        raise ValidationError({"venue": _("Choose the venue or bridge point where you will be.")})
    if venue.event_id != event.pk:
        raise ValidationError({"venue": _("Venue “%(venue)s” is not part of this event.")
                               % {"venue": venue.name}})
    if room is not None and room.event_id != event.pk:
        raise ValidationError({"room": _("Room “%(room)s” is not part of this event.") % {"room": room.name}})
    slots = list(available_slots)
    foreign = [s.code for s in slots if s.event_id != event.pk]
    if foreign:
        raise ValidationError({"available_slots": _("Slots not of this event: %(codes)s.")
                               % {"codes": ", ".join(foreign)}})
    delegates = _clean_delegates(delegates or [])
    registration = existing or Registration(event=event, organization=organization)
    registration.venue, registration.room, registration.delegates = venue, room, delegates
    registration.consent_to_contact, registration.max_meetings = consent_to_contact, max_meetings
    registration.status = Registration.Status.REGISTERED
    registration.is_illustrative = is_illustrative
    if existing is None:
        registration.registered_by = history_actor(actor)
    registration.full_clean(exclude=["registered_by"])
    stamp_history(registration, actor, "registered" if is_new else "updated")
    registration.save()
    registration.available_slots.set(slots)
    return registration


def _clean_delegates(delegates: list[dict]) -> list[dict]:
    cleaned = []
    for index, delegate in enumerate(delegates, start=1):
        name = str(delegate.get("name", "")).strip()
        if not name:
            raise ValidationError({"delegates": _("Delegate %(n)s has no name.") % {"n": index}})
        cleaned.append({"name": name[:200], "role": str(delegate.get("role", "")).strip()[:200]})
    return cleaned


@transaction.atomic
def do_cancel_registration(registration: Registration, *, actor: Any) -> Registration:
    """Cancel a registration and withdraw its open meeting requests (their meetings go too)."""
    current = Registration.objects.select_for_update().get(pk=registration.pk)
    if not current.is_active:
        raise ValidationError(_("The registration of %(name)s is already cancelled.")
                              % {"name": registration.organization.display_name})
    registration.status = Registration.Status.CANCELLED
    stamp_history(registration, actor, "cancelled")
    registration.save(update_fields=["status", "updated_at"])
    either = Q(sender=registration) | Q(recipient=registration)
    for request in MeetingRequest.objects.filter(either, status__in=MeetingRequest.OPEN_STATUSES):
        do_cancel_request(request, actor=actor, reason="registration cancelled")
    return registration


@transaction.atomic
def do_send_meeting_request(sender: Registration, recipient: Registration, *, actor: Any,
                            message: str = "", is_illustrative: bool = False) -> MeetingRequest:
    """A request from one participant to another of the same event."""
    # Lock both registrations, always the lower id first: two requests sent at once must not both
    # pass the limit, and A→B with B→A at the same moment must queue, not deadlock (each insert
    # also takes a key-share lock on both rows). The second then sees the first's request.
    locking = Registration.objects.select_for_update(of=("self",)).select_related("event", "organization")
    locked = {pk: locking.get(pk=pk) for pk in sorted({sender.pk, recipient.pk})}
    sender, recipient = locked[sender.pk], locked[recipient.pk]
    event = sender.event
    if recipient.event_id != event.pk:
        raise ValidationError(_("%(name)s is not registered for this event.")
                              % {"name": recipient.organization.display_name})
    if sender.pk == recipient.pk or sender.organization_id == recipient.organization_id:
        raise ValidationError(_("An organisation cannot request a meeting with itself."))
    for registration in (sender, recipient):
        if not registration.is_active:
            raise ValidationError(_("%(name)s is not registered for this event.")
                                  % {"name": registration.organization.display_name})
    if event.status not in (Event.Status.OPEN, Event.Status.CLOSED, Event.Status.PUBLISHED):
        raise ValidationError(_("Meeting requests for “%(event)s” are not open.") % {"event": event.title})
    open_requests = MeetingRequest.objects.filter(event=event, status__in=MeetingRequest.OPEN_STATUSES)
    pending = MeetingRequest.Status.PENDING
    if open_requests.filter(sender=recipient, recipient=sender, status=pending).exists():
        raise ValidationError(_("There is already a meeting request between %(a)s and %(b)s: %(b)s asked "
                                "first. Accept their request instead.")
                              % {"a": sender.organization.display_name,
                                 "b": recipient.organization.display_name})
    if open_requests.filter(sender=sender, recipient=recipient).exists() or open_requests.filter(
            sender=recipient, recipient=sender).exists():
        raise ValidationError(_("There is already a meeting request between %(a)s and %(b)s.")
                              % {"a": sender.organization.display_name,
                                 "b": recipient.organization.display_name})
    sent = open_requests.filter(sender=sender).count()
    if sent >= event.max_requests:
        raise ValidationError(_("%(name)s has already sent %(count)s requests, the most this event allows.")
                              % {"name": sender.organization.display_name, "count": sent})
    request = MeetingRequest(event=event, sender=sender, recipient=recipient, message=message.strip()[:2000],
                             is_illustrative=is_illustrative,
                             created_by=history_actor(actor))
    stamp_history(request, actor, "sent")
    request.save()
    return request


def _answer(request: MeetingRequest, status: str, *, actor: Any) -> MeetingRequest:
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != MeetingRequest.Status.PENDING:
        raise ValidationError(_("This request was already answered (%(status)s).")
                              % {"status": request.get_status_display()})
    request.status = status
    request.responded_at = timezone.now()
    stamp_history(request, actor, status)
    request.save(update_fields=["status", "responded_at"])
    return request


@transaction.atomic
def do_accept_request(request: MeetingRequest, *, actor: Any, allowed_slots: Iterable[Slot] = ()
                      ) -> MeetingRequest:
    """Accept a request; `allowed_slots`, if given, are the only slots the meeting may take."""
    slots = _request_slots(request, allowed_slots)
    request = _answer(request, MeetingRequest.Status.ACCEPTED, actor=actor)
    if slots:
        request.allowed_slots.set(slots)
    return request


def _request_slots(request: MeetingRequest, slots: Iterable[Slot]) -> list[Slot]:
    slots = list(slots)
    foreign = [s.code for s in slots if s.event_id != request.event_id]
    if foreign:
        raise ValidationError({"allowed_slots": _("Slots not of this event: %(codes)s.")
                               % {"codes": ", ".join(foreign)}})
    return slots


@transaction.atomic
def do_set_request_slots(request: MeetingRequest, slots: Iterable[Slot], *, actor: Any) -> MeetingRequest:
    """An organiser limits an open request to some slots (none: any slot). Its meeting, if
    already placed elsewhere, keeps its slot until the scheduler runs again or it is moved."""
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in MeetingRequest.OPEN_STATUSES:
        raise ValidationError(_("This request is already closed (%(status)s).")
                              % {"status": request.get_status_display()})
    request.allowed_slots.set(_request_slots(request, slots))
    stamp_history(request, actor, "allowed slots set")
    request.save(update_fields=["status"])  # a history row records who limited it
    return request


@transaction.atomic
def do_decline_request(request: MeetingRequest, *, actor: Any) -> MeetingRequest:
    return _answer(request, MeetingRequest.Status.DECLINED, actor=actor)


@transaction.atomic
def do_cancel_request(request: MeetingRequest, *, actor: Any, reason: str = "cancelled") -> MeetingRequest:
    """Withdraw a pending or accepted request; a meeting it had is released (history kept)."""
    request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in MeetingRequest.OPEN_STATUSES:
        raise ValidationError(_("This request is already closed (%(status)s).")
                              % {"status": request.get_status_display()})
    request.status = MeetingRequest.Status.CANCELLED
    request.cancelled_at = timezone.now()
    stamp_history(request, actor, reason)
    request.save(update_fields=["status", "cancelled_at"])
    meeting = getattr(request, "meeting", None)
    if meeting is not None:
        stamp_history(meeting, actor, reason)
        # After publishing, both sides hear that the meeting is off (once committed).
        transaction.on_commit(notifications.later(notifications.DROPPED, meeting))
        meeting.delete()
    return request


def organizations_of_import(batch: ImportBatch) -> list[Organization]:
    """The organisations a committed delegation-list import created or matched, in file order.
    The batch keeps its decisions (matched records by id); the organisations it created carry
    the import's reason in their history."""
    found: list[Organization] = []
    skipped = set(batch.summary.get("skipped_lines", []))
    for row, decision in zip(batch.rows, batch.decisions, strict=True):
        organization = None
        if row["line"] in skipped:
            continue
        if decision["kind"] == "same" and decision.get("record_id"):
            organization = Organization.objects.filter(pk=decision["record_id"]).first()
        else:
            created = (Organization.history.filter(
                history_type="+", history_date__gte=batch.created_at,
                history_change_reason=f"imported from {batch.file_name}, line {row['line']}")
                .order_by("history_date").first())
            organization = Organization.objects.filter(pk=created.id).first() if created else None
        if organization is not None and organization.merged_into_id:
            organization = organization.merged_into
        if organization is not None and organization.archived_at is None and organization not in found:
            found.append(organization)
    return found


@transaction.atomic
def do_register_import(event: Event, batch: ImportBatch, *, venue: Venue, actor: Any) -> int:
    """Register every organisation of a committed delegation-list import at `venue`; those
    already registered are left as they are. All or nothing: capacity, deadline and status are
    checked for each, and a refusal names the organisation."""
    if batch.status != ImportBatch.Status.COMMITTED:
        raise ValidationError(_("Import “%(file)s” is not committed yet.") % {"file": batch.file_name})
    registered = set(event.registrations.filter(status=Registration.Status.REGISTERED)
                     .values_list("organization_id", flat=True))
    count = 0
    for organization in organizations_of_import(batch):
        if organization.pk in registered:
            continue
        try:
            do_register_organization(event, organization, actor=actor, venue=venue,
                                     delegates=[{"name": organization.display_name, "role": ""}])
        except ValidationError as exc:
            raise ValidationError(_("%(name)s: %(reason)s") % {"name": organization.display_name,
                                                                "reason": " ".join(exc.messages)}) from exc
        count += 1
    return count
