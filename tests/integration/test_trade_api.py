"""/api/trade: indicators, dashboard data, export potential, reported figures, investments."""

from __future__ import annotations

import pytest

from tradebridge.trade.models import InvestmentRecord

pytestmark = pytest.mark.django_db


def test_indicator_rca_records(client):
    response = client.get("/api/trade/indicators/rca", {"year": 2023, "reporter": "LAO", "level": 2})
    assert response.status_code == 200
    records = response.json()
    assert records and all(r["country"] == "LAO" and r["year"] == 2023 for r in records)
    assert all(isinstance(r["product"], str) and len(r["product"]) == 2 for r in records)


def test_indicator_tci_for_a_pair(client):
    records = client.get("/api/trade/indicators/tci", {"year": 2022, "reporter": "VNM", "partner": "LAO"}).json()
    assert len(records) == 1 and 0 <= records[0]["value"] <= 100


@pytest.mark.parametrize(("url", "params", "status", "word"), [
    ("/api/trade/indicators/nope", {}, 400, "unknown indicator"),
    ("/api/trade/indicators/rca", {"year": 1990}, 400, "1990"),
    ("/api/trade/indicators/rca", {"level": 3}, 400, "level"),
    ("/api/trade/indicators/rca", {"reporter": "V1"}, 400, "reporter"),
    ("/api/trade/indicators/rca", {"year": "abc"}, 422, "year"),
    ("/api/trade/dashboard", {"reporter": "VN"}, 400, "reporter"),
    ("/api/trade/dashboard", {"year": 1990}, 400, "year"),
    ("/api/trade/dashboard", {"reporter": "LAO", "partner": "LAO"}, 400, "partner"),
    ("/api/trade/potential", {"limit": 0}, 422, "limit"),
    ("/api/trade/reported", {"reporter": "??"}, 400, "reporter"),
    ("/api/trade/investments", {"source": "Laos"}, 400, "source"),
])
def test_bad_parameters_get_a_json_message(client, url, params, status, word):
    response = client.get(url, params)
    assert response.status_code == status
    assert word in response.json()["message"]


def test_dashboard_data_says_it_is_synthetic(client):
    data = client.get("/api/trade/dashboard", {"reporter": "VNM", "partner": "LAO", "year": 2022}).json()
    assert data["synthetic"] is True and 2022 in data["synthetic_years"]
    assert [r["year"] for r in data["totals"]] == data["years"]
    assert data["composition"] and data["top_exports"] and data["rca"]
    assert 0 <= data["complementarity"]["reporter_exports_partner_imports"] <= 100


def test_export_potential_with_reasons(client):
    response = client.get("/api/trade/potential", {"reporter": "VNM", "partner": "CHN", "limit": 5})
    assert response["X-Synthetic-Years"] == "2019,2020,2021,2022,2023"
    rows = response.json()
    assert 0 < len(rows) <= 5
    assert all(r["exporter_rca"] >= 1 and r["reasons"] for r in rows)
    assert rows == sorted(rows, key=lambda r: -r["untapped"])


def test_reported_figures(client):
    data = client.get("/api/trade/reported", {"reporter": "VN-HN", "partner": "LAO"}).json()
    imports = next(f for f in data["figures"] if f["flow"] == "import" and f["year"] == 2022)
    assert imports["value"] == 211_000_000
    assert {g["group"] for g in imports["groups"]} == {"agricultural_products", "fertilizers", "food"}


def test_investments_list_and_filter(client):
    rows = client.get("/api/trade/investments", {"source": "VNM", "destination": "LAO"}).json()
    assert {(r["year"], r["period"], r["projects"]) for r in rows} >= {(2022, "year", None), (2023, "cumulative", 214)}
    assert all(not r["is_illustrative"] and r["source"] for r in rows)


PAYLOAD = {"source_country": "LAO", "destination_country": "VNM", "destination_province": "VN-HN",
           "year": 2024, "projects": 1, "capital": "1000000", "capital_usd": "1000000", "source": "api test"}


def test_agency_staff_create_records_through_the_api(client, lao_officer):
    client.force_login(lao_officer)
    response = client.post("/api/trade/investments", PAYLOAD, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["destination_province"] == "VN-HN"


def test_api_create_names_bad_fields(client, administrator):
    client.force_login(administrator)
    response = client.post("/api/trade/investments", {**PAYLOAD, "destination_province": "LA-VT"},
                           content_type="application/json")
    assert response.status_code == 422 and "destination_province" in response.json()["message"]
    response = client.post("/api/trade/investments", {**PAYLOAD, "source_country": "XXX"},
                           content_type="application/json")
    assert response.status_code == 422 and "source_country" in response.json()["message"]


@pytest.mark.parametrize("persona", [None, "outsider", "cn_member"])
def test_visitors_and_members_cannot_create_records(client, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.post("/api/trade/investments", PAYLOAD, content_type="application/json")
    assert response.status_code == (401 if persona is None else 403)
    assert "message" in response.json()
    assert not InvestmentRecord.objects.filter(source="api test").exists()


def test_api_records_contributions_apart_from_projects_with_a_qualifier(client, lao_officer):
    client.force_login(lao_officer)
    payload = {**PAYLOAD, "kind": "contributions", "projects": None, "contributions": 4,
               "qualifier": "more than", "capital": "6172000", "capital_usd": "6172000",
               "investor_rank": 2, "investor_rank_of": 40}
    response = client.post("/api/trade/investments", payload, content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert (data["kind"], data["projects"], data["contributions"], data["qualifier"]) == (
        "contributions", None, 4, "more_than")
    assert (data["investor_rank"], data["investor_rank_of"]) == (2, 40)


@pytest.mark.parametrize(("changes", "word"), [
    ({"qualifier": "roughly"}, "qualifier"),
    ({"kind": "contributions", "projects": 4}, "projects"),
    ({"kind": "gift"}, "kind"),
    ({"destination_rank": 80, "destination_rank_of": 79}, "destination_rank"),
])
def test_api_refuses_bad_kinds_qualifiers_and_ranks(client, administrator, changes, word):
    client.force_login(administrator)
    response = client.post("/api/trade/investments", {**PAYLOAD, **changes}, content_type="application/json")
    assert response.status_code == 422 and word in response.json()["message"]
    assert not InvestmentRecord.objects.filter(source="api test").exists()
