"""After publishing, both sides of a meeting hear when it is moved, dropped (cancelled request,
re-run that no longer places it) or added (re-run after a late acceptance), in the site's
default language when the account has chosen none."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.personas import make_user
from tradebridge.events import notifications, planning, services
from tradebridge.events.models import Event, Meeting
from tradebridge.events.scheduling.problem import Schedule

pytestmark = pytest.mark.django_db

HYBRID = "laocai-export-conference-2021"
DROPPED_SUBJECT = "[TradeBridge] Your meeting is cancelled"
ADDED_SUBJECT = "[TradeBridge] A meeting was added to your agenda"


def _subject(msgid: str, language: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def _with_members(meeting: Meeting) -> tuple[str, str]:
    """Give both sides of `meeting` a member with an e-mail address; returns the addresses."""
    addresses = []
    for side in (meeting.request.sender, meeting.request.recipient):
        email = f"{side.organization.slug}@example.invalid"
        make_user(f"m-{side.pk}", "enterprise_member", side.organization.slug, email=email)
        addresses.append(email)
    return addresses[0], addresses[1]


def _mailed(mailoutbox) -> set[str]:
    return {address for message in mailoutbox for address in message.to}


def test_cancelling_a_scheduled_request_mails_both_sides(mailoutbox, django_capture_on_commit_callbacks):
    event = Event.objects.get(slug=HYBRID)
    meeting = event.meetings.select_related("request__sender", "request__recipient").first()
    both = _with_members(meeting)
    with translation.override(event.primary_language):  # the e-mail's language
        partner_name = meeting.request.recipient.organization.display_name
    with django_capture_on_commit_callbacks(execute=True):
        services.do_cancel_request(meeting.request, actor=None)
    assert set(both) <= _mailed(mailoutbox)
    to_sender = next(m for m in mailoutbox if both[0] in m.to)
    assert to_sender.subject == _subject(DROPPED_SUBJECT, event.primary_language)
    assert partner_name in to_sender.body


def test_a_rerun_that_drops_then_adds_a_meeting_mails_both_sides(mailoutbox, django_capture_on_commit_callbacks):
    event = Event.objects.get(slug=HYBRID)
    meeting = event.meetings.filter(locked=False).select_related("request__sender", "request__recipient").first()
    both = _with_members(meeting)
    current = planning.current_meetings(event)
    pair = frozenset((planning.participant_id(meeting.request.sender_id),
                      planning.participant_id(meeting.request.recipient_id)))
    without = [m for m in current if m.pair != pair]
    with django_capture_on_commit_callbacks(execute=True):
        stored = planning.store_schedule(event, Schedule(meetings=without))
    assert stored["dropped"] == 1
    assert set(both) <= _mailed(mailoutbox)
    assert {m.subject for m in mailoutbox} == {_subject(DROPPED_SUBJECT, event.primary_language)}
    mailoutbox.clear()
    # The organisers put it back (as after a late acceptance and a re-run): both hear of it.
    with django_capture_on_commit_callbacks(execute=True):
        stored = planning.store_schedule(event, Schedule(meetings=current))
    assert stored["created"] == 1
    assert set(both) <= _mailed(mailoutbox)
    assert {m.subject for m in mailoutbox} == {_subject(ADDED_SUBJECT, event.primary_language)}


def test_before_publishing_no_one_is_mailed(mailoutbox, django_capture_on_commit_callbacks):
    event = Event.objects.get(slug=HYBRID)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CLOSED)
    meeting = event.meetings.select_related("request__sender", "request__recipient").first()
    _with_members(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.do_cancel_request(meeting.request, actor=None)
    assert mailoutbox == []


def test_each_reader_gets_its_own_language(mailoutbox):
    event = Event.objects.get(slug=HYBRID)
    Event.objects.filter(pk=event.pk).update(primary_language="lo")
    event.refresh_from_db()
    meeting = event.meetings.select_related("request__sender", "request__recipient", "slot").first()
    sender_address, _recipient_address = _with_members(meeting)
    # A reader who has chosen no language gets the site's default language, not the event's
    # (readers with a preferred language: tests/integration/test_user_language.py).
    assert sender_address in notifications.addresses_by_language(meeting.request.sender, event)["vi"]
    sent = notifications.notify_meeting_change(meeting, previous_start=None)
    assert sent == len(mailoutbox) >= 2
    assert {m.subject for m in mailoutbox} == {_subject("[TradeBridge] Your meeting has moved", "vi")}
