"""The events API: the same rules and permissions as the pages, JSON errors with a message."""

import pytest

from tests.personas import client_for
from tradebridge.events.models import Event, MeetingRequest, Registration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


OPEN_EVENT = "demo-hanoi-vientiane-kunming-b2b-2027"


def test_public_list_and_event_with_venues_and_slots():
    events = client_for().get("/api/events").json()
    assert {"laocai-export-conference-2021", OPEN_EVENT} <= {e["slug"] for e in events}
    event = client_for().get("/api/events/laocai-export-conference-2021").json()
    assert {v["code"]: v["time_zone"] for v in event["venues"]}["hangzhou"] == "Asia/Shanghai"
    assert len(event["rooms"]) == 2 and event["slots"][0]["code"] == "s001"
    assert client_for().get("/api/events/nope").json()["message"]
    # The Chinese title's key is spelt as in the other APIs (it was "zh-hans").
    titles = client_for().get(f"/api/events/{OPEN_EVENT}").json()["titles"]
    assert set(titles) == {"vi", "lo", "zh_hans", "en"}


def test_requests_through_the_api(cn_member):
    client = client_for(cn_member)
    event = Event.objects.get(slug=OPEN_EVENT)
    partner = Registration.objects.get(event=event, organization__slug="demo-vn-hanoi-fertiliser")
    assert client_for().get(f"/api/events/{OPEN_EVENT}/requests").status_code == 401
    created = client.post(f"/api/events/{OPEN_EVENT}/requests", {"to": partner.pk, "message": "hi"},
                          content_type="application/json")
    assert created.status_code == 201 and created.json()["status"] == "pending"
    again = client.post(f"/api/events/{OPEN_EVENT}/requests", {"to": partner.pk}, content_type="application/json")
    assert again.status_code == 422 and "already a meeting request" in again.json()["message"]
    assert client.post(f"/api/events/{OPEN_EVENT}/requests/{created.json()['id']}/accept").status_code == 403
    assert client.post(f"/api/events/{OPEN_EVENT}/requests/{created.json()['id']}/cancel").json()["status"] \
        == MeetingRequest.Status.CANCELLED
    mine = client.get(f"/api/events/{OPEN_EVENT}/requests").json()
    assert all("demo-zhejiang-textiles" in (r["sender"], r["recipient"]) for r in mine)


def test_problem_file_for_organisers_only(administrator, cn_member):
    url = "/api/events/laocai-export-conference-2021/problem"
    assert client_for(cn_member).get(url).status_code == 403
    problem = client_for(administrator).get(url).json()
    assert problem["format"] == "tradebridge.schedule-problem/1" and problem["requests"]


def test_agenda_through_the_api(cn_member):
    entries = client_for(cn_member).get("/api/events/laocai-export-conference-2021/agenda").json()
    assert entries and entries[0]["start"].endswith("+08:00") and entries[0]["partner_local_start"].endswith("+07:00")
