"""Registry pages and services: directory search and facets, offers and needs with HS
resolution, identifiers, history, archive and merge."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.personas import client_for
from tradebridge.geo.models import Country, Province
from tradebridge.registry import services
from tradebridge.registry.models import Alias, Identifier, Organization, TradeItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def ginger_grower(vn_officer):
    laos = Country.objects.get(alpha3="LAO")
    organization = services.do_create_organization(
        actor=vn_officer, kind="enterprise", name="ກຸ່ມປູກຂີງ ທ່າແຂກ", country=laos,
        province=Province.objects.get(code="LA-KH"), name_en="Thakhek Ginger Group (test)")
    services.do_add_trade_item(organization, actor=vn_officer, direction="offer",
                               text="ຂີງສົດ 300 ໂຕນຕໍ່ປີ", markets=[Country.objects.get(alpha3="VNM")])
    return organization


@pytest.fixture
def spice_maker(vn_officer):
    organization = services.do_create_organization(
        actor=vn_officer, kind="enterprise", name="Công ty TNHH Gia vị Thử Nghiệm",
        country=Country.objects.get(alpha3="VNM"), province=Province.objects.get(code="VN-HN"))
    services.do_add_trade_item(organization, actor=vn_officer, direction="need", text="gừng tươi")
    return organization



def test_free_text_resolves_to_hs_through_the_glossary(ginger_grower):
    item = ginger_grower.trade_items.get()
    assert item.hs.code == "091011" and item.hs_resolved
    assert [c.alpha3 for c in item.markets.all()] == ["VNM"]


def test_given_hs_code_is_validated(spice_maker, vn_officer):
    item = services.do_add_trade_item(spice_maker, actor=vn_officer, direction="need",
                                      text="phân bón", hs="3105.20")
    assert item.hs.code == "310520" and not item.hs_resolved
    with pytest.raises(ValidationError, match="910.11"):
        services.do_add_trade_item(spice_maker, actor=vn_officer, direction="need", text="x", hs="910.11")
    with pytest.raises(ValidationError, match="999998"):
        services.do_add_trade_item(spice_maker, actor=vn_officer, direction="need", text="x", hs="999998")
    assert spice_maker.trade_items.count() == 2


def test_directory_finds_by_name_without_diacritics(spice_maker):
    page = Client().get(reverse("registry:directory"), {"q": "gia vi thu nghiem"}).content.decode()
    assert "Công ty TNHH Gia vị Thử Nghiệm" in page


def test_directory_finds_lao_offer_from_vietnamese_word(ginger_grower, spice_maker):
    """Searching "gừng" also finds the organisation offering "ຂີງ"."""
    page = Client().get(reverse("registry:directory"), {"q": "gừng"}).content.decode()
    results = page.split('data-testid="directory"')[1]
    assert "Thakhek Ginger Group (test)" in results or "ກຸ່ມປູກຂີງ ທ່າແຂກ" in results
    assert "Gia vị Thử Nghiệm" in results


def test_directory_facets_filter(ginger_grower, spice_maker):
    page = Client().get(reverse("registry:directory"), {"q": "gừng", "country": "LAO"}).content.decode()
    results = page.split('data-testid="directory"')[1]
    assert "Thakhek Ginger Group (test)" in results and "Gia vị Thử Nghiệm" not in results
    chapter = Client().get(reverse("registry:directory"), {"chapter": "09", "q": "thakhek"}).content.decode()
    assert "Thakhek Ginger Group (test)" in chapter


def test_directory_htmx_returns_the_results_only(spice_maker):
    response = Client().get(reverse("registry:directory"), {"q": "thu nghiem"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and "Thử Nghiệm" in response.content.decode()


def test_member_adds_and_removes_an_offer(cn_member):
    client = client_for(cn_member)
    url = reverse("registry:trade_item_add", args=["demo-zhejiang-textiles", "offer"])
    response = client.post(url, {"text": "vải lụa tơ tằm", "hs": "", "quantity": "1200", "unit": "m",
                                 "markets": ["VNM", "LAO"]})
    assert response.status_code == 302
    item = TradeItem.objects.get(organization__slug="demo-zhejiang-textiles", text="vải lụa tơ tằm")
    assert item.hs is not None and item.hs.code.startswith("50")
    archive = reverse("registry:trade_item_archive", args=["demo-zhejiang-textiles", item.pk])
    assert client.post(archive).status_code == 302
    item.refresh_from_db()
    assert item.archived_at is not None  # archived, never deleted


def test_member_cannot_touch_another_organisations_items(cn_member, spice_maker):
    item = spice_maker.trade_items.get()
    client = client_for(cn_member)
    assert client.get(reverse("registry:trade_item_add", args=[spice_maker.slug, "offer"])).status_code == 403
    archive = reverse("registry:trade_item_archive", args=[spice_maker.slug, item.pk])
    assert client.post(archive).status_code == 403
    item.refresh_from_db()
    assert item.archived_at is None


def test_bad_hs_in_form_is_reported_and_nothing_saved(cn_member):
    client = client_for(cn_member)
    url = reverse("registry:trade_item_add", args=["demo-zhejiang-textiles", "need"])
    before = TradeItem.objects.count()
    response = client.post(url, {"text": "ginger", "hs": "12"})
    assert response.status_code == 302  # a chapter is a valid, if coarse, HS code
    response = client.post(url, {"text": "ginger", "hs": "abc"})
    assert response.status_code == 200 and "abc" in response.content.decode()
    assert TradeItem.objects.count() == before + 1  # "12" is a valid chapter; "abc" saved nothing


def test_identifier_is_validated_by_country_rules(vn_officer, spice_maker):
    with translation.override("en"), pytest.raises(ValidationError, match="check digit"):
        services.do_set_identifier(spice_maker, "vn_tax_code", "0100109105", actor=vn_officer)
    services.do_set_identifier(spice_maker, "vn_tax_code", "0100109106", actor=vn_officer)
    assert spice_maker.identifiers.get().value == "0100109106"
    other = Organization.objects.get(slug="van-phuc-silk")
    with translation.override("en"), pytest.raises(ValidationError, match="already registered"):
        services.do_set_identifier(other, "vn_tax_code", "0100109106", actor=vn_officer)
    assert Identifier.objects.filter(value="0100109106").count() == 1


def test_edit_form_rejects_bad_identifier_and_changes_nothing(vn_officer, spice_maker):
    client = client_for(vn_officer)
    url = reverse("registry:organization_edit", args=[spice_maker.slug])
    data = {"name": "Renamed", "province": spice_maker.province_id, "identifier": "123"}
    response = client.post(url, data)
    assert response.status_code == 200
    spice_maker.refresh_from_db()
    assert spice_maker.name == "Công ty TNHH Gia vị Thử Nghiệm"


def test_history_shows_who_changed_what(vn_officer, spice_maker):
    services.do_update_organization(spice_maker, {"name": "Gia vị Hà Nội"}, actor=vn_officer)
    page = client_for(vn_officer).get(reverse("registry:organization_history", args=[spice_maker.slug]))
    text = page.content.decode()
    assert "hoa.vn" in text and "Gia vị Hà Nội" in text and "Công ty TNHH Gia vị Thử Nghiệm" in text


def test_history_is_not_for_outsiders(outsider, spice_maker):
    assert client_for(outsider).get(
        reverse("registry:organization_history", args=[spice_maker.slug])).status_code == 403


def test_merge_keeps_old_address_working(vn_officer, spice_maker, ginger_grower):
    old_slug = ginger_grower.slug
    services.do_merge_organizations(ginger_grower, spice_maker, actor=vn_officer)
    assert Alias.objects.get(slug=old_slug).organization == spice_maker
    response = Client().get(reverse("registry:organization", args=[old_slug]))
    assert response.status_code == 301 and response["Location"].endswith(f"/{spice_maker.slug}/")
    assert spice_maker.trade_items.filter(hs__code="091011", direction="offer").exists()
    ginger_grower.refresh_from_db()
    assert ginger_grower.archived_at is not None and ginger_grower.merged_into == spice_maker


def test_only_registry_managers_create_organisations(vn_officer, cn_member, outsider, administrator):
    url = reverse("registry:organization_new")
    for user in (cn_member, outsider):
        assert client_for(user).get(url).status_code == 403
    # An administrator belongs to no country: the blank form offers the three countries' provinces.
    for user in (vn_officer, administrator):
        page = client_for(user).get(url)
        assert page.status_code == 200 and 'name="country"' in page.content.decode()
    response = client_for(vn_officer).post(url, {"kind": "enterprise", "country": "LAO",
                                                  "name": "ບໍລິສັດ ທົດລອງ", "name_en": "Test Trading Lao"})
    assert response.status_code == 302
    assert Organization.objects.filter(slug="test-trading-lao", country__alpha3="LAO").exists()


def test_create_form_names_a_province_of_another_country(vn_officer):
    response = client_for(vn_officer).post(reverse("registry:organization_new"), {
        "kind": "enterprise", "country": "LAO", "name": "X", "province": Province.objects.get(code="VN-HN").pk})
    assert response.status_code == 200 and "province" in response.content.decode()
    assert not Organization.objects.filter(name="X").exists()


def test_hs_picker_suggests_from_any_language():
    page = Client().get(reverse("catalog:picker"), {"q": "ຂີງ"}).content.decode()
    assert "0910.11" in page


def test_organisation_page_recommends_the_cross_border_partner(ginger_grower, spice_maker):
    html = Client().get(reverse("registry:organization", args=[spice_maker.slug])).content.decode()
    panel = html.split('data-testid="recommendations"')[1]
    assert ginger_grower.display_name in panel
    assert "recommendations-updating" not in panel


def test_organisation_page_says_when_suggestions_are_being_updated(spice_maker, monkeypatch):
    from tradebridge.registry import views

    monkeypatch.setattr(views, "is_rebuilding", lambda: True)
    html = Client().get(reverse("registry:organization", args=[spice_maker.slug])).content.decode()
    assert 'data-testid="recommendations-updating"' in html
