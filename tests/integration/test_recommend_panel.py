"""The organisation page's recommendations panel says why it shows fewer partners than asked
(issue 15): the products nobody offers or needs yet, and texts with no recognised product."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.personas import client_for
from tradebridge.geo.models import Country, Province
from tradebridge.registry import services

pytestmark = pytest.mark.django_db


def test_panel_names_the_products_no_partner_offers_yet(vn_officer):
    organization = services.do_create_organization(
        actor=vn_officer, kind="enterprise", name="Công ty TNHH Gốm Thử Nghiệm",
        country=Country.objects.get(alpha3="VNM"), province=Province.objects.get(code="VN-HN"))
    services.do_add_trade_item(organization, actor=vn_officer, direction="offer", text="cao su tự nhiên")
    services.do_add_trade_item(organization, actor=vn_officer, direction="need", text="đồ cổ",
                               hs="9706.10")  # antiques: nobody in the registry offers them
    services.do_add_trade_item(organization, actor=vn_officer, direction="offer", text="xyzzy qwerty")
    html = client_for(None).get(reverse("registry:organization", args=[organization.slug])).content.decode()
    panel = html.split('data-testid="recommendations"')[1]
    assert 'data-testid="recommendations-unmatched"' in panel
    assert "No partner offers “đồ cổ” yet." in panel
    assert "“xyzzy qwerty”: no product recognised yet; add its HS code." in panel
    rubber = organization.trade_items.get(direction="offer", text="cao su tự nhiên")
    assert rubber.hs.code.startswith("4001")  # issue 15: it used to resolve to hoes (8201.30)
