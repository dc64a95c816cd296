"""On the day and after: check-in, held or no-show meetings, each side's feedback, and the
event's outcome figures (by country pair, venue and sector room) with a chart and an Excel file."""

from __future__ import annotations

from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.core.history import stamp_history
from tradebridge.core.i18n import translated_note
from tradebridge.core.spreadsheets import workbook_bytes
from tradebridge.events.models import Event, Meeting, MeetingFeedback, MeetingRequest, Registration


@transaction.atomic
def do_check_in(registration: Registration, *, actor: Any, undo: bool = False) -> Registration:
    registration.checked_in_at = None if undo else timezone.now()
    stamp_history(registration, actor, "check-in undone" if undo else "checked in")
    registration.save(update_fields=["checked_in_at", "updated_at"])
    return registration


@transaction.atomic
def do_mark_attendance(meeting: Meeting, attendance: str, *, actor: Any) -> Meeting:
    if attendance not in Meeting.Attendance.values:
        raise ValidationError({"attendance": _("Unknown attendance %(value)s.") % {"value": attendance}})
    meeting.attendance = attendance
    stamp_history(meeting, actor, f"attendance {attendance}")
    meeting.save(update_fields=["attendance", "updated_at"])
    return meeting


def feedback_open(meeting: Meeting) -> bool:
    """A meeting can be rated once it has taken place: after its slot ends."""
    return meeting.slot.ends_at <= timezone.now()


@transaction.atomic
def do_give_feedback(meeting: Meeting, registration: Registration, *, actor: Any, outcome: str,
                     comment: str = "", is_illustrative: bool = False) -> MeetingFeedback:
    """One side's word on a meeting it took part in (given again, it replaces the first)."""
    if registration.pk not in (meeting.request.sender_id, meeting.request.recipient_id):
        raise ValidationError(_("%(name)s did not take part in this meeting.")
                              % {"name": registration.organization.display_name})
    if outcome not in MeetingFeedback.Outcome.values:
        raise ValidationError({"outcome": _("Unknown outcome %(value)s.") % {"value": outcome}})
    if not feedback_open(meeting):
        raise ValidationError(_("Feedback opens when the meeting's time slot has ended."))
    feedback = MeetingFeedback.objects.filter(meeting=meeting, registration=registration).first() \
        or MeetingFeedback(meeting=meeting, registration=registration)
    feedback.outcome, feedback.comment = outcome, comment.strip()[:2000]
    feedback.is_illustrative = is_illustrative
    stamp_history(feedback, actor, "feedback")
    feedback.save()
    return feedback


def outcome_figures(event: Event) -> dict:
    """Requests, acceptance, meetings scheduled and held, feedback, by country pair, venue and
    sector room."""
    requests = list(event.requests.select_related("sender__organization__country",
                                                  "recipient__organization__country"))
    answered = [r for r in requests
                if r.status in (MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.DECLINED)]
    accepted = [r for r in requests if r.status == MeetingRequest.Status.ACCEPTED]
    meetings = list(event.meetings.select_related("request__sender__organization__country",
                                                  "request__recipient__organization__country",
                                                  "request__sender__room").prefetch_related("venues"))
    by_pair: Counter = Counter()
    by_venue: Counter = Counter()
    by_room: Counter = Counter()
    for meeting in meetings:
        countries = sorted((meeting.request.sender.organization.country.name,
                            meeting.request.recipient.organization.country.name))
        by_pair[" – ".join(countries)] += 1
        for venue in meeting.venues.all():
            by_venue[venue.name] += 1
        room = meeting.request.sender.room
        by_room[room_label(room)] += 1
    feedback = Counter(event_feedback.outcome for event_feedback in
                       MeetingFeedback.objects.filter(meeting__event=event))
    return {
        "requests": len(requests), "accepted": len(accepted), "answered": len(answered),
        "acceptance_rate": round(100 * len(accepted) / len(answered)) if answered else None,
        "scheduled": len(meetings),
        "held": sum(1 for m in meetings if m.attendance == Meeting.Attendance.HELD),
        "no_show": sum(1 for m in meetings if m.attendance == Meeting.Attendance.NO_SHOW),
        "illustrative": event.is_illustrative or any(r.is_illustrative for r in requests),
        "participants": event.registrations.filter(status=Registration.Status.REGISTERED).count(),
        "checked_in": event.registrations.filter(checked_in_at__isnull=False).count(),
        "by_pair": sorted(by_pair.items()), "by_venue": sorted(by_venue.items()),
        "by_room": sorted(by_room.items()),
        "feedback": [(str(label), feedback.get(value, 0))
                     for value, label in MeetingFeedback.Outcome.choices],
    }


def room_label(room) -> str:
    """A sector room's name, labelled when the name is not from the source."""
    if room is None:
        return _("No sector room")
    return f"{room.name} ({_('illustrative name')})" if room.is_illustrative else room.name


def outcome_chart(figures: dict) -> str:
    """Meetings by country pair and feedback outcomes, as an HTML fragment drawn after the page
    shows (core.charts)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from tradebridge.core.charts import figure_html

    figure = make_subplots(rows=1, cols=2, subplot_titles=(_("Meetings by country pair"), _("Feedback")))
    figure.add_trace(go.Bar(x=[k for k, _n in figures["by_pair"]], y=[n for _k, n in figures["by_pair"]],
                            name=_("Meetings")), row=1, col=1)
    figure.add_trace(go.Bar(x=[k for k, _n in figures["feedback"]], y=[n for _k, n in figures["feedback"]],
                            name=_("Feedback")), row=1, col=2)
    figure.update_layout(showlegend=False, height=360, margin={"l": 40, "r": 20, "t": 40, "b": 80})
    return figure_html(figure, "outcome-chart")


def sheet_title(text: str) -> str:
    """A translated sheet name as Excel accepts it: at most 31 characters, none of []:*?/\\."""
    return "".join(c for c in str(text) if c not in "[]:*?/\\")[:31].strip() or "sheet"


def outcome_workbook(event: Event, figures: dict) -> bytes:
    """The figures and every meeting as an Excel workbook, sheet names and headers in the
    current language."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(_("Summary"))
    sheet.append([event.title])
    if event.illustrative_note:
        sheet.append([_("Illustrative"), translated_note(event.illustrative_note)])
    for label, key in ((_("Meeting requests"), "requests"), (_("Accepted"), "accepted"),
                       (_("Acceptance rate (%)"), "acceptance_rate"), (_("Meetings scheduled"), "scheduled"),
                       (_("Meetings held"), "held"), (_("No-show"), "no_show"),
                       (_("Participants"), "participants"), (_("Checked in"), "checked_in")):
        sheet.append([label, figures[key]])
    for title, key in ((_("By country pair"), "by_pair"), (_("By venue"), "by_venue"),
                       (_("By sector room"), "by_room"), (_("Feedback"), "feedback")):
        part = book.create_sheet(sheet_title(title))
        part.append([_("Group"), _("Count")])
        for row in figures[key]:
            part.append(list(row))
    rows = book.create_sheet(sheet_title(_("Meetings")))
    # Local times of the event (its main venue's zone), the zone named in the header.
    venue = event.main_venue
    zone = venue.zone if venue else ZoneInfo("UTC")
    rows.append([_("Slot"), f"{_('Time')} ({zone.key})", _("From"), _("To"), _("Mode"), _("Attendance"),
                 _("Illustrative")])
    for meeting in event.meetings.select_related("slot", "request__sender__organization",
                                                 "request__recipient__organization"):
        rows.append([meeting.slot.code, meeting.slot.starts_at.astimezone(zone).replace(tzinfo=None),
                     meeting.request.sender.organization.display_name,
                     meeting.request.recipient.organization.display_name, meeting.get_mode_display(),
                     meeting.get_attendance_display(), meeting.request.is_illustrative])
    return workbook_bytes(book)
