"""Clearance figures through the pages and the API: upload, preview, confirm; entry by hand;
the dashboard, its downloads and PDF; seasonal pressure; and every role that must be refused."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.personas import client_for
from tradebridge.border.clearance import do_import_clearance_file
from tradebridge.border.models import (
    ClearanceFigure,
    ClearanceImport,
    ClearanceMonthly,
    ClearanceUpload,
    Corridor,
    CorridorNode,
    Gate,
    GateCapacity,
    HarvestCalendar,
)
from tradebridge.geo.models import Province, Zone

pytestmark = pytest.mark.django_db
HEADER = "gate,period,period_start,direction,measure,product,value\n"


@pytest.fixture
def gates(db):
    """The gates, with the demo's figures, capacities and calendars out of the way."""
    ClearanceFigure.objects.all().delete()
    ClearanceMonthly.objects.all().delete()
    GateCapacity.objects.all().delete()
    HarvestCalendar.objects.all().delete()
    return {code: Gate.objects.get_or_create(zone=Zone.objects.get(code=code), defaults={"level": "international"})[0]
            for code in ("bg-laocai-hekou", "bg-boten-mohan")}


def _file(lines: list[str]) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode()


def _upload(content: bytes, name: str = "figures.csv"):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


@pytest.fixture
def figures(gates):
    """Three years of monthly export values at Lào Cai for chapters 08 and 85, illustrative."""
    lines = []
    for year in (2022, 2023, 2024):
        for month in range(1, 13):
            lines.append(f"bg-laocai-hekou,month,{year}-{month:02d},export,value_usd,08,{1000 * (year - 2021) + month}")
            lines.append(f"bg-laocai-hekou,month,{year}-{month:02d},export,value_usd,85,{500 * (year - 2021)}")
        lines.append(f"bg-boten-mohan,year,{year},export,value_usd,,{20000 * (year - 2021)}")
    do_import_clearance_file(_file(lines), "demo.csv", is_illustrative=True)
    return gates


def test_staff_upload_checks_previews_and_imports_with_replacements(vn_officer, gates):
    client = client_for(vn_officer)
    page = client.get("/border/figures/import/")
    assert page.status_code == 200 and b'data-testid="figures-format"' in page.content
    sample = client.get("/border/figures/import/sample.csv")
    assert sample.content.decode("utf-8-sig").startswith("gate,period,period_start,direction,measure,product,value")
    content = _file(["bg-laocai-hekou,month,2024-01,export,tonnes,08,10",
                     "bg-laocai-hekou,month,2024-02,export,tonnes,08,20"])
    response = client.post("/border/figures/import/", {"file": _upload(content), "source": "Customs branch"})
    upload = ClearanceUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/border/figures/import/{upload.pk}/"
    assert not ClearanceFigure.objects.exists()  # nothing written before the confirmation
    preview = client.get(response["Location"])
    assert b'data-testid="preview-rows">2<' in preview.content
    client.post(response["Location"], {"action": "import"})
    upload.refresh_from_db()
    assert upload.status == "imported" and upload.batch.uploaded_by == vn_officer
    assert upload.batch.source == "Customs branch" and upload.batch.rows == 2
    assert ClearanceFigure.objects.filter(batch=upload.batch).count() == 2
    again = client.post("/border/figures/import/", {"file": _upload(content.replace(b",20\n", b",25\n"))})
    replaced = client.get(again["Location"])
    assert b'data-testid="preview-replaced">2<' in replaced.content
    assert b"preview-replace-warning" in replaced.content


def test_a_file_with_errors_lists_them_and_keeps_nothing(vn_officer, gates):
    before = (ClearanceFigure.objects.count(), ClearanceImport.objects.count(), ClearanceUpload.objects.count())
    content = _file(["bg-laocai-hekou,month,2024-13,export,tonnes,08,10", "bg-nowhere,day,2024-01-01,export,tonnes,,x"])
    response = client_for(vn_officer).post("/border/figures/import/", {"file": _upload(content)})
    assert response.status_code == 422
    text = response.content.decode()
    for message in ("line 2, column period_start", "line 3, column gate", "line 3, column value"):
        assert message in text
    after = (ClearanceFigure.objects.count(), ClearanceImport.objects.count(), ClearanceUpload.objects.count())
    assert after == before


def test_api_import_and_its_errors_by_line_and_column(lao_officer, gates):
    client = client_for(lao_officer)
    bad = _file(["bg-laocai-hekou,month,2024-01,sideways,tonnes,08,10"])
    refused = client.post("/api/border/figures/import", {"file": _upload(bad)})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"line": 2, "column": "direction",
                                         "message": "“sideways” is not one of export, import, transit"}]
    good = _file(["bg-laocai-hekou,month,2024-01,export,tonnes,08,10"])
    checked = client.post("/api/border/figures/import", {"file": _upload(good), "dry_run": "true"})
    assert checked.json() == {"rows": 1, "new": 1, "replaced": 0, "import_id": None, "dry_run": True}
    assert not ClearanceFigure.objects.exists()
    done = client.post("/api/border/figures/import", {"file": _upload(good), "source": "test"})
    assert done.status_code == 200 and done.json()["import_id"] == ClearanceImport.objects.get(source="test").pk
    unreadable = client.post("/api/border/figures/import", {"file": _upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1xx", "f.xls")})
    assert unreadable.status_code == 422 and unreadable.json()["fields"] == ["file"]


def test_api_lists_filters_and_pages_figures(figures):
    client = client_for(None)
    page = client.get("/api/border/figures", {"gate": "bg-laocai-hekou", "product": "85", "from": "2023-01-01",
                                              "to": "2023-12-31", "limit": 5, "offset": 10})
    body = page.json()
    assert body["count"] == 12 and len(body["results"]) == 2
    assert body["results"][0]["period_start"] == "2023-11-01" and body["results"][0]["is_illustrative"] is True
    assert client.get("/api/border/figures", {"offset": 1_000_001}).status_code == 422
    assert client.get("/api/border/figures", {"measure": "kg"}).status_code == 422


def test_api_and_page_add_one_figure_by_hand(vn_officer, gates):
    client = client_for(vn_officer)
    created = client.post("/api/border/figures", json.dumps({
        "gate": "bg-boten-mohan", "period": "month", "period_start": "2024-05-17", "direction": "import",
        "measure": "containers", "product": "", "value": "42"}), content_type="application/json")
    assert created.status_code == 201 and created.json()["period_start"] == "2024-05-01"
    response = client.post("/border/figures/new/", {
        "gate": gates["bg-boten-mohan"].pk, "period": "month", "period_start": "2024-05-03", "direction": "import",
        "measure": "containers", "product": "", "value": "43.50"})
    assert response.status_code == 302
    figure = ClearanceFigure.objects.get(gate=gates["bg-boten-mohan"], measure="containers")
    assert figure.value == Decimal("43.50") and figure.batch.uploaded_by == vn_officer


@pytest.mark.parametrize("persona", ["cn_member", "outsider"])
def test_enterprises_and_visitors_cannot_import_or_add_figures(request, persona, gates):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    content = _file(["bg-laocai-hekou,month,2024-01,export,tonnes,08,10"])
    assert client.get("/border/figures/import/").status_code == 403
    assert client.post("/border/figures/import/", {"file": _upload(content)}).status_code == 403
    assert client.post("/api/border/figures/import", {"file": _upload(content)}).status_code == 403
    assert client.get("/border/figures/new/").status_code == 403
    assert client.post("/api/border/figures", json.dumps({
        "gate": "bg-laocai-hekou", "period": "year", "period_start": "2024-01-01", "direction": "export",
        "measure": "tonnes", "value": "1"}), content_type="application/json").status_code == 403
    assert client.get("/border/harvests/new/").status_code == 403
    assert client.post("/border/bg-laocai-hekou/capacity/", {"mode": "road", "direction": "export",
                                                             "vehicles_per_day": 5}).status_code == 403
    assert not ClearanceFigure.objects.exists() and not ClearanceUpload.objects.exists()
    assert not GateCapacity.objects.filter(gate__zone__code="bg-laocai-hekou", vehicles_per_day=5).exists()


def test_anonymous_writers_are_sent_to_sign_in(gates):
    client = client_for(None)
    assert client.get("/border/figures/import/").status_code == 302
    assert client.post("/api/border/figures/import", {"file": _upload(b"x")}).status_code == 401


def test_dashboard_shows_charts_with_tables_and_labels_illustrative_figures(figures):
    response = client_for(None).get("/border/bg-laocai-hekou/figures/", {"measure": "value_usd"})
    text = response.content.decode()
    assert response.status_code == 200
    for section in ("yearly", "monthly", "same_period", "seasonality", "top_products"):
        assert f'data-testid="table-{section}"' in text
    assert 'data-testid="figures-illustrative"' in text and "data-plotly" in text
    api = client_for(None).get("/api/border/gates/bg-laocai-hekou/dashboard").json()
    assert [row["total"] for row in api["yearly"]] == [sum(1000 + m for m in range(1, 13)) + 6000,
                                                       sum(2000 + m for m in range(1, 13)) + 12000,
                                                       sum(3000 + m for m in range(1, 13)) + 18000]
    assert api["top_products"][0]["product"] == "08" and api["illustrative"] is True
    assert api["same_period"]["through"] == "2024-12"


def test_downloads_and_the_pdf_carry_the_illustrative_label(figures):
    client = client_for(None)
    csv_text = client.get("/border/bg-laocai-hekou/figures/yearly.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("year,Export") and "Illustrative figures" in csv_text
    book = load_workbook(io.BytesIO(client.get("/border/bg-laocai-hekou/figures/top_products.xlsx").content))
    cells = [cell for row in book.active.iter_rows(values_only=True) for cell in row if cell]
    assert "08" in cells and any("Illustrative figures" in str(c) for c in cells)
    assert client.get("/border/bg-laocai-hekou/figures/nothing.csv").status_code == 404
    for language in ("en", "vi", "lo", "zh-hans"):
        pdf = client_for(None, language).get("/border/bg-laocai-hekou/figures/report.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_corridor_comparison_on_the_dashboard(figures):
    corridor, _ = Corridor.objects.get_or_create(slug="test-corridor", defaults={"name_en": "Test corridor"})
    for position, code in enumerate(("bg-laocai-hekou", "bg-boten-mohan")):
        CorridorNode.objects.get_or_create(corridor=corridor, position=position, defaults={
            "kind": "gate", "name_en": code, "gate": figures[code], "latitude": 20, "longitude": 104})
    response = client_for(None).get("/border/bg-laocai-hekou/figures/", {"corridor": "test-corridor"})
    assert b'data-testid="table-corridor"' in response.content
    body = client_for(None).get("/api/border/gates/bg-laocai-hekou/dashboard", {"corridor": "test-corridor"}).json()
    rows = {row["code"]: row for row in body["corridor"]["rows"]}
    assert rows["bg-boten-mohan"]["2023"] == 40000
    assert rows["bg-laocai-hekou"]["2022"] == sum(1000 + m for m in range(1, 13)) + 6000
    csv_text = client_for(None).get("/border/bg-laocai-hekou/figures/corridor.csv",
                                    {"corridor": "test-corridor"}).content.decode("utf-8-sig")
    assert "2024" in csv_text.splitlines()[0]
    assert client_for(None).get("/border/bg-laocai-hekou/figures/", {"corridor": "nowhere"}).status_code == 404
    on_corridor = client_for(None).get("/api/border/figures", {"corridor": "test-corridor", "period": "year"}).json()
    assert on_corridor["count"] == 3 and {r["gate"] for r in on_corridor["results"]} == {"bg-boten-mohan"}


def test_pressure_page_api_and_staff_forms(vn_officer, gates):
    client = client_for(vn_officer)
    response = client.post("/border/bg-laocai-hekou/capacity/", {"mode": "road_bridge", "direction": "export",
                                                                 "vehicles_per_day": 200, "source": "press, 2019"})
    assert response.status_code == 302
    assert GateCapacity.objects.get(gate=gates["bg-laocai-hekou"], mode="road_bridge", direction="export").source == (
        "press, 2019")
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    form = {"hs_code": "0810.90", "label": "Dragon fruit", "province": Province.objects.get(code="VN-40").pk,
            "starts_on": monday.isoformat(), "ends_on": (monday + dt.timedelta(days=13)).isoformat(),
            "expected_tonnes": "98000", "tonnes_per_vehicle": "20", "gates": [gates["bg-laocai-hekou"].pk]}
    bad = client.post("/border/harvests/new/", {**form, "ends_on": (monday - dt.timedelta(days=1)).isoformat()})
    assert bad.status_code == 422 and not HarvestCalendar.objects.filter(label="Dragon fruit", hs_code="081090",
                                                                         expected_tonnes=98000).exists()
    assert client.post("/border/harvests/new/", form).status_code == 302
    assert HarvestCalendar.objects.get(expected_tonnes=98000).history.first().history_user == vn_officer
    page = client.get("/border/bg-laocai-hekou/pressure/")
    assert b'data-testid="week-over"' in page.content and b'data-testid="pressure-assumptions"' in page.content
    api = client_for(None).get("/api/border/gates/bg-laocai-hekou/pressure", {"weeks": 3}).json()
    assert api["capacity"] == 200 and api["weeks"][0]["harvest"] == pytest.approx(350)
    assert api["warnings"][:2] == [monday.isoformat(), (monday + dt.timedelta(days=7)).isoformat()]
    gate_page = client_for(None).get("/border/bg-laocai-hekou/")
    assert b'data-testid="gate-figures"' in gate_page.content and b'data-testid="pressure-warning"' in gate_page.content
