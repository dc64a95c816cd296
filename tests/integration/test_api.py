"""The JSON API: reference reads, product search, errors as JSON with a message."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return Client()


def test_openapi_docs(api):
    assert api.get("/api/docs").status_code == 200
    schema = api.get("/api/openapi.json").json()
    assert "/api/products/search" in schema["paths"] and "/api/countries" in schema["paths"]


def test_countries_in_a_language(api):
    laos = api.get("/api/countries/lao", {"lang": "vi"}).json()
    assert laos["name"] == "Lào" and laos["names"]["lo"] == "ລາວ" and laos["alpha2"] == "LA"
    found = api.get("/api/countries", {"q": "trung quoc"}).json()
    assert [c["alpha3"] for c in found] == ["CHN"]


def test_provinces_and_zones(api):
    provinces = api.get("/api/provinces", {"country": "LAO", "lang": "zh-hans"}).json()
    assert len(provinces) == 18 and any("万象" in p["name"] for p in provinces)
    gates = api.get("/api/zones", {"kind": "border_gate", "country": "CHN"}).json()
    assert {"bg-laocai-hekou"} <= {g["code"] for g in gates}
    assert all(g["partner_country"] == "CHN" or g["country"] == "CHN" for g in gates)


def test_hs_code_with_terms(api):
    ginger = api.get("/api/hs/0910.11", {"lang": "lo"}).json()
    assert ginger["code"] == "091011" and ginger["parent"] == "0910"
    assert "ຂີງ" in ginger["terms"]["lo"] and "生姜" in ginger["terms"]["zh-hans"]
    chapters = api.get("/api/hs").json()
    assert len(chapters) == 97
    headings = api.get("/api/hs", {"parent": "09"}).json()
    assert "0910" in [h["code"] for h in headings]


@pytest.mark.parametrize("query", ["ຂີງ", "生姜", "gừng", "gung", "ginger", "ຂີງສົດ, 300 ໂຕນຕໍ່ປີ"])
def test_product_search(api, query):
    hits = api.get("/api/products/search", {"q": query}).json()
    assert hits[0]["hs"]["code"] == "091011"


def test_nong_san_does_not_hit_cassava(api):
    hits = api.get("/api/products/search", {"q": "nông sản"}).json()
    assert "071410" not in [h["hs"]["code"] for h in hits]


def test_malformed_hs_code_is_a_json_error(api):
    response = api.get("/api/hs/910.11")
    assert response.status_code == 400
    assert "910.11" in response.json()["message"]


def test_unknown_hs_code_is_404_json(api):
    response = api.get("/api/hs/999998")
    assert response.status_code == 404 and response.json()["message"]


def test_unknown_language_is_a_json_error(api):
    response = api.get("/api/countries", {"lang": "xx"})
    assert response.status_code == 400
    assert "'xx'" in response.json()["message"] and "vi" in response.json()["message"]


def test_missing_query_is_a_json_validation_error(api):
    response = api.get("/api/products/search")
    assert response.status_code == 422
    body = response.json()
    assert "q" in body["message"] and body["fields"]


def test_too_long_query_is_refused(api):
    response = api.get("/api/products/search", {"q": "x" * 500})
    assert response.status_code == 422 and "q" in response.json()["message"]


def test_bad_zone_kind_is_refused(api):
    response = api.get("/api/zones", {"kind": "castle"})
    assert response.status_code == 422 and "kind" in response.json()["message"]


def test_unknown_organisation_is_404_json(api):
    response = api.get("/api/organizations/nobody")
    assert response.status_code == 404 and response.json()["message"]
