"""The scheduler page for organisers: slots as local times (the zone named), the grid swapped in
when a run ends, organisers' words for the run's figures, and publishing with a button that says
what participants will receive; publishing mails each participant its agenda in its language."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.personas import client_for, make_user
from tradebridge.events import planning, publishing, queries, runs, services
from tradebridge.events.models import Event, Meeting, ScheduleRun

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

HYBRID = "laocai-export-conference-2021"


def _event() -> Event:
    return Event.objects.get(slug=HYBRID)


def test_the_grid_and_the_move_list_show_local_times_not_codes(administrator):
    event = _event()
    page = client_for(administrator).get(reverse("events:schedule", args=[HYBRID])).content.decode()
    first = event.slots.first()
    # 2021-01-19 01:00 UTC is 08:00 in Lào Cai (the main venue).
    assert planning.slot_label(first, planning.event_zone(event)) == "2021-01-19 08:00–08:20"
    assert "08:00–08:20" in page and "Asia/Ho_Chi_Minh" in page
    assert f">{first.code}<" not in page


def test_a_finished_run_swaps_the_grid_in(administrator):
    event = _event()
    run = ScheduleRun.objects.create(event=event, status=ScheduleRun.Status.DONE, progress=1.0,
                                     result={"placed": 3, "requests": 4, "bound": 3, "breaks": 0,
                                             "objective": 3, "moved": 0, "seconds": 1})
    client = client_for(administrator)
    url = reverse("events:schedule", args=[HYBRID]) + "?part=run"
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'id="schedule-grid" hx-swap-oob="true"' in fragment
    assert "3 of 4 accepted requests (at most 3 possible)" in fragment
    assert "Objective" not in fragment and "bound" not in fragment
    # While it runs, only the progress is sent, in organisers' words.
    ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRun.Status.RUNNING,
                                                 message="warm start: 12 (bound 15)")
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "schedule-grid" not in fragment and 'hx-trigger="every 1s"' in fragment
    assert "First schedule: 12 meetings placed, at most 15 possible." in fragment


def test_publishing_shows_a_summary_and_mails_each_participant_its_agenda(
        administrator, mailoutbox, django_capture_on_commit_callbacks):
    event = _event()
    Event.objects.filter(pk=event.pk).update(primary_language="lo")
    event.refresh_from_db()
    services.do_set_event_status(event, Event.Status.CLOSED, actor=administrator)
    meeting = event.meetings.select_related("request__sender__organization", "slot").first()
    sender = meeting.request.sender
    make_user("zh-reader", "enterprise_member", sender.organization.slug, email="zh@example.invalid",
              language="zh-hans", time_zone="Asia/Shanghai")
    summary = publishing.publication_summary(event)
    assert summary.meetings == event.meetings.count() and summary.last_published is None
    assert summary.participants == len(publishing.participants_with_meetings(event)) > 0
    client = client_for(administrator)
    page = client.get(reverse("events:schedule", args=[HYBRID])).content.decode()
    assert f"participants who receive their agenda by e-mail: {summary.participants}" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:schedule_publish", args=[HYBRID]))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    mine = [m for m in mailoutbox if "zh@example.invalid" in m.to]
    assert len(mine) == 1
    with translation.override("zh-hans"):
        assert "Asia/Shanghai" in mine[0].body
        # In the reader's zone: 01:00 UTC is 09:00 in Shanghai.
        assert meeting.slot.starts_at.astimezone(planning.event_zone(event)).hour + 1 == 9
        assert "09:00" in mine[0].body
    assert mine[0].subject.startswith("[TradeBridge] 您在“")  # in the reader's language
    # Every participant with a meeting is written to (members, else the contact address).
    assert len({a for m in mailoutbox for a in m.to}) >= summary.participants
    # A later change shows in the summary as a change since the last publication.
    other = event.meetings.exclude(pk=meeting.pk).first()
    Meeting.objects.filter(pk=other.pk).delete()
    again = publishing.publication_summary(event)
    assert again.last_published is not None and again.dropped == 1


def test_a_finished_run_names_the_unplaced_requests_and_says_why(administrator):
    """Not "r12 – r15: no common free slot": the organisations, and a sentence in the reader's
    language; the counts above the grid and the publication summary are swapped in with it."""
    event = _event()
    first, second = event.registrations.select_related("organization", "venue")[:2]
    ids = f"r{first.pk}", f"r{second.pk}"
    venue = first.venue
    ScheduleRun.objects.create(event=event, status=ScheduleRun.Status.DONE, progress=1.0, result={
        "placed": 0, "requests": 3, "bound": 1, "breaks": 0, "objective": 0, "moved": 0, "seconds": 1,
        "unscheduled": [{"a": ids[0], "b": ids[1], "reason": "no common free slot"},
                        {"a": ids[1], "b": ids[0], "reason": f"{ids[0]} already has its maximum of 2 meetings"},
                        {"a": ids[0], "b": ids[1], "reason": f"{venue.code} has no booths"}]})
    url = reverse("events:schedule", args=[HYBRID]) + "?part=run"
    fragment = client_for(administrator).get(url, headers={"HX-Request": "true"}).content.decode()
    unplaced = fragment.split('data-testid="unplaced"')[1].split("</ul>")[0]
    a, b = first.organization.display_name, second.organization.display_name
    assert f"{a} ↔ {b}" in unplaced and f"{b} ↔ {a}" in unplaced
    assert "The two are never free at the same time." in unplaced
    assert f"{a} already has its maximum of 2 meetings." in unplaced
    assert f"{venue.name} has no booths for online meetings." in unplaced
    assert ids[0] not in unplaced and "common free slot" not in unplaced
    stats = queries.event_stats(event)
    assert (f'id="schedule-stats" data-testid="schedule-stats" hx-swap-oob="true">Accepted requests: '
            f'{stats["accepted"]} · meetings scheduled: {stats["meetings"]}') in fragment
    assert 'id="publish-summary-box" hx-swap-oob="true"' in fragment
    # In Lao: the reason is translated, the names are the organisations' Lao names where they have one.
    lao = client_for(administrator, "lo").get(url, headers={"HX-Request": "true"}).content.decode()
    with translation.override("lo"):
        assert runs.reason_text("no common free slot") in lao
        assert runs.reason_text("no common free slot") != "The two are never free at the same time."
        assert f"{first.organization.display_name} ↔ {second.organization.display_name}" in lao
