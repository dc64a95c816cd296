"""A participant cancels its own registration from the pages: its requests are withdrawn, its
meetings released, and after publishing the other sides are told."""

import pytest
from django.urls import reverse

from tests.personas import client_for, make_user
from tradebridge.events import services
from tradebridge.events.models import Event, Meeting, MeetingRequest, Registration

pytestmark = pytest.mark.django_db

OPEN_EVENT = "demo-hanoi-vientiane-kunming-b2b-2027"
HYBRID = "laocai-export-conference-2021"


def test_a_member_cancels_its_registration_and_its_requests_are_withdrawn(cn_member):
    event = Event.objects.get(slug=OPEN_EVENT)
    own = Registration.objects.get(event=event, organization=cn_member.organization)
    spice = Registration.objects.get(event=event, organization__slug="demo-vn-hanoi-spice")
    services.do_send_meeting_request(own, spice, actor=cn_member, message="silk")
    client = client_for(cn_member)
    assert 'data-testid="cancel-registration"' in client.get(reverse("events:register", args=[OPEN_EVENT])) \
        .content.decode()
    assert client.get(reverse("events:registration_cancel", args=[OPEN_EVENT])).status_code == 405
    response = client.post(reverse("events:registration_cancel", args=[OPEN_EVENT]), follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    own.refresh_from_db()
    assert own.status == Registration.Status.CANCELLED
    either = MeetingRequest.objects.filter(event=event, sender=own) | MeetingRequest.objects.filter(
        event=event, recipient=own)
    assert either.exists() and not either.filter(status__in=MeetingRequest.OPEN_STATUSES).exists()
    # Now not registered: a second cancel is refused, and so is anyone else's.
    assert client.post(reverse("events:registration_cancel", args=[OPEN_EVENT])).status_code == 403


def test_a_visitor_cannot_cancel_anything(outsider):
    assert client_for(outsider).post(reverse("events:registration_cancel", args=[OPEN_EVENT])).status_code == 403


def test_cancelling_after_publishing_releases_meetings_and_tells_partners(mailoutbox,
                                                                          django_capture_on_commit_callbacks):
    event = Event.objects.get(slug=HYBRID)
    meeting = event.meetings.select_related("request__sender__organization",
                                            "request__recipient__organization").first()
    leaving, partner = meeting.request.sender, meeting.request.recipient
    member = make_user("leaving", "enterprise_member", leaving.organization.slug)
    make_user("partner", "enterprise_member", partner.organization.slug, email="partner@example.invalid")
    count = Meeting.objects.filter(request__sender=leaving).count() + Meeting.objects.filter(
        request__recipient=leaving).count()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(member).post(reverse("events:registration_cancel", args=[HYBRID]))
    assert not Meeting.objects.filter(request__sender=leaving).exists()
    assert not Meeting.objects.filter(request__recipient=leaving).exists()
    assert count >= 1 and any("partner@example.invalid" in m.to for m in mailoutbox)
