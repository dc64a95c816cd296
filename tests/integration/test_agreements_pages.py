"""Agreement pages and API: recording with parties and a document, status, progress, dashboard,
exports and the bad inputs of the issue."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.personas import client_for
from tradebridge.agreements import services, uploads
from tradebridge.agreements.models import Agreement, Document, Status
from tradebridge.bootstrap.demo_agreements import CONFERENCE_EVENT
from tradebridge.registry.models import Organization

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def form_data(**overrides):
    data = {
        "level": "province", "kind": "mou", "title": "Biên bản ghi nhớ logistics Lào Cai – Hà Khẩu",
        "category": "logistics", "other_categories": ["trade_promotion"], "signed_on": "2024-02-01",
        "valid_until": "2026-12-31", "visibility": "public", "origin": "CHN", "destination": "VNM",
        "products": "0910.11", "declared_value": "", "currency": "",
        "party-TOTAL_FORMS": "4", "party-INITIAL_FORMS": "0", "party-MIN_NUM_FORMS": "0",
        "party-MAX_NUM_FORMS": "12",
        "party-0-organization": "laocai-doit", "party-0-signatory": "Giám đốc Sở",
        "party-1-organization": "honghe-commerce", "party-1-signatory": "Hòa Đào",
    }
    data.update(overrides)
    return data


def test_record_with_two_parties_and_a_document(vn_officer):
    data = form_data()
    data["doc-file"] = SimpleUploadedFile("mou.pdf", PDF, content_type="application/pdf")
    response = client_for(vn_officer).post("/agreements/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(title__startswith="Biên bản ghi nhớ logistics")
    assert [p.organization.slug for p in agreement.parties.all()] == ["laocai-doit", "honghe-commerce"]
    assert agreement.categories == ["logistics", "trade_promotion"] and agreement.origin.alpha3 == "CHN"
    document = agreement.documents.get()
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    page = client_for(vn_officer).get(f"/agreements/{agreement.pk}/").content.decode()
    assert "Hòa Đào" in page and "mou.pdf" in page


@pytest.mark.parametrize(("overrides", "message"), [
    ({"party-1-organization": ""}, "two or more different parties"),
    ({"party-1-organization": "no-such-organisation"}, "Select a valid choice"),
    ({"valid_until": "2023-01-01"}, "end date is before the signing date"),
    ({"declared_value": "5000"}, "needs its currency"),
])
def test_bad_form_input_is_named_and_nothing_saved(vn_officer, overrides, message):
    before = Agreement.objects.count()
    response = client_for(vn_officer).post("/agreements/new/", form_data(**overrides))
    assert response.status_code == 400 and message in response.content.decode()
    assert Agreement.objects.count() == before


@pytest.mark.parametrize(("name", "content", "message"), [
    ("mou.exe", b"MZ\x90\x00rest", "not a PDF, JPEG or PNG"),
    ("big.pdf", None, "larger than"),
], ids=["not-a-document", "too-large"])
def test_bad_document_refused_and_nothing_saved(vn_officer, name, content, message):
    content = content if content is not None else b"%PDF-" + b"0" * uploads.MAX_UPLOAD_BYTES
    before = (Agreement.objects.count(), Document.objects.count())
    data = form_data()
    data["doc-file"] = SimpleUploadedFile(name, content)
    response = client_for(vn_officer).post("/agreements/new/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert (Agreement.objects.count(), Document.objects.count()) == before


def _agreement(actor):
    return services.do_create_agreement(
        actor=actor, parties=[services.PartyIn(Organization.objects.get(slug=s)) for s in ("hanoi-doit", "iice")],
        level="agency", kind="mou", title="Page test MOU", category="training", signed_on=D(2024, 1, 10))


def test_status_change_commitment_and_progress_through_pages(vn_officer):
    agreement = _agreement(vn_officer)
    client = client_for(vn_officer)
    url = f"/agreements/{agreement.pk}"
    client.post(f"{url}/commitments/", {"title": "Train 20 teachers", "due_on": "2024-06-30",
                                        "owner": agreement.parties.first().pk})
    commitment = agreement.commitments.get()
    client.post(f"{url}/progress/", {"reported_on": "2024-03-01", "text": "First course held",
                                     "commitment": commitment.pk,
                                     "attachment": SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\nxx")})
    update = agreement.progress_updates.get()
    assert update.attachment_name == "photo.png"
    assert client.get(f"{url}/progress/{update.pk}/attachment/").status_code == 200
    client.post(f"{url}/commitments/{commitment.pk}/", {"state": "done", "done_on": "2024-06-20"})
    commitment.refresh_from_db()
    assert commitment.state == "done" and commitment.done_on == D(2024, 6, 20)
    response = client.post(f"{url}/status/", {"status": "completed", "effective_on": "2024-07-01",
                                              "reason": "All courses held"}, follow=True)
    agreement.refresh_from_db()
    assert agreement.status == Status.COMPLETED, response.content.decode()[:2000]
    page = response.content.decode()
    assert "All courses held" in page and "First course held" in page
    assert "History" in page and client.get(f"{url}/history/").status_code == 200


def test_a_refused_status_change_says_why(vn_officer):
    agreement = _agreement(vn_officer)
    response = client_for(vn_officer).post(f"/agreements/{agreement.pk}/status/",
                                           {"status": "in_implementation", "effective_on": "2023-01-01",
                                            "reason": "x"}, follow=True)
    assert "before the signing date" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == Status.SIGNED


def test_register_filters_and_breakdown_page():
    client = client_for()
    page = client.get("/agreements/", {"event": CONFERENCE_EVENT}).content.decode()
    assert "12 = 3 + 8 + 1" in page
    assert "Agreements: 12" in page
    assert client.get("/agreements/", {"level": "nonsense"}).status_code == 400
    page = client.get("/agreements/", {"level": "ministry"}).content.decode()
    assert "Agreements: 1" in page
    page = client.get("/agreements/", {"event": CONFERENCE_EVENT, "country": "LAO"}).content.decode()
    facets = page.split('class="facets"')[1].split("</aside>")[0]
    assert '<span class="muted">12</span>' in facets  # each of the 12 MOUs counted once for Laos
    api = client.get("/api/agreements/breakdown", {"event": CONFERENCE_EVENT}).json()
    assert api["sum"] == "12 = 3 + 8 + 1"


def test_dashboard_flags_expired_and_overdue_items(vn_officer):
    page = client_for(vn_officer).get("/agreements/dashboard/").content.decode()
    # The Hanoi–Vientiane trade departments' MOU ended on 2025-12-31 and is still open, and
    # nobody reported on it since July 2023.
    expired = page.split('data-testid="expired"')[1].split("</ul>")[0]
    assert "2025-12-31" in expired and "trade departments, 2022–2025" in expired
    dormant = page.split('data-testid="dormant"')[1].split("</ul>")[0]
    assert "trade departments, 2022–2025" in dormant and "2023-07-03" in dormant
    overdue = page.split('data-testid="overdue"')[1].split("</ul>")[0]
    assert "Đưa hàng Lào vào hệ thống phân phối" in overdue  # due 2024-12-31, in progress (illustrative)


def test_pdf_report_and_excel_summary():
    client = client_for()
    response = client.get("/agreements/report.pdf", {"event": CONFERENCE_EVENT})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    response = client.get("/agreements/export.xlsx", {"event": CONFERENCE_EVENT})
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_api_create_with_bad_party_and_dates(lao_officer):
    client = client_for(lao_officer)
    payload = {"level": "agency", "title": "API MOU", "category": "labour", "signed_on": "2024-05-01",
               "parties": [{"organization": "vientiane-dolsw"}, {"organization": "no-such-org"}]}
    response = client.post("/api/agreements", json.dumps(payload), content_type="application/json")
    assert response.status_code == 422 and "no-such-org" in response.json()["message"]
    payload["parties"][1]["organization"] = "hanoi-dolisa"
    response = client.post("/api/agreements", json.dumps({**payload, "valid_until": "2024-01-01"}),
                           content_type="application/json")
    assert response.status_code == 422 and "valid_until" in response.json()["message"]
    response = client.post("/api/agreements", json.dumps({**payload, "declared_value": "10"}),
                           content_type="application/json")
    assert response.status_code == 422 and "currency" in response.json()["message"]
    assert not Agreement.objects.filter(title="API MOU").exists()
    response = client.post("/api/agreements", json.dumps(payload), content_type="application/json")
    assert response.status_code == 201
    agreement_id = response.json()["id"]
    response = client.post(f"/api/agreements/{agreement_id}/commitments",
                           json.dumps({"title": "Exchange visit", "owner": "hanoi-dolisa", "due_on": "2024-12-01"}),
                           content_type="application/json")
    assert response.status_code == 201
    response = client.post(f"/api/agreements/{agreement_id}/progress",
                           json.dumps({"reported_on": "2024-06-01", "text": "Visit planned"}),
                           content_type="application/json")
    assert response.status_code == 201
    body = client.get(f"/api/agreements/{agreement_id}").json()
    assert body["status"] == "in_implementation" and len(body["commitments"]) == 1
    response = client.delete(f"/api/agreements/{agreement_id}")
    assert response.status_code == 204
    assert Agreement.objects.get(pk=agreement_id).archived_at is not None
    assert client.get(f"/api/agreements/{agreement_id}").status_code == 404  # archived: hidden


def test_archive_from_the_page_hides_it_but_keeps_it(vn_officer, administrator, outsider):
    agreement = _agreement(vn_officer)
    client = client_for(vn_officer)
    client.post(f"/agreements/{agreement.pk}/archive/", {"reason": ""})
    agreement.refresh_from_db()
    assert agreement.archived_at is None  # no reason, nothing done
    client.post(f"/agreements/{agreement.pk}/archive/", {"reason": "recorded twice"})
    agreement.refresh_from_db()
    assert agreement.archived_at is not None
    assert client_for(outsider).get(f"/agreements/{agreement.pk}/").status_code == 404
    assert client_for(administrator).get(f"/agreements/{agreement.pk}/").status_code == 200
    assert agreement.history.filter(history_change_reason="recorded twice").exists()


def test_a_party_owning_commitments_cannot_be_removed(vn_officer):
    agreement = _agreement(vn_officer)
    owner = agreement.parties.get(organization__slug="iice")
    services.do_add_commitment(agreement, actor=vn_officer, title="Course", owner=owner)
    with pytest.raises(ValidationError) as info:
        services.do_update_agreement(agreement, {}, actor=vn_officer, parties=[
            services.PartyIn(Organization.objects.get(slug="hanoi-doit")),
            services.PartyIn(Organization.objects.get(slug="vioit"))])
    assert "parties" in info.value.message_dict
    assert agreement.parties.filter(organization__slug="iice").exists()


def test_report_language_parameter():
    client = client_for()
    assert client.get("/agreements/report.pdf", {"lang": "xx"}).status_code == 400
    response = client.get("/agreements/report.pdf", {"lang": "zh-hans", "level": "ministry"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
