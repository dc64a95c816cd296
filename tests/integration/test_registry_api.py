"""Registry API: CRUD with the same permissions as the pages, errors as JSON."""

import json

import pytest
from django.test import Client

from tests.personas import client_for
from tradebridge.registry.models import Organization, TradeItem

pytestmark = pytest.mark.django_db



def post(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def patch(client, url, payload):
    return client.patch(url, json.dumps(payload), content_type="application/json")


NEW = {"kind": "enterprise", "name": "云南测试贸易有限公司", "name_en": "Yunnan Test Trading",
       "country": "CHN", "province": "CN-YN", "sectors": [], "identifier": "91330100716105852F"}


def test_agency_staff_creates_an_organisation(lao_officer):
    response = post(client_for(lao_officer), "/api/organizations", NEW)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "yunnan-test-trading" and body["identifiers"] == {"cn_uscc": "91330100716105852F"}


@pytest.mark.parametrize("persona", ["cn_member", "outsider"])
def test_others_cannot_create(request, persona):
    response = post(client_for(request.getfixturevalue(persona)), "/api/organizations", NEW)
    assert response.status_code == 403 and response.json()["message"]
    assert not Organization.objects.filter(name_en="Yunnan Test Trading").exists()


def test_anonymous_writes_are_401():
    assert post(Client(), "/api/organizations", NEW).status_code == 401
    assert patch(Client(), "/api/organizations/van-phuc-silk", {"name": "x"}).status_code == 401


def test_bad_identifier_is_refused_and_nothing_created(lao_officer):
    response = post(client_for(lao_officer), "/api/organizations", {**NEW, "identifier": "91330100716105852A"})
    assert response.status_code == 422 and "cn_uscc" in response.json()["message"]
    assert not Organization.objects.filter(name_en="Yunnan Test Trading").exists()


def test_unknown_country_and_province_are_named(lao_officer):
    client = client_for(lao_officer)
    response = post(client, "/api/organizations", {**NEW, "country": "XYZ"})
    assert response.status_code == 422 and "XYZ" in response.json()["message"]
    response = post(client, "/api/organizations", {**NEW, "province": "VN-HN"})
    assert response.status_code == 422 and "VN-HN" in response.json()["message"]


def test_member_patches_own_but_not_others(cn_member):
    client = client_for(cn_member)
    response = patch(client, "/api/organizations/demo-zhejiang-textiles", {"description": "Silk and velvet"})
    assert response.status_code == 200 and response.json()["description"] == "Silk and velvet"
    response = patch(client, "/api/organizations/hanoi-doit", {"description": "hijack"})
    assert response.status_code == 403
    assert Organization.objects.get(slug="hanoi-doit").description == ""


def test_patch_validates_fields(cn_member):
    response = patch(client_for(cn_member), "/api/organizations/demo-zhejiang-textiles",
                     {"contact_email": "not-an-email"})
    assert response.status_code == 422 and "contact_email" in response.json()["message"]


def test_items_crud_with_resolution(cn_member):
    client = client_for(cn_member)
    url = "/api/organizations/demo-zhejiang-textiles/items"
    response = post(client, url, {"direction": "need", "text": "生姜", "markets": ["LAO"]})
    assert response.status_code == 201
    item = response.json()
    assert item["hs"] == "091011" and item["hs_resolved"] and item["markets"] == ["LAO"]
    response = client.put(f"{url}/{item['id']}", json.dumps(
        {"direction": "need", "text": "生姜", "hs": "0910.12", "quantity": "20", "unit": "t"}),
        content_type="application/json")
    assert response.status_code == 200 and response.json()["hs"] == "091012"
    assert client.delete(f"{url}/{item['id']}").status_code == 204
    assert TradeItem.objects.get(pk=item["id"]).archived_at is not None


def test_item_with_malformed_hs_is_refused(cn_member):
    response = post(client_for(cn_member), "/api/organizations/demo-zhejiang-textiles/items",
                    {"direction": "offer", "text": "silk", "hs": "50072"})
    assert response.status_code == 422 and "50072" in response.json()["message"]


def test_member_cannot_add_items_elsewhere(cn_member):
    response = post(client_for(cn_member), "/api/organizations/van-phuc-silk/items",
                    {"direction": "offer", "text": "silk"})
    assert response.status_code == 403


def test_archive_is_for_registry_managers(cn_member, vn_officer):
    assert client_for(cn_member).delete("/api/organizations/demo-zhejiang-textiles").status_code == 403
    assert client_for(vn_officer).delete("/api/organizations/demo-zhejiang-textiles").status_code == 204
    assert Organization.objects.get(slug="demo-zhejiang-textiles").archived_at is not None
    assert Client().get("/api/organizations/demo-zhejiang-textiles").status_code == 404


def test_list_searches_in_any_language():
    found = Client().get("/api/organizations", {"q": "bat trang"}).json()
    assert "bat-trang-ceramics" in [o["slug"] for o in found]


def test_contacts_hidden_from_anonymous():
    body = Client().get("/api/organizations/van-phuc-silk").json()
    assert body["contact_email"] is None and body["address"] is None


def test_recommendations_endpoint_answers():
    response = Client().get("/api/organizations/demo-khammouane-ginger/recommendations", {"top": 5})
    assert response.status_code == 200 and isinstance(response.json(), list)
    assert Client().get("/api/organizations/nobody/recommendations").status_code == 404
