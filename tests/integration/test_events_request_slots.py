"""Per-request slot limits (“a morning-only meeting”): set by the recipient when accepting or by
an organiser, handed to the scheduler as the request's `slots`, kept by a move by hand."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.personas import client_for, make_user
from tradebridge.events import planning, services
from tradebridge.events.models import Event, Meeting, MeetingRequest
from tradebridge.events.scheduling.problem import parse_problem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

OPEN_EVENT = "demo-hanoi-vientiane-kunming-b2b-2027"
HYBRID = "laocai-export-conference-2021"


def test_the_recipient_accepts_for_morning_slots_only():
    event = Event.objects.get(slug=OPEN_EVENT)
    pending = MeetingRequest.objects.get(event=event, status="pending")
    member = make_user("spice.m", "enterprise_member", pending.recipient.organization.slug)
    client = client_for(member)
    page = client.get(reverse("events:my_requests", args=[OPEN_EVENT])).content.decode()
    assert 'data-testid="allowed-slots"' in page
    morning = list(event.slots.order_by("starts_at")[:2])
    response = client.post(reverse("events:request_answer", args=[OPEN_EVENT, pending.pk, "accept"]),
                           {"allowed_slots": [s.pk for s in morning]})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "accepted" and set(pending.allowed_slots.all()) == set(morning)
    problem = planning.build_problem(event)
    entry = next(r for r in problem["requests"] if r["a"] == planning.participant_id(pending.sender_id))
    assert entry["slots"] == [s.code for s in morning]
    assert parse_problem(problem).requests  # still a valid problem


def test_only_organisers_set_slots_and_foreign_slots_are_refused(vn_officer, cn_member, administrator):
    event = Event.objects.get(slug=OPEN_EVENT)
    accepted = MeetingRequest.objects.get(event=event, status="accepted")
    first = event.slots.order_by("starts_at").first()
    form = {"allowed_slots": [first.pk]}
    page = reverse("events:request_slots", args=[OPEN_EVENT, accepted.pk])
    assert client_for(cn_member).post(page, form).status_code == 403
    assert not accepted.allowed_slots.exists()
    assert client_for(vn_officer).post(page, form).status_code == 302
    assert list(accepted.allowed_slots.all()) == [first]
    other = Event.objects.get(slug=HYBRID).slots.first()
    with pytest.raises(ValidationError, match="Slots not of this event"):
        services.do_set_request_slots(accepted, [other], actor=administrator)
    assert list(accepted.allowed_slots.all()) == [first]


def test_moves_and_the_scheduler_keep_the_limit(administrator):
    event = Event.objects.get(slug=HYBRID)
    meeting = event.meetings.filter(locked=False).select_related("request", "slot").first()
    sides = [meeting.request.sender_id, meeting.request.recipient_id]
    busy = set(Meeting.objects.filter(event=event, request__sender_id__in=sides).values_list("slot_id", flat=True))
    busy |= set(Meeting.objects.filter(event=event, request__recipient_id__in=sides)
                .values_list("slot_id", flat=True))
    target, other = list(event.slots.exclude(pk__in=busy)[:2])
    services.do_set_request_slots(meeting.request, [target], actor=administrator)
    with pytest.raises(ValidationError, match="may only take slots"):
        planning.do_move_meeting(meeting, other, actor=administrator)
    result = planning.run_scheduler(event, time_limit=5)
    # Placed, it can only be in its one allowed slot (both sides are free there).
    assert Meeting.objects.get(request=meeting.request).slot == target
    assert result["placed"] == event.meetings.count()
