"""The data step of trade migration 0002: records written before investment records had a kind
counted capital contributions and share purchases as projects; they become contributions."""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from tradebridge.geo.models import Country, Province
from tradebridge.trade.models import InvestmentRecord

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("tradebridge.trade.migrations.0002_investment_kind_qualifier_ranks")


def test_old_contribution_records_stop_counting_as_projects():
    common = {"source_country": Country.objects.get(alpha3="LAO"), "destination_country": Country.objects.get(
        alpha3="VNM"), "destination_province": Province.objects.get(code="VN-HN"), "year": 2019,
        "period": "cumulative", "source": "migration test"}
    contributions = InvestmentRecord.objects.create(
        **common, projects=4, capital=Decimal("6172000"), capital_usd=Decimal("6172000"),
        sector="capital contributions and share purchases")
    new = InvestmentRecord.objects.create(
        **common, projects=5, capital=Decimal("4340000"), capital_usd=Decimal("4340000"),
        sector="new projects (trade, real estate)")
    other = InvestmentRecord.objects.create(
        **common, projects=214, capital=Decimal("5340000000"), capital_usd=Decimal("5340000000"), sector="")
    MIGRATION.split_contributions(apps, None)
    for record in (contributions, new, other):
        record.refresh_from_db()
    assert (contributions.kind, contributions.projects, contributions.contributions) == ("contributions", None, 4)
    assert (new.kind, new.projects) == ("new_projects", 5)
    assert (other.kind, other.projects) == ("total", 214)
    MIGRATION.merge_contributions(apps, None)
    contributions.refresh_from_db()
    assert contributions.projects == 4
