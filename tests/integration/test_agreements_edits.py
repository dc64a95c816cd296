"""Editing and archiving plans, activities, focal points, working groups, commitments and
programmes (pages and API, with history and the creation permissions), and progress
attachments through the API."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.registry import org
from tests.personas import client_for
from tradebridge.agreements import services
from tradebridge.agreements.models import Commitment
from tradebridge.cooperation import services as cooperation_services
from tradebridge.cooperation.models import Activity, FocalPoint, LabourProgramme, WorkPlan

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def agreement(vn_officer):
    return services.do_create_agreement(
        actor=vn_officer, parties=[services.PartyIn(org("hanoi-doit")), services.PartyIn(org("vientiane-doic"))],
        level="agency", kind="mou", title="Edit MOU", category="logistics", signed_on=D(2024, 1, 10))


@pytest.fixture
def plan(agreement, vn_officer):
    plan = cooperation_services.do_create_work_plan(agreement, actor=vn_officer, title="Plan 2024", period="yearly",
                                              starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31))
    cooperation_services.do_add_activity(plan, actor=vn_officer, title="Survey", due_on=D(2024, 6, 1))
    return plan


def test_work_plan_edit_page_checks_and_keeps_history(plan, vn_officer):
    client = client_for(vn_officer)
    url = f"/agreements/items/work-plan/{plan.pk}/edit/"
    page = client.get(url)
    assert page.status_code == 200 and 'value="Plan 2024"' in page.content.decode()
    bad = client.post(url, {"title": "Plan 2024", "period": "yearly", "starts_on": "2024-07-01",
                            "ends_on": "2025-06-30"})
    assert bad.status_code == 400 and "due outside the new period" in bad.content.decode()
    assert WorkPlan.objects.get(pk=plan.pk).starts_on == D(2024, 1, 1)
    ok = client.post(url, {"title": "Plan 2024 (revised)", "period": "yearly", "starts_on": "2024-01-01",
                           "ends_on": "2024-12-31"})
    assert ok.status_code == 302
    latest = WorkPlan.history.filter(id=plan.pk).latest("history_date")
    assert latest.title == "Plan 2024 (revised)" and latest.history_user == vn_officer
    assert latest.history_change_reason == "edited title"


def test_archive_hides_and_outsiders_cannot_edit(plan, vn_officer, outsider, cn_member):
    activity = plan.activities.get()
    assert client_for(outsider).post(f"/agreements/items/activity/{activity.pk}/archive/").status_code == 403
    assert client_for(cn_member).get(f"/agreements/items/activity/{activity.pk}/edit/").status_code == 403
    assert client_for().get(f"/agreements/items/activity/{activity.pk}/edit/").status_code == 302
    assert client_for(vn_officer).get("/agreements/items/nothing/1/edit/").status_code == 404
    response = client_for(vn_officer).post(f"/agreements/items/activity/{activity.pk}/archive/")
    assert response.status_code == 302
    assert Activity.objects.get(pk=activity.pk).archived_at is not None
    assert client_for(vn_officer).get(f"/agreements/items/activity/{activity.pk}/edit/").status_code == 404


def test_api_edits_activity_focal_point_and_programme(plan, agreement, vn_officer, cn_member):
    client = client_for(vn_officer)
    activity = plan.activities.get()
    bad = client.patch(f"/api/agreements/items/activity/{activity.pk}", {"budget": "100"},
                       content_type="application/json")
    assert bad.status_code == 422 and "currency" in bad.json()["message"]
    unknown = client.patch(f"/api/agreements/items/activity/{activity.pk}", {"colour": "red"},
                           content_type="application/json")
    assert unknown.status_code == 422 and "colour" in unknown.json()["message"]
    ok = client.patch(f"/api/agreements/items/activity/{activity.pk}",
                      {"budget": "100", "currency": "USD", "state": "done", "owner": "hanoi-doit"},
                      content_type="application/json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["fields"]["state"] == "done" and ok.json()["fields"]["owner"] == "hanoi-doit"
    focal = cooperation_services.do_add_focal_point(agreement, actor=vn_officer, organization=org("hanoi-doit"))
    email = client.patch(f"/api/agreements/items/focal-point/{focal.pk}", {"email": "not-an-address"},
                         content_type="application/json")
    assert email.status_code == 422 and email.json()["message"].startswith("email")
    assert client.delete(f"/api/agreements/items/focal-point/{focal.pk}").status_code == 204
    assert FocalPoint.objects.get(pk=focal.pk).archived_at is not None
    labour = LabourProgramme.objects.filter(agreement__isnull=True).first() or LabourProgramme.objects.first()
    denied = client_for(cn_member).patch(f"/api/agreements/items/labour/{labour.pk}", {"workers_sent": 5},
                                         content_type="application/json")
    assert denied.status_code in (403, 404)
    share = client.patch(f"/api/agreements/items/labour/{labour.pk}", {"ethnic_minority_share": 140},
                         content_type="application/json")
    assert share.status_code == 422 and "ethnic_minority_share" in share.json()["message"]


def test_commitment_edit_through_page_and_api(agreement, vn_officer):
    commitment = services.do_add_commitment(agreement, actor=vn_officer, title="Study", due_on=D(2024, 5, 1))
    party = agreement.parties.get(organization__slug="vientiane-doic")
    client = client_for(vn_officer)
    page = client.post(f"/agreements/items/commitment/{commitment.pk}/edit/",
                       {"title": "Joint study", "owner": party.pk, "due_on": "2024-06-01"})
    assert page.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.title, commitment.owner, commitment.due_on) == ("Joint study", party, D(2024, 6, 1))
    url = f"/api/agreements/{agreement.pk}/commitments/{commitment.pk}"
    early = client.patch(url, {"due_on": "2023-01-01"}, content_type="application/json")
    assert early.status_code == 422 and "due_on" in early.json()["message"]
    ok = client.patch(url, {"title": "Joint field study", "owner": "hanoi-doit"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["owner"] == "hanoi-doit" and ok.json()["state"] == "open"
    assert Commitment.objects.get(pk=commitment.pk).due_on == D(2024, 6, 1)


def test_progress_attachment_through_the_api(agreement, vn_officer, cn_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    update = services.do_add_progress(agreement, actor=vn_officer, reported_on=D(2024, 2, 1), text="Met")
    url = f"/api/agreements/{agreement.pk}/progress/{update.pk}/attachment"
    fake = client_for(vn_officer).post(url, {"file": SimpleUploadedFile("minutes.pdf", b"MZ not a pdf")})
    assert fake.status_code == 422 and fake.json()["message"].startswith("attachment")
    assert client_for(cn_member).post(url, {"file": SimpleUploadedFile("m.pdf", PDF)}).status_code in (403, 404)
    ok = client_for(vn_officer).post(url, {"file": SimpleUploadedFile("minutes.pdf", PDF)})
    assert ok.status_code == 200 and ok.json()["attachment_name"] == "minutes.pdf"
    update.refresh_from_db()
    assert update.attachment.read() == PDF
