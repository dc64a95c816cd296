"""The scheduler hook: an event's accepted requests as the spec's problem, a run in the task
backend (immediate in tests), the schedule stored as meetings, locks and re-runs."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tradebridge.events import planning, runs, services
from tradebridge.events.models import Event, Meeting, MeetingRequest, ScheduleRun
from tradebridge.events.scheduling.problem import parse_problem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


HYBRID = "laocai-export-conference-2021"


def test_problem_of_the_hybrid_conference_follows_the_spec():
    event = Event.objects.get(slug=HYBRID)
    data = planning.build_problem(event)
    problem = parse_problem(data)
    # The main venue, the domestic bridge points (one venue: the source names none) and Hangzhou.
    assert {v.id: v.tz for v in problem.venues.values()} == {"laocai": "Asia/Ho_Chi_Minh",
                                                             "domestic": "Asia/Ho_Chi_Minh",
                                                             "hangzhou": "Asia/Shanghai"}
    assert len(problem.requests) == event.requests.filter(status="accepted").count()
    assert data["slots"][0]["start"] == "2021-01-19T01:00:00+00:00"


def test_an_impossible_setup_is_refused_with_its_reason(vn_officer):
    event = Event.objects.get(slug=HYBRID)
    count = event.schedule_runs.count()
    event.venues.filter(code="hangzhou").update(booths=0)
    with pytest.raises(ValidationError, match="杭州"):
        planning.build_problem(event)
    with pytest.raises(ValidationError):
        runs.do_start_schedule_run(event, actor=vn_officer)
    assert event.schedule_runs.count() == count


def test_organiser_runs_the_scheduler_and_reruns_after_a_cancellation(administrator):
    event = Event.objects.get(slug=HYBRID)
    client = Client()
    client.force_login(administrator)
    page = reverse("events:schedule", args=[HYBRID])
    assert client.post(reverse("events:schedule_run", args=[HYBRID]), {"time_limit": "5"}).status_code == 302
    run = event.schedule_runs.order_by("-pk").first()
    assert run.requested_by == administrator
    assert run.status == ScheduleRun.Status.DONE, run.message
    accepted = event.requests.filter(status="accepted").count()
    assert run.result["placed"] == run.result["objective"] == accepted == event.meetings.count()
    online = event.meetings.filter(mode=Meeting.Mode.ONLINE).first()
    assert sorted(online.venues.values_list("code", flat=True)) == ["hangzhou", "laocai"]
    grid = client.get(page).content.decode()
    assert 'data-testid="grid"' in grid and 'data-testid="run-result"' in grid
    # Lock one meeting, cancel another request, accept a late one: re-run keeps the lock.
    locked = event.meetings.order_by("pk").first()
    client.post(reverse("events:meeting_lock", args=[HYBRID, locked.pk]))
    slot_before = locked.slot_id
    cancelled = event.meetings.exclude(pk=locked.pk).first().request
    services.do_cancel_request(cancelled, actor=administrator)
    late = event.requests.get(status=MeetingRequest.Status.PENDING)
    services.do_accept_request(late, actor=administrator)
    result = planning.run_scheduler(event, time_limit=5)
    locked.refresh_from_db()
    assert locked.locked and locked.slot_id == slot_before
    assert Meeting.objects.filter(request=late).exists()
    assert not Meeting.objects.filter(request=cancelled).exists()
    assert result["placed"] == event.requests.filter(status="accepted").count()
    assert "moved" in result


def test_only_organisers_run_the_scheduler(cn_member, lao_officer):
    before = ScheduleRun.objects.count()
    for user in (cn_member, lao_officer):
        client = Client()
        client.force_login(user)
        assert client.post(reverse("events:schedule_run", args=[HYBRID])).status_code == 403
    assert ScheduleRun.objects.count() == before


def test_moving_a_meeting_by_hand_checks_conflicts(administrator, mailoutbox, django_capture_on_commit_callbacks):
    event = Event.objects.get(slug=HYBRID)
    silk = "demo-vn-hanoi-silk"
    meetings = list(event.meetings.filter(request__recipient__organization__slug=silk)
                    .select_related("slot", "request"))
    first, second = meetings[0], meetings[1]
    with pytest.raises(ValidationError, match="already has a meeting in slot"):
        planning.do_move_meeting(first, second.slot, actor=administrator)
    busy = set(event.meetings.filter(request__sender__in=[first.request.sender, first.request.recipient])
               .values_list("slot_id", flat=True)) | set(
        event.meetings.filter(request__recipient__in=[first.request.sender, first.request.recipient])
        .values_list("slot_id", flat=True))
    free = event.slots.exclude(pk__in=busy).first()
    first.request.sender.available_slots.set([first.slot])
    with pytest.raises(ValidationError, match="not available in slot"):
        planning.do_move_meeting(first, free, actor=administrator)
    first.request.sender.available_slots.clear()
    client = Client()
    client.force_login(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the e-mail subject is asserted in English
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:meeting_move", args=[HYBRID, first.pk]), {"slot": free.pk})
    first.refresh_from_db()
    # The schedule is published: both sides with an address hear of the move, in the event's
    # primary language (their accounts name none).
    with translation.override(event.primary_language):
        subject = translation.gettext("[TradeBridge] Your meeting has moved")
    assert mailoutbox and all(m.subject == subject for m in mailoutbox)
    assert first.slot == free
    assert first.history.first().history_change_reason == "moved by an organiser after publishing"
