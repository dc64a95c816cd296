"""Obstacles through the test client and the API: the whole lifecycle (report with a document,
triage, assignment to an agency of either side, the talks' agenda, answer, resolution) with its
timeline and the reporter's e-mails, deadline reminders as a scheduled job, the public
anonymised list and its figures, the demo, and every role that must be refused; bad input
changes nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.factories.registry import org
from tests.personas import client_for, make_user
from tradebridge.accounts.models import Role
from tradebridge.border import obstacles as services
from tradebridge.border.models import Gate, Obstacle, ObstacleDocument, ObstacleStatusChange
from tradebridge.border.obstacle_reminders import do_send_obstacle_reminders
from tradebridge.events.models import Event
from tradebridge.geo.models import Zone
from tradebridge.jobs.definitions import job_named

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
JSON = "application/json"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
TALKS = "laocai-honghe-talks-2024"


@pytest.fixture
def gate(db) -> Gate:
    gate, _created = Gate.objects.get_or_create(zone=Zone.objects.get(code="bg-laocai-hekou"),
                                                defaults={"level": Gate.Level.INTERNATIONAL})
    return gate


@pytest.fixture
def reporter(cn_member):
    cn_member.email = "wang@zhejiang.example"
    cn_member.language = "zh-hans"
    cn_member.save(update_fields=["email", "language"])
    return cn_member


@pytest.fixture
def other_member(db):
    return make_user("forwarder.vn", Role.ENTERPRISE_MEMBER, "demo-vn-laocai-logistics")


@pytest.fixture
def honghe_officer(db):
    return make_user("he.cn", Role.AGENCY_STAFF, "honghe-commerce", email="he@honghe.example",
                     time_zone="Asia/Shanghai")


def _report(user, gate, **extra) -> Obstacle:
    values = {"kind": "quarantine", "title": "Dragon fruit waits two days for inspection",
              "description": "Trucks of dragon fruit wait two days at Hekou.", "gate": gate, "hs_code": "081090"}
    values.update(extra)
    return services.do_report_obstacle(user, **values)


def _snapshot(obstacle: Obstacle) -> tuple:
    obstacle.refresh_from_db()
    return (obstacle.status, obstacle.assigned_to_id, obstacle.response_due, obstacle.talks_id, obstacle.answer,
            obstacle.is_public, obstacle.status_changes.count(), obstacle.history.count())


# --- the lifecycle -----------------------------------------------------------------------------


def test_the_whole_lifecycle_through_the_pages(reporter, vn_officer, gate, django_capture_on_commit_callbacks):
    member = client_for(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(reverse("border:obstacle_report"), {
            "gate": gate.zone.code, "kind": "quarantine", "hs_code": "0810.90",
            "title": "Dragon fruit waits two days for inspection",
            "description": "Trucks of dragon fruit wait two days at Hekou.",
            "documents": [SimpleUploadedFile("certificate.pdf", PDF, content_type="application/pdf")]})
    assert response.status_code == 302
    obstacle = Obstacle.objects.get(title="Dragon fruit waits two days for inspection")
    assert (obstacle.organization, obstacle.hs_code, obstacle.status) == (reporter.organization, "081090", "reported")
    assert obstacle.documents.get().name == "certificate.pdf"
    assert obstacle in member.get(reverse("border:obstacles_mine")).context["obstacles"]
    # The reporter reads in Chinese.
    assert mail.outbox[-1].to == ["wang@zhejiang.example"] and f"#{obstacle.pk}" in mail.outbox[-1].subject
    assert "Obstacle" not in mail.outbox[-1].subject  # in Chinese

    staff = client_for(vn_officer)
    assert obstacle in staff.get(reverse("border:obstacle_queue")).context["obstacles"]
    url = reverse("border:obstacle_action", args=[obstacle.pk, "triage"])
    talks = Event.objects.get(slug=TALKS)
    due = timezone.localdate() + dt.timedelta(days=10)
    steps = [
        ("triage", {"triage-decision": "accept", "triage-is_public": "on", "triage-note": "Fits the protocol."}),
        ("assign", {"assign-agency": "honghe-commerce", "assign-response_due": due.isoformat()}),
        ("agenda", {"agenda-talks": TALKS, "agenda-note": "For the periodic talks."}),
        ("answer", {"answer-answer": "Extra inspection shifts in the peak season."}),
        ("resolve", {"resolve-resolution": "Waiting fell under one day."}),
    ]
    for action, data in steps:
        url = reverse("border:obstacle_action", args=[obstacle.pk, action])
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert staff.post(url, data).status_code == 302, action
        assert [m.to for m in mail.outbox] == [["wang@zhejiang.example"]], action
    obstacle.refresh_from_db()
    assert obstacle.status == "resolved" and obstacle.assigned_to == org("honghe-commerce")
    assert obstacle.talks == talks and obstacle.response_due == due and obstacle.resolved_at is not None
    timeline = list(obstacle.status_changes.values_list("new_status", flat=True))
    assert timeline == ["reported", "triaged", "assigned", "on_agenda", "answered", "resolved"]
    assert obstacle.status_changes.get(new_status="on_agenda").actor == vn_officer
    assert obstacle.history.count() == 6  # the report and five steps
    page = member.get(reverse("border:obstacle", args=[obstacle.pk])).content.decode()
    assert "Waiting fell under one day." in page and "For the periodic talks." in page
    agenda = client_for().get(reverse("border:talks", args=[TALKS])).content.decode()
    assert "Dragon fruit waits two days" in agenda
    assert talks.title in client_for().get(reverse("border:obstacle", args=[obstacle.pk])).content.decode()


def test_the_whole_lifecycle_through_the_api(reporter, vn_officer, gate):
    member = client_for(reporter)
    created = member.post("/api/border/obstacles", json.dumps({
        "gate": gate.zone.code, "kind": "payment", "title": "Payments take five days",
        "description": "Transfers in CNY go through a third party."}), content_type=JSON)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    staff = client_for(vn_officer)
    due = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    for action, body in [("triage", {"accept": True, "is_public": True}),
                         ("assign", {"agency": "laocai-doit", "response_due": due}),
                         ("agenda", {"talks": TALKS}), ("answer", {"answer": "Banks will settle directly."}),
                         ("resolve", {"resolution": "Direct settlement opened."})]:
        response = staff.post(f"/api/border/obstacles/{pk}/{action}", json.dumps(body), content_type=JSON)
        assert response.status_code == 200, (action, response.content)
    data = staff.get(f"/api/border/obstacles/{pk}").json()
    assert data["status"] == "resolved" and data["assigned_to_slug"] == "laocai-doit" and data["talks"] == TALKS
    assert [step["to"] for step in data["timeline"]] == [
        "reported", "triaged", "assigned", "on_agenda", "answered", "resolved"]
    public = client_for().get(f"/api/border/obstacles/{pk}").json()
    assert public["full"] is False and "reported_by" not in public and "organization" not in public


# --- refusals ----------------------------------------------------------------------------------


def test_a_visitor_cannot_report(outsider, gate):
    anonymous = client_for()
    assert anonymous.get(reverse("border:obstacle_report")).status_code == 302
    body = json.dumps({"kind": "other", "title": "t", "description": "d"})
    assert anonymous.post("/api/border/obstacles", body, content_type=JSON).status_code == 401
    client = client_for(outsider)
    assert client.get(reverse("border:obstacle_report")).status_code == 403
    assert client.post(reverse("border:obstacle_report"), {"kind": "other", "title": "t",
                                                          "description": "d"}).status_code == 403
    assert client.post("/api/border/obstacles", body, content_type=JSON).status_code == 403
    assert not Obstacle.objects.filter(reported_by=outsider).exists()


def test_an_enterprise_cannot_triage_even_its_own_obstacle(reporter, gate):
    obstacle = _report(reporter, gate)
    before = _snapshot(obstacle)
    client = client_for(reporter)
    assert client.post(reverse("border:obstacle_action", args=[obstacle.pk, "triage"]),
                       {"triage-decision": "accept"}).status_code == 403
    assert client.post(f"/api/border/obstacles/{obstacle.pk}/triage", json.dumps({"accept": True}),
                       content_type=JSON).status_code == 403
    assert client.get(reverse("border:obstacle_queue")).status_code == 403
    assert _snapshot(obstacle) == before


def test_an_enterprise_cannot_see_anothers_unpublished_obstacle(reporter, other_member, gate, vn_officer):
    obstacle = _report(reporter, gate)
    client = client_for(other_member)
    assert client.get(reverse("border:obstacle", args=[obstacle.pk])).status_code == 404
    assert client.get(f"/api/border/obstacles/{obstacle.pk}").status_code == 404
    assert all(o["id"] != obstacle.pk for o in client.get("/api/border/obstacles").json())
    assert client.post(reverse("border:obstacle_action", args=[obstacle.pk, "triage"]),
                       {"triage-decision": "accept"}).status_code == 404
    assert client.get(reverse("border:obstacle_document", args=[obstacle.pk, 1])).status_code == 404
    assert client_for().get(reverse("border:obstacle", args=[obstacle.pk])).status_code == 404
    # Once staff make it public, others read it anonymised.
    services.do_triage(obstacle, vn_officer, accept=True, is_public=True)
    page = client.get(reverse("border:obstacle", args=[obstacle.pk]))
    assert page.status_code == 200 and page.context["full"] is False
    assert reporter.organization.display_name not in page.content.decode()


def test_the_public_list_hides_the_reporter(reporter, vn_officer, gate):
    shown = _report(reporter, gate, title="Shown obstacle")
    hidden = _report(reporter, gate, title="Hidden obstacle")
    services.do_triage(shown, vn_officer, accept=True, is_public=True)
    services.do_triage(hidden, vn_officer, accept=True, is_public=False)
    page = client_for().get(reverse("border:obstacles")).content.decode()
    assert "Shown obstacle" in page and "Hidden obstacle" not in page
    assert reporter.organization.display_name not in page and reporter.username not in page
    api = client_for().get("/api/border/obstacles").json()
    mine = [o for o in api if o["id"] == shown.pk]
    assert mine and "organization" not in mine[0] and "reported_by" not in mine[0]
    assert all(o["id"] != hidden.pk for o in api)
    figures = client_for().get("/api/border/obstacles/figures").json()
    assert any(row["kind"] == "Quarantine" and row["open"] >= 1 for row in figures["rows"])


# --- bad input ---------------------------------------------------------------------------------


def test_bad_input_changes_nothing(reporter, vn_officer, gate):
    client = client_for(reporter)
    count = Obstacle.objects.count()
    fake = client.post(reverse("border:obstacle_report"), {
        "kind": "customs", "title": "t", "description": "d",
        "documents": [SimpleUploadedFile("scan.pdf", b"plain text, not a PDF", content_type="application/pdf")]})
    assert fake.status_code == 400 and "scan.pdf is not a PDF, JPEG or PNG document." in fake.content.decode()
    bad_hs = client.post(reverse("border:obstacle_report"), {"kind": "customs", "title": "t", "description": "d",
                                                            "hs_code": "12345"})
    assert bad_hs.status_code == 400 and "hs_code" in bad_hs.context["form"].errors
    bad_kind = client.post("/api/border/obstacles", json.dumps({"kind": "smuggling", "title": "t",
                                                                 "description": "d"}), content_type=JSON)
    assert bad_kind.status_code == 422 and bad_kind.json()["fields"] == ["kind"]
    assert Obstacle.objects.count() == count and not ObstacleDocument.objects.filter(name="scan.pdf").exists()

    obstacle = _report(reporter, gate)
    before = _snapshot(obstacle)
    staff = client_for(vn_officer)
    no_reason = staff.post(reverse("border:obstacle_action", args=[obstacle.pk, "triage"]),
                           {"triage-decision": "reject"})
    assert no_reason.status_code == 400 and "Give the reason" in no_reason.content.decode()
    too_early = staff.post(f"/api/border/obstacles/{obstacle.pk}/resolve", json.dumps({"resolution": "x"}),
                           content_type=JSON)
    assert too_early.status_code == 422 and too_early.json()["fields"] == ["status"]
    assert _snapshot(obstacle) == before

    services.do_triage(obstacle, vn_officer, accept=True)
    before = _snapshot(obstacle)
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    late = staff.post(reverse("border:obstacle_action", args=[obstacle.pk, "assign"]),
                      {"assign-agency": "honghe-commerce", "assign-response_due": past})
    assert late.status_code == 400 and "The response deadline is in the past." in late.content.decode()
    outside = staff.post(f"/api/border/obstacles/{obstacle.pk}/assign",
                         json.dumps({"agency": "demo-zhejiang-textiles"}), content_type=JSON)
    assert outside.status_code == 422 and outside.json()["fields"] == ["agency"]
    not_talks = Event.objects.exclude(kind=Event.Kind.BILATERAL_TALKS).first()
    wrong = staff.post(f"/api/border/obstacles/{obstacle.pk}/agenda", json.dumps({"talks": not_talks.slug}),
                       content_type=JSON)
    assert wrong.status_code == 422
    assert _snapshot(obstacle) == before


def test_a_rejected_obstacle_keeps_its_reason_and_takes_no_further_step(reporter, vn_officer, gate):
    obstacle = _report(reporter, gate)
    services.do_triage(obstacle, vn_officer, accept=False, note="Not a border matter.")
    assert obstacle.status == "rejected"
    assert ObstacleStatusChange.objects.filter(obstacle=obstacle, new_status="rejected").get().note == \
        "Not a border matter."
    assert services.available_actions(obstacle) == []


# --- reminders, gate section, demo -------------------------------------------------------------


def test_reminders_before_the_deadline_go_to_the_responsible_agency(reporter, vn_officer, honghe_officer, gate):
    obstacle = _report(reporter, gate)
    services.do_triage(obstacle, vn_officer, accept=True)
    today = timezone.localdate()
    services.do_assign(obstacle, vn_officer, agency=org("honghe-commerce"), response_due=today + dt.timedelta(days=2))
    later = _report(reporter, gate, title="Due much later")
    services.do_triage(later, vn_officer, accept=True)
    services.do_assign(later, vn_officer, agency=org("honghe-commerce"), response_due=today + dt.timedelta(days=30))
    mail.outbox.clear()
    reminders = do_send_obstacle_reminders()
    [reminder] = [r for r in reminders if r.agency.slug == "honghe-commerce"]
    assert [o.pk for o in reminder.obstacles] == [obstacle.pk]
    sent = [m for m in mail.outbox if "he@honghe.example" in m.to]
    assert len(sent) == 1 and "Dragon fruit waits two days" in sent[0].body and "Due much later" not in sent[0].body
    mail.outbox.clear()
    result = job_named("border-obstacles-remind").run(timezone.now())
    assert "he@honghe.example" in result.recipients and result.messages >= 1


def test_gate_page_context_counts_public_obstacles(reporter, vn_officer, gate):
    obstacle = _report(reporter, gate)
    services.do_triage(obstacle, vn_officer, accept=True, is_public=True)
    context = services.gate_page_context(client_for().get("/").wsgi_request.user, gate)
    assert obstacle in list(context["open_public_obstacles"])
    assert context["obstacle_open_count"] >= 1 and context["can_report_obstacle"] is False
    assert context["obstacle_report_url"].endswith(f"?gate={gate.zone.code}")


def test_the_demo_puts_illustrative_obstacles_on_the_talks_agenda_and_is_idempotent(gate):
    from tradebridge.bootstrap.demo_border_obstacles import do_load_border_obstacles_demo

    first = do_load_border_obstacles_demo()
    second = do_load_border_obstacles_demo()
    assert first == second and first["border_obstacles"] == 4 and first["border_crossing_logs"] == 64
    talks = Event.objects.get(slug=TALKS)
    on_agenda = Obstacle.objects.filter(talks=talks, is_illustrative=True)
    assert on_agenda.count() == 4 and set(on_agenda.values_list("kind", flat=True)) >= {"quarantine", "customs",
                                                                                         "payment"}
    agenda = client_for().get(reverse("border:talks", args=[TALKS])).content.decode()
    assert agenda.count("illustrative") >= 4
    stats = client_for().get(reverse("border:crossing_statistics") + f"?gate={gate.zone.code}").content.decode()
    assert "Illustrative: these crossing logs are demo data" in stats and 'data-month="2024-01"' in stats
