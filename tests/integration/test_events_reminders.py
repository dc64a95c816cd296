"""Reminders for unanswered meeting requests: one e-mail per recipient, not repeated too often."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.personas import make_user
from tradebridge.events.models import Event, MeetingRequest
from tradebridge.events.reminders import do_send_request_reminders
from tradebridge.registry.models import Organization

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


OPEN_EVENT = "demo-hanoi-vientiane-kunming-b2b-2027"


def test_pending_requests_are_reminded_once_per_interval(mailoutbox):
    event = Event.objects.get(slug=OPEN_EVENT)
    member = make_user("spice.member", "enterprise_member", "demo-vn-hanoi-spice", email="spice@example.invalid",
                       language="en")  # reads the reminder in English
    assert do_send_request_reminders(event) == 0  # the demo requests are fresh
    later = timezone.now() + timedelta(days=3)
    assert do_send_request_reminders(event, now=later) == 1
    sender = Organization.objects.get(slug="demo-cn-kunming-herbs")
    assert mailoutbox[0].to == [member.email] and sender.display_name in mailoutbox[0].body
    assert do_send_request_reminders(event, now=later + timedelta(hours=1)) == 0
    assert MeetingRequest.objects.filter(event=event, reminded_at=later).count() == 1


def test_reminder_command(mailoutbox, capsys):
    MeetingRequest.objects.filter(status="pending").update(created_at=timezone.now() - timedelta(days=5))
    call_command("remind_pending_requests", "--days", "2")
    assert "reminders sent:" in capsys.readouterr().out
