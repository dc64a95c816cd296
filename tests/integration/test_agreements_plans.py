"""Focal points, joint working groups, work plans and cooperation programmes."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories.registry import org
from tests.personas import client_for
from tradebridge.agreements import services
from tradebridge.agreements.models import Agreement
from tradebridge.cooperation import services as cooperation_services
from tradebridge.cooperation.models import LabourProgramme, TrainingProgramme
from tradebridge.geo.models import Province

pytestmark = pytest.mark.django_db
D = dt.date


def test_seed_linkage_chain_mou_has_focal_points_group_and_plan():
    chains = Agreement.objects.get(demo_key="vn-la-linkage-chains-2025")
    assert {f.organization.slug for f in chains.focal_points.all()} == {"vioit", "iice"}
    group = chains.working_groups.get()
    co_chairs = {m.organization.slug for m in group.members.filter(role="co_chair")}
    assert co_chairs == {"vioit", "iice"} and group.is_illustrative
    plan = chains.work_plans.get()
    assert plan.period == "two_yearly" and plan.is_illustrative
    progress = cooperation_services.plan_progress(plan)
    assert progress["done"] == 1 and progress["percent_done"] == 25


def test_seed_labour_and_training_programmes():
    labour = LabourProgramme.objects.get(demo_key="laocai-huihong-2017")
    assert (labour.sending_province.code, labour.receiving_province.code) == ("VN-02", "CN-YN")
    assert labour.workers_sent == 1000 and labour.ethnic_minority_share == Decimal("80.0")
    assert labour.employer.slug == "huihong-tech" and labour.starts_on.year == 2017 and labour.ends_on.year == 2019
    training = TrainingProgramme.objects.get(demo_key="hanoi-vientiane-vocational")
    assert len(training.course_list) == 4 and training.organiser.slug == "hanoi-dolisa"


def test_work_plan_and_activity_checks(vn_officer):
    agreement = Agreement.objects.get(demo_key="vn-la-linkage-chains-2025")
    with pytest.raises(ValidationError) as info:
        cooperation_services.do_create_work_plan(agreement, actor=vn_officer, title="x", period="yearly",
                                           starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31))
    assert "ends_on" in info.value.message_dict
    plan = cooperation_services.do_create_work_plan(agreement, actor=vn_officer, title="Plan 2028", period="yearly",
                                              starts_on=D(2028, 1, 1), ends_on=D(2028, 12, 31))
    with pytest.raises(ValidationError) as info:
        cooperation_services.do_add_activity(plan, actor=vn_officer, title="Fair", budget=Decimal(100))
    assert "currency" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        cooperation_services.do_add_activity(plan, actor=vn_officer, title="Fair", due_on=D(2029, 1, 1))
    assert "due_on" in info.value.message_dict
    assert plan.activities.count() == 0


def test_labour_programme_must_cross_a_border(vn_officer):
    with pytest.raises(ValidationError) as info:
        cooperation_services.do_create_labour_programme(
            actor=vn_officer, title="x", sending_province=Province.objects.get(code="VN-02"),
            receiving_province=Province.objects.get(code="VN-HN"), starts_on=D(2020, 1, 1),
            ethnic_minority_share=Decimal(120))
    assert {"receiving_province", "ethnic_minority_share"} <= set(info.value.message_dict)


def test_programmes_follow_the_visibility_of_their_agreement(vn_officer, outsider):
    private = services.do_create_agreement(
        actor=vn_officer, parties=[services.PartyIn(org("hanoi-doit")), services.PartyIn(org("iice"))],
        level="agency", title="Private training MOU", category="training", visibility="private")
    cooperation_services.do_create_training_programme(actor=vn_officer, title="Hidden course", agreement=private,
                                                organiser=org("hanoi-doit"))
    assert "Hidden course" in client_for(vn_officer).get("/agreements/programmes/").content.decode()
    page = client_for(outsider).get("/agreements/programmes/").content.decode()
    assert "Hidden course" not in page and "Huệ Hồng" in page
    titles = {p["title"] for p in client_for().get("/api/agreements/programmes/training").json()}
    assert "Hidden course" not in titles and len(titles) >= 2


def test_plans_through_pages_and_api(vn_officer, cn_member):
    agreement = Agreement.objects.get(demo_key="hanoi-vientiane-labour-2023")
    client = client_for(vn_officer)
    client.post(f"/agreements/{agreement.pk}/plans/", {"title": "Plan 2024", "period": "yearly",
                                                       "starts_on": "2024-01-01", "ends_on": "2024-12-31"})
    plan = agreement.work_plans.get(title="Plan 2024")
    client.post(f"/agreements/{agreement.pk}/plans/{plan.pk}/activities/",
                {"title": "Teacher exchange", "owner": "hanoi-dolisa", "due_on": "2024-06-01", "budget": "5000",
                 "currency": "USD"})
    activity = plan.activities.get()
    client.post(f"/agreements/{agreement.pk}/plans/{plan.pk}/activities/{activity.pk}/", {"state": "done"})
    body = client.get(f"/api/agreements/{agreement.pk}/plans").json()
    mine = next(p for p in body if p["title"] == "Plan 2024")
    assert mine["progress"]["percent_done"] == 100 and mine["activities"][0]["budget"] == "5000.00"
    response = client_for(cn_member).post(f"/api/agreements/{agreement.pk}/plans", json.dumps(
        {"title": "x", "period": "yearly", "starts_on": "2024-01-01", "ends_on": "2024-12-31"}),
        content_type="application/json")
    assert response.status_code == 403
    page = client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "Teacher exchange" in page and "Done: 1 (100 %)" in page


def test_agreement_pdf_report(client):
    chains = Agreement.objects.get(demo_key="vn-la-linkage-chains-2025")
    response = client_for(language="lo").get(f"/agreements/{chains.pk}/report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_programmes_and_documents_through_the_api(vn_officer, cn_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(vn_officer)
    labour = {"title": "Seasonal workers to Hekou", "sending_province": "VN-02", "receiving_province": "CN-YN",
              "employer": "demo-cn-hekou-logistics", "starts_on": "2025-01-01", "workers_sent": 40,
              "ethnic_minority_share": "55.5"}
    response = client.post("/api/agreements/programmes/labour", json.dumps(labour), content_type="application/json")
    assert response.status_code == 201 and response.json()["workers_sent"] == 40
    bad = {**labour, "receiving_province": "VN-HN"}
    response = client.post("/api/agreements/programmes/labour", json.dumps(bad), content_type="application/json")
    assert response.status_code == 422 and "receiving_province" in response.json()["message"]
    response = client_for(cn_member).post("/api/agreements/programmes/labour", json.dumps(labour),
                                          content_type="application/json")
    assert response.status_code == 403
    training = {"title": "Customs clearance course", "organiser": "laocai-doit", "courses": ["HS codes", "e-customs"],
                "trainee_groups": [{"country": "CHN", "agency": "honghe-commerce", "trainees": 10, "completed": 12}]}
    response = client.post("/api/agreements/programmes/training", json.dumps(training),
                           content_type="application/json")
    assert response.status_code == 422 and "completed" in response.json()["message"]
    assert not TrainingProgramme.objects.filter(title="Customs clearance course").exists()
    training["trainee_groups"][0]["completed"] = 9
    response = client.post("/api/agreements/programmes/training", json.dumps(training),
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["courses"] == ["HS codes", "e-customs"]

    agreement = Agreement.objects.get(demo_key="hanoi-vientiane-doit-2022")
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/api/agreements/{agreement.pk}/documents"
    response = client.post(url, {"file": SimpleUploadedFile("minutes.png", b"\x89PNG\r\n\x1a\nxx")})
    assert response.status_code == 201 and response.json()["content_type"] == "image/png"
    response = client.post(url, {"file": SimpleUploadedFile("minutes.pdf", b"GIF89a...")})
    assert response.status_code == 422 and "not a PDF" in response.json()["message"]
    assert client_for(cn_member).post(url, {"file": SimpleUploadedFile("m.pdf", b"%PDF-1")}).status_code == 403


def test_working_group_through_page_and_api(vn_officer, outsider):
    agreement = Agreement.objects.get(demo_key="hanoi-vientiane-doit-2022")
    client = client_for(vn_officer)
    client.post(f"/agreements/{agreement.pk}/working-groups/", {
        "name": "Hanoi–Vientiane trade JWG", "chair_one": "hanoi-doit", "chair_two": "vientiane-doic",
        "members": ["demo-vn-hanoi-distribution"]})
    group = agreement.working_groups.get(name="Hanoi–Vientiane trade JWG")
    assert sorted(group.members.values_list("role", flat=True)) == ["co_chair", "co_chair", "member"]
    response = client.post(f"/agreements/{agreement.pk}/working-groups/", {
        "name": "Twice", "chair_one": "hanoi-doit", "chair_two": "hanoi-doit"}, follow=True)
    assert "listed twice" in response.content.decode() and not agreement.working_groups.filter(name="Twice")
    payload = {"name": "API JWG", "members": [{"organization": "hanoi-doit", "role": "co_chair"},
                                             {"organization": "vientiane-doic", "role": "chief"}]}
    url = f"/api/agreements/{agreement.pk}/working-groups"
    response = client.post(url, json.dumps(payload), content_type="application/json")
    assert response.status_code == 422 and "role" in response.json()["message"]
    assert not agreement.working_groups.filter(name="API JWG").exists()
    payload["members"][1]["role"] = "co_chair"
    assert client.post(url, json.dumps(payload), content_type="application/json").status_code == 201
    names = {g["name"] for g in client_for(outsider).get(url).json()}
    assert {"API JWG", "Hanoi–Vientiane trade JWG"} <= names
    response = client_for(outsider).post(url, json.dumps(payload), content_type="application/json")
    assert response.status_code == 403


def test_programme_pages(vn_officer, cn_member):
    agreement = Agreement.objects.get(demo_key="vn-la-linkage-chains-2025")
    client = client_for(vn_officer)
    assert client_for(cn_member).get("/agreements/programmes/labour/new/").status_code == 403
    data = {"title": "Border market porters", "sending_province": "VN-02", "receiving_province": "VN-HN",
            "starts_on": "2024-03-01", "agreement": agreement.pk}
    response = client.post("/agreements/programmes/labour/new/", data)
    assert response.status_code == 400 and "another country" in response.content.decode()
    data["receiving_province"] = "CN-YN"
    assert client.post("/agreements/programmes/labour/new/", data).status_code == 302
    assert agreement.labour_programmes.get().title == "Border market porters"
    data = {"title": "Logistics course", "organiser": "laocai-doit", "courses": "Warehousing\nCustoms",
            "trainee_country": "CHN", "trainee_agency": "honghe-commerce", "trainees": "20", "completed": "18"}
    assert client.post("/agreements/programmes/training/new/", data).status_code == 302
    programme = TrainingProgramme.objects.get(title="Logistics course")
    assert programme.course_list == ["Warehousing", "Customs"]
    assert programme.trainee_groups.get().completed == 18
