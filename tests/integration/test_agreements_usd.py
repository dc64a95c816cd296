"""The USD equivalent of declared values on the detail page, the register and the API."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.personas import client_for
from tradebridge.agreements import services
from tradebridge.registry.models import Organization

pytestmark = pytest.mark.django_db


def test_detail_register_and_api_show_usd(vn_officer):
    parties = [services.PartyIn(Organization.objects.get(slug=s)) for s in ("hanoi-doit", "vientiane-doic")]
    agreement = services.do_create_agreement(
        actor=vn_officer, parties=parties, level="agency", category="investment", title="USD check MOU",
        signed_on=dt.date(2022, 5, 1), declared_value=Decimal("46542000"), currency="VND")
    client = client_for()
    detail = client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "≈ 2,000 USD" in detail and "average rate of 2022" in detail and "illustrative rates" in detail
    register = client.get("/agreements/", {"q": "USD check MOU"}).content.decode()
    assert 'data-testid="breakdown-usd">2,000 USD' in register and "PA.NUS.FCRF" in register
    api = client.get(f"/api/agreements/{agreement.pk}").json()
    assert Decimal(api["declared_value_usd"]) == Decimal("2000.00")
    breakdown = client.get("/api/agreements/breakdown", {"q": "USD check MOU"}).json()
    assert Decimal(breakdown["usd_total"]) == Decimal("2000.00") and breakdown["rates_illustrative"] is True


def test_a_value_in_usd_counts_as_itself_everywhere(vn_officer):
    parties = [services.PartyIn(Organization.objects.get(slug=s)) for s in ("hanoi-doit", "vientiane-doic")]
    agreement = services.do_create_agreement(
        actor=vn_officer, parties=parties, level="agency", category="investment", title="Dollar MOU",
        signed_on=dt.date(1990, 5, 1), declared_value=Decimal("2000000.00"), currency="USD")
    assert agreement.declared_value_usd == Decimal("2000000.00")
    english = client_for(language="en")
    detail = english.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "2,000,000 USD" in detail and "2000000.00" not in detail
    register = english.get("/agreements/", {"q": "Dollar MOU"}).content.decode()
    assert 'data-testid="breakdown-usd">2,000,000 USD' in register and "left out of the USD sum" not in register
    vietnamese = client_for(language=None).get("/agreements/", {"q": "Dollar MOU"}).content.decode()
    assert 'data-testid="breakdown-usd">2.000.000 USD' in vietnamese
    breakdown = english.get("/api/agreements/breakdown", {"q": "Dollar MOU"}).json()
    assert Decimal(breakdown["usd_total"]) == Decimal("2000000.00")
