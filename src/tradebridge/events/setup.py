"""Organisers' changes to an event's set-up once added: edit or archive a venue, a sector room
or a meeting day. Archiving keeps the row and its history; it is refused, naming what depends,
while participants or meetings rely on the item."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tradebridge.core.history import stamp_history
from tradebridge.core.i18n import join_list
from tradebridge.events.models import Meeting, MeetingDay, Registration, SectorRoom, Slot, Venue
from tradebridge.events.services import day_slot_times, parse_pauses

VENUE_FIELDS = ("name", "is_main", "country", "province", "time_zone", "tables", "booths")
ROOM_FIELDS = ("name", "online_link", "hs_chapters")
DAY_FIELDS = ("date", "start_time", "end_time", "slot_minutes", "pauses")
NAMED = 3  # how many dependants a refusal names before "…"


def _names(names: list[str]) -> str:
    return join_list([*names[:NAMED], *(["…"] if len(names) > NAMED else [])])


def _meeting_names(meetings) -> list[str]:
    return [f"{m.request.sender.organization.display_name} – {m.request.recipient.organization.display_name}"
            f" ({m.slot.code})" for m in meetings.select_related(
                "slot", "request__sender__organization", "request__recipient__organization")]


def _save_changes(obj: Any, fields: tuple[str, ...], changes: dict[str, Any], actor: Any) -> list[str]:
    changed = [f for f in fields if f in changes and getattr(obj, f) != changes[f]]
    for field in changed:
        setattr(obj, field, changes[field])
    obj.full_clean()
    if changed:
        stamp_history(obj, actor, "edited " + ", ".join(changed))
        obj.save(update_fields=changed)
    return changed


# Venues ---------------------------------------------------------------------------------------

def venue_dependants(venue: Venue) -> list[str]:
    """What keeps `venue` from being archived: participants registered there, meetings there."""
    found = []
    registered = [r.organization.display_name for r in venue.registrations.filter(
        status=Registration.Status.REGISTERED).select_related("organization")]
    if registered:
        found.append(_("participants registered there: %(names)s") % {"names": _names(registered)})
    meetings = _meeting_names(venue.meetings.all())
    if meetings:
        found.append(_("meetings there: %(names)s") % {"names": _names(meetings)})
    return found


@transaction.atomic
def do_update_venue(venue: Venue, changes: dict[str, Any], *, actor: Any) -> list[str]:
    """Edit a venue; fewer tables or booths than its meetings already use in a slot is refused."""
    venue = Venue.objects.active().select_for_update().get(pk=venue.pk)
    if (changes.get("is_main") and not venue.is_main
            and venue.event.venues.active().filter(is_main=True).exists()):
        raise ValidationError({"is_main": _("This event already has a main venue.")})
    for field, mode in (("tables", Meeting.Mode.TABLE), ("booths", Meeting.Mode.ONLINE)):
        if field not in changes:
            continue
        busiest = {}
        for slot_code in venue.meetings.filter(mode=mode).values_list("slot__code", flat=True):
            busiest[slot_code] = busiest.get(slot_code, 0) + 1
        over = sorted(code for code, used in busiest.items() if used > changes[field])
        if over:
            raise ValidationError({field: _("Venue “%(venue)s” already has more meetings than that in slot "
                                            "%(slot)s: move them first.")
                                   % {"venue": venue.name, "slot": over[0]}})
    return _save_changes(venue, VENUE_FIELDS, changes, actor)


@transaction.atomic
def do_archive_venue(venue: Venue, *, actor: Any) -> Venue:
    venue = Venue.objects.active().select_for_update().get(pk=venue.pk)
    dependants = venue_dependants(venue)
    if dependants:
        raise ValidationError(_("Venue “%(venue)s” cannot be archived; it still has %(what)s.")
                              % {"venue": venue.name, "what": "; ".join(dependants)})
    # Free its code and the main-venue place for a replacement.
    venue.code = f"{venue.code[:20]}-archived-{venue.pk}"
    venue.is_main = False
    venue.mark_archived()
    stamp_history(venue, actor, "archived")
    venue.save(update_fields=["code", "is_main", "archived_at"])
    return venue


# Sector rooms ---------------------------------------------------------------------------------

@transaction.atomic
def do_update_sector_room(room: SectorRoom, changes: dict[str, Any], *, actor: Any) -> list[str]:
    room = SectorRoom.objects.active().select_for_update().get(pk=room.pk)
    changes = dict(changes)
    sectors = changes.pop("sectors", None)
    changed = _save_changes(room, ROOM_FIELDS, changes, actor)
    if sectors is not None and set(room.sectors.all()) != set(sectors):
        room.sectors.set(list(sectors))
        changed.append("sectors")
    return changed


@transaction.atomic
def do_archive_sector_room(room: SectorRoom, *, actor: Any) -> SectorRoom:
    registered = [r.organization.display_name for r in room.registrations.filter(
        status=Registration.Status.REGISTERED).select_related("organization")]
    if registered:
        raise ValidationError(_("Room “%(room)s” cannot be archived; participants chose it: %(names)s.")
                              % {"room": room.name, "names": _names(registered)})
    room.mark_archived()
    stamp_history(room, actor, "archived")
    room.save(update_fields=["archived_at"])
    return room


# Meeting days ---------------------------------------------------------------------------------

def _refuse_if_meetings(day: MeetingDay, message: str) -> None:
    meetings = _meeting_names(Meeting.objects.filter(slot__day=day))
    if meetings:
        raise ValidationError(message % {"day": str(day), "names": _names(meetings)})


def _replace_day_slots(day: MeetingDay) -> int:
    """Give `day` fresh slots (codes continue the event's numbering); returns how many."""
    day.slots.all().delete()
    main = day.event.main_venue
    if main is None:
        return 0
    numbers = [int(code[1:]) for code in day.event.slots.values_list("code", flat=True)
               if code[1:].isdigit()]
    start = max(numbers, default=0) + 1
    slots = [Slot(event=day.event, day=day, code=f"s{start + i:03d}", starts_at=begin, ends_at=end)
             for i, (begin, end) in enumerate(day_slot_times(day, main.zone))]
    Slot.objects.bulk_create(slots)
    return len(slots)


@transaction.atomic
def do_update_meeting_day(day: MeetingDay, changes: dict[str, Any], *, actor: Any) -> list[str]:
    """Edit a meeting day; its slots are made again (refused once meetings sit in them)."""
    day = MeetingDay.objects.active().select_for_update().get(pk=day.pk)
    start, end = changes.get("start_time", day.start_time), changes.get("end_time", day.end_time)
    if end <= start:
        raise ValidationError({"end_time": _("The day's meetings end before they start.")})
    parse_pauses(changes.get("pauses", day.pauses))
    _refuse_if_meetings(day, _("Meeting day %(day)s cannot change: meetings sit in its slots (%(names)s). "
                               "Move or cancel them first."))
    had_slots = day.slots.exists()
    changed = _save_changes(day, DAY_FIELDS, changes, actor)
    if changed and had_slots:
        _replace_day_slots(day)
    return changed


@transaction.atomic
def do_archive_meeting_day(day: MeetingDay, *, actor: Any) -> MeetingDay:
    """Archive a meeting day and remove its (empty) slots; refused while meetings sit in them."""
    day = MeetingDay.objects.active().select_for_update().get(pk=day.pk)
    _refuse_if_meetings(day, _("Meeting day %(day)s cannot be archived: meetings sit in its slots "
                               "(%(names)s). Move or cancel them first."))
    day.slots.all().delete()
    day.mark_archived()
    stamp_history(day, actor, "archived")
    day.save(update_fields=["archived_at"])
    return day

