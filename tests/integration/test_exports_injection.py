"""Every Excel and CSV export writes text a spreadsheet would run as a formula as plain text
(issue 16, item 7: OWASP CSV injection)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.personas import client_for
from tradebridge.agreements import services
from tradebridge.geo.models import Country
from tradebridge.registry.models import Organization
from tradebridge.trade.models import InvestmentRecord

pytestmark = pytest.mark.django_db
ATTACK = '=HYPERLINK("http://evil.example","EN")'


def cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(content: bytes) -> None:
    found = cells(content)
    assert not [c.coordinate for c in found if c.data_type == "f"]
    assert "'" + ATTACK in [c.value for c in found]


def test_the_agreement_register_export(vn_officer):
    services.do_create_agreement(
        actor=vn_officer, parties=[services.PartyIn(Organization.objects.get(slug=s)) for s in ("hanoi-doit", "laocai-doit")],
        level="agency", kind="mou", title=ATTACK, category="logistics", signed_on=dt.date(2024, 2, 1),
        visibility="public")
    response = client_for(None).get("/agreements/export.xlsx")
    assert response.status_code == 200
    assert_no_formula(response.content)


@pytest.fixture
def hostile_investment(db):
    return InvestmentRecord.objects.create(
        source_country=Country.objects.get(alpha3="CHN"), destination_country=Country.objects.get(alpha3="VNM"),
        year=2023, kind="total", projects=1, capital=1000, currency="USD", capital_usd=1000, sector=ATTACK,
        source="test")


def test_the_investments_excel_export(hostile_investment):
    response = client_for(None).get(reverse("trade:download", args=["investments", "investments", "xlsx"]))
    assert response.status_code == 200
    assert_no_formula(response.content)


def test_the_investments_csv_export(hostile_investment):
    response = client_for(None).get(reverse("trade:download", args=["investments", "investments", "csv"]))
    text = response.content.decode("utf-8-sig")
    assert "'" + ATTACK.replace('"', '""') in text
    assert not [line for line in text.splitlines() if line.startswith("=") or ",=" in line]
