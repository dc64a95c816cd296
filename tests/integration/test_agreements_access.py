"""Visibility per persona on pages, exports, the calendar feed and the API."""

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from tests.personas import client_for
from tradebridge.agreements import services
from tradebridge.registry.models import Organization

pytestmark = pytest.mark.django_db
D = dt.date


def make(visibility, recorder, parties, title):
    agreement = services.do_create_agreement(
        actor=recorder, parties=[services.PartyIn(Organization.objects.get(slug=s)) for s in parties],
        level="agency", kind="mou", title=title, category="logistics", signed_on=D(2024, 2, 1),
        visibility=visibility)
    services.do_add_commitment(agreement, actor=recorder, title=f"Due item of {title}", due_on=D(2027, 1, 15))
    return agreement


@pytest.fixture
def trio(vn_officer, cn_member):
    return {
        "public": make("public", vn_officer, ("hanoi-doit", "laocai-doit"), "VisPublic"),
        "parties": make("parties", vn_officer, ("laocai-doit", "demo-zhejiang-textiles"), "VisParties"),
        "private": make("private", vn_officer, ("hanoi-doit", "vientiane-doic"), "VisPrivate"),
    }


# persona -> which of the three it may see
EXPECTED = {
    None: {"public"},
    "outsider": {"public"},
    "cn_member": {"public", "parties"},
    "lao_officer": {"public", "parties"},
    "vn_officer": {"public", "parties", "private"},
    "administrator": {"public", "parties", "private"},
}


def persona_client(request, persona):
    return client_for(request.getfixturevalue(persona) if persona else None)


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_visibility_on_pages(request, trio, persona):
    client = persona_client(request, persona)
    page = client.get("/agreements/?q=Vis").content.decode()
    for name, agreement in trio.items():
        allowed = name in EXPECTED[persona]
        assert (f"Vis{name.capitalize()}" in page) is allowed, (persona, name)
        assert client.get(f"/agreements/{agreement.pk}/").status_code == (200 if allowed else 404)


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_visibility_in_api(request, trio, persona):
    client = persona_client(request, persona)
    titles = {a["title"] for a in client.get("/api/agreements?q=Vis").json()}
    assert titles == {f"Vis{n.capitalize()}" for n in EXPECTED[persona]}
    for name, agreement in trio.items():
        status = client.get(f"/api/agreements/{agreement.pk}").status_code
        assert status == (200 if name in EXPECTED[persona] else 404)


@pytest.mark.parametrize("persona", ["outsider", "cn_member", "vn_officer"])
def test_visibility_in_excel_export_and_calendar(request, trio, persona):
    client = persona_client(request, persona)
    response = client.get("/agreements/export.xlsx?q=Vis")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    titles = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert titles == {f"Vis{n.capitalize()}" for n in EXPECTED[persona]}
    feed = client.get("/agreements/calendar/hanoi-doit.ics").content.decode()
    assert "Due item of VisPublic" in feed
    assert ("Due item of VisPrivate" in feed) is ("private" in EXPECTED[persona])
    assert feed.startswith("BEGIN:VCALENDAR\r\n") and "DTSTART;VALUE=DATE:20270115" in feed


def test_documents_are_served_only_to_who_may_see_them(trio, vn_officer, lao_officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = services.do_attach_document(trio["private"], SimpleUploadedFile("mou.pdf", b"%PDF-1.4 test"),
                                           actor=vn_officer)
    url = f"/agreements/{trio['private'].pk}/documents/{document.pk}/"
    assert client_for(vn_officer).get(url).status_code == 200
    assert client_for(lao_officer).get(url).status_code == 404
    assert client_for().get(url).status_code == 404


def test_edit_rights(trio, cn_member, lao_officer, outsider):
    url = f"/agreements/{trio['parties'].pk}/edit/"
    assert client_for(cn_member).get(url).status_code == 200  # its organisation is a party
    assert client_for(lao_officer).get(url).status_code == 200
    assert client_for(outsider).get(f"/agreements/{trio['public'].pk}/edit/").status_code == 403
    assert client_for(cn_member).get(f"/agreements/{trio['public'].pk}/edit/").status_code == 403
    response = client_for(cn_member).patch(f"/api/agreements/{trio['public'].pk}", json.dumps({"title": "x"}),
                                           content_type="application/json")
    assert response.status_code == 403 and response.json()["message"]


def test_visitors_cannot_record(outsider):
    assert client_for(outsider).get("/agreements/new/").status_code == 403
    assert client_for().get("/agreements/new/").status_code == 302
    payload = {"level": "agency", "title": "x", "category": "other",
               "parties": [{"organization": "hanoi-doit"}, {"organization": "vientiane-doic"}]}
    response = client_for(outsider).post("/api/agreements", json.dumps(payload), content_type="application/json")
    assert response.status_code == 403
    assert client_for().post("/api/agreements", "{}", content_type="application/json").status_code == 401
    assert client_for(outsider).get("/agreements/dashboard/").status_code == 403


@pytest.mark.parametrize("persona", ["outsider", "lao_officer", "vn_officer"])
def test_visibility_in_the_pdf_report(request, trio, persona, monkeypatch):
    # Read the report's HTML instead of the PDF bytes: the same context, the same filtering.
    monkeypatch.setattr("tradebridge.core.responses.render_pdf", lambda html, **kw: html.encode())
    body = persona_client(request, persona).get("/agreements/report.pdf?q=Vis").content.decode()
    for name in trio:
        assert (f"Vis{name.capitalize()}" in body) is (name in EXPECTED[persona]), (persona, name)
