"""Declared values in USD at the signing year's average rate (illustrative table)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.agreements import fx, queries, services
from tradebridge.agreements.models import Agreement
from tradebridge.registry.models import Organization

D = dt.date


def test_rates_file_names_its_source_and_is_labelled_illustrative():
    assert "PA.NUS.FCRF" in fx.source() and fx.is_illustrative()
    assert {"VND", "LAK", "CNY", "USD"} <= set(fx.table()["rates"])


def test_conversion_uses_the_signing_year_and_no_other():
    assert fx.to_usd(Decimal("23271000"), "VND", 2022) == Decimal("1000.00")
    assert fx.to_usd(Decimal(5), "USD", 2024) == Decimal("5.00")
    assert fx.to_usd(Decimal(1000), "VND", 2031) is None
    assert fx.to_usd(Decimal(1000), "VND", None) is None
    assert fx.to_usd(None, "VND", 2022) is None
    assert fx.to_usd(Decimal(1000), "", 2022) is None


@given(st.decimals(min_value=0, max_value=10**12, places=2), st.sampled_from(["VND", "LAK", "CNY", "USD"]),
       st.integers(min_value=2019, max_value=2024))
def test_conversion_is_never_negative_and_rounds_to_cents(value, currency, year):
    usd = fx.to_usd(value, currency, year)
    assert usd is not None and usd >= 0 and usd == usd.quantize(Decimal("0.01"))


@pytest.mark.django_db
def test_register_sums_in_usd_and_counts_values_without_a_rate(vn_officer):
    parties = [services.PartyIn(Organization.objects.get(slug=s)) for s in ("hanoi-doit", "vientiane-doic")]
    common = {"actor": vn_officer, "parties": parties, "level": "agency", "category": "investment",
              "title": "FX MOU"}
    a = services.do_create_agreement(signed_on=D(2022, 5, 1), declared_value=Decimal("23271000"), currency="VND",
                                     **common)
    b = services.do_create_agreement(signed_on=D(2023, 5, 1), declared_value=Decimal("250"), currency="USD",
                                     **common)
    c = services.do_create_agreement(signed_on=D(2030, 5, 1), declared_value=Decimal("9"), currency="LAK",
                                     **common)
    assert a.declared_value_usd == Decimal("1000.00") and c.declared_value_usd is None
    found = Agreement.objects.filter(pk__in=[a.pk, b.pk, c.pk])
    breakdown = queries.category_breakdown(found)
    assert breakdown.usd_total == Decimal("1250.00") and breakdown.unconverted == 1
