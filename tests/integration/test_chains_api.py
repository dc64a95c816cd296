"""Chains in the API (/api/chains): list, detail, the definition document (GET, PUT, POST), members,
the gap report and candidates, with the pages' permissions (404 invisible, 403 not allowed, 422
naming the stage, code or field, nothing changed)."""

from __future__ import annotations

import json

import pytest

from tests.factories import chains as chain_factory
from tests.factories.registry import org
from tests.personas import client_for, make_user
from tradebridge.accounts.models import Role
from tradebridge.agreements import services as agreement_services
from tradebridge.chains.models import Chain

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
JSON = "application/json"


@pytest.fixture
def chain(vn_officer):
    mou = agreement_services.do_create_agreement(
        actor=vn_officer, parties=[agreement_services.PartyIn(org("hanoi-doit")),
                                   agreement_services.PartyIn(org("vientiane-doic"))],
        level="ministry", kind="mou", title="MOU chains (API test)", category="linkage_chain", visibility="public")
    return chain_factory.chain(actor=vn_officer, agreement=mou)


@pytest.fixture
def cn_officer(db):
    return make_user("li.cn", Role.AGENCY_STAFF, "honghe-commerce")


def _state(slug="test-dairy"):
    chain = Chain.objects.get(slug=slug)
    return (chain.name_en, chain.archived_at,
            list(chain.stages.values_list("key", "position", "subheadings")),
            list(chain.members.values_list("organization__slug", "stage__key", "role", "status", "archived_at")))


def test_list_detail_and_definition(chain):
    client = client_for(None)
    listed = client.get("/api/chains").json()
    assert "test-dairy" in [c["slug"] for c in listed]
    detail = client.get("/api/chains/test-dairy").json()
    assert [s["id"] for s in detail["stages"]] == ["inputs", "milk", "processed", "packaging"]
    assert detail["stages"][1]["subheadings"] == ["040110", "040120", "040140", "040150"]
    assert detail["can_edit"] is False and detail["agreement"] == chain.agreement_id
    document = client.get("/api/chains/test-dairy/definition").json()
    assert document == chain_factory.definition() | {"name": chain_factory.DAIRY["name"]}
    assert client.get("/api/chains/nope").status_code == 404


def test_create_by_post_and_replace_by_put(vn_officer):
    client = client_for(vn_officer)
    document = chain_factory.definition("test-api")
    created = client.post("/api/chains?horizon_year=2030", json.dumps(document), content_type=JSON)
    assert created.status_code == 201, created.content
    assert created.json()["horizon_year"] == 2030
    document["stages"] = [*document["stages"][:2], {"id": "cheese", "name": {"en": "Cheese"}, "hs": ["0406"]}]
    replaced = client.put("/api/chains/test-api/definition", json.dumps(document), content_type=JSON)
    assert replaced.status_code == 200
    assert [s["id"] for s in replaced.json()["stages"]] == ["inputs", "milk", "cheese"]
    assert Chain.objects.get(slug="test-api").horizon_year == 2030  # kept by a PUT of the definition


@pytest.mark.parametrize(("document", "words"), [
    ({"stages": [{"id": "feed", "name": {"en": "Feed"}, "hs": ["0499"]}]}, ["feed", "0499"]),
    ({"stages": [{"id": "a", "name": {"en": "A"}, "hs": ["0401"]}, {"id": "b", "name": {"en": "B"},
                                                                     "hs": ["040120"]}]}, ["040120"]),
    ({"stages": [{"id": "empty", "name": {"en": "Empty"}, "hs": []}]}, ["empty"]),
    ({"format": "tradebridge.chain/9"}, ["tradebridge.chain/9"]),
    ({"id": "other-id"}, ["other-id"]),
])
def test_a_bad_definition_is_422_naming_stage_and_code_and_changes_nothing(chain, vn_officer, document, words):
    before = _state()
    response = client_for(vn_officer).put("/api/chains/test-dairy/definition",
                                          json.dumps(chain_factory.definition() | document), content_type=JSON)
    assert response.status_code == 422
    body = response.json()
    assert body["fields"] == ["definition"]
    for word in words:
        assert word in body["message"]
    assert _state() == before


def test_removing_a_stage_with_members_is_refused(chain, vn_officer):
    client = client_for(vn_officer)
    added = client.post("/api/chains/test-dairy/members", json.dumps(
        {"stage": "packaging", "organization": "demo-vn-nghean-dairy", "role": "distributor"}), content_type=JSON)
    assert added.status_code == 201
    before = _state()
    document = chain_factory.definition(stages=chain_factory.DAIRY["stages"][:3])
    response = client.put("/api/chains/test-dairy/definition", json.dumps(document), content_type=JSON)
    assert response.status_code == 422 and "packaging" in response.json()["message"]
    assert _state() == before


def test_members_post_patch_archive(chain, lao_officer):
    client = client_for(lao_officer)
    response = client.post("/api/chains/test-dairy/members", json.dumps(
        {"stage": "inputs", "organization": "demo-la-champasak-cattle", "role": "supplier", "is_sme": True}),
        content_type=JSON)
    assert response.status_code == 201, response.content
    member = response.json()
    assert (member["country"], member["stage"], member["is_sme"], member["status"]) == ("LAO", "inputs", True,
                                                                                        "candidate")
    duplicate = client.post("/api/chains/test-dairy/members", json.dumps(
        {"stage": "inputs", "organization": "demo-la-champasak-cattle", "role": "supplier"}), content_type=JSON)
    assert duplicate.status_code == 422 and duplicate.json()["fields"] == ["organization"]
    for payload, field in (({"stage": "nope"}, "stage"), ({"status": "committed"}, "agreement"),
                           ({"role": "king"}, "role")):
        bad = client.patch(f"/api/chains/test-dairy/members/{member['id']}", json.dumps(payload), content_type=JSON)
        assert bad.status_code == 422 and field in bad.json()["fields"], payload
    patched = client.patch(f"/api/chains/test-dairy/members/{member['id']}",
                           json.dumps({"status": "trading", "note": "sells to Nghe An"}), content_type=JSON)
    assert patched.status_code == 200
    assert (patched.json()["status"], patched.json()["note"], patched.json()["is_sme"]) == (
        "trading", "sells to Nghe An", True)
    assert [m["id"] for m in client.get("/api/chains/test-dairy/members").json()] == [member["id"]]
    archived = client.post(f"/api/chains/test-dairy/members/{member['id']}/archive")
    assert archived.status_code == 200
    assert client.get("/api/chains/test-dairy/members").json() == []


def test_gaps_follow_the_spec_and_bad_parameters_are_422(chain):
    client = client_for(None)
    report = client.get("/api/chains/test-dairy/gaps", {"year": 2023, "exporter": "LAO", "importer": "VNM",
                                                         "top": 2}).json()
    assert report["format"] == "tradebridge.chain-gaps/1" and report["chain"] == "test-dairy"
    assert (report["year"], report["exporter"], report["importer"]) == (2023, "LAO", "VNM")
    inputs = report["stages"][0]
    assert inputs["id"] == "inputs" and len(inputs["products"]) <= 2
    assert set(inputs["flows"]) == {"exporter_to_importer", "importer_to_exporter", "importer_imports_world"}
    assert "demo-la-champasak-cattle" in inputs["products"][0]["members"]["exporter"]
    assert client.get("/api/chains/test-dairy/gaps", {"year": 1990}).status_code == 422
    assert client.get("/api/chains/test-dairy/gaps", {"exporter": "VNM", "importer": "VNM"}).status_code == 422
    assert client.get("/api/chains/test-dairy/gaps", {"top": 0}).status_code == 422


def test_candidates_for_editors_only(chain, vn_officer, outsider):
    found = client_for(vn_officer).get("/api/chains/test-dairy/candidates", {"stage": "inputs", "country": "LAO"})
    assert found.status_code == 200
    assert "demo-la-champasak-cattle" in [c["organization"] for c in found.json()]
    assert client_for(vn_officer).get("/api/chains/test-dairy/candidates",
                                      {"stage": "nope", "country": "LAO"}).status_code == 422
    assert client_for(outsider).get("/api/chains/test-dairy/candidates",
                                    {"stage": "inputs", "country": "LAO"}).status_code == 403


@pytest.mark.parametrize("persona", [None, "outsider", "cn_member", "cn_officer"])
def test_who_may_not_change_a_vietnam_laos_chain(request, chain, persona):
    client = client_for(request.getfixturevalue(persona) if persona else None)
    expected = 401 if persona is None else 403
    before = _state()
    document = json.dumps(chain_factory.definition())
    member = json.dumps({"stage": "inputs", "organization": "demo-la-champasak-cattle", "role": "supplier"})
    assert client.put("/api/chains/test-dairy/definition", document, content_type=JSON).status_code == expected
    assert client.post("/api/chains/test-dairy/members", member, content_type=JSON).status_code == expected
    assert client.delete("/api/chains/test-dairy").status_code == expected
    if persona != "cn_officer":  # any agency staff may start a chain of its own
        assert client.post("/api/chains", json.dumps(chain_factory.definition("test-x")),
                           content_type=JSON).status_code == expected
    assert _state() == before and not Chain.objects.filter(slug="test-x").exists()


def test_archived_and_private_chains_are_404(chain, vn_officer, outsider):
    private = chain_factory.chain("test-private", actor=vn_officer, is_public=False)
    assert client_for(outsider).get("/api/chains/test-private").status_code == 404
    assert "test-private" not in [c["slug"] for c in client_for(outsider).get("/api/chains").json()]
    assert client_for(vn_officer).get("/api/chains/test-private").status_code == 200
    assert client_for(vn_officer).delete("/api/chains/test-dairy").status_code == 204
    client = client_for(vn_officer)
    assert client.get("/api/chains/test-dairy").status_code == 404
    assert client.put("/api/chains/test-dairy/definition", json.dumps(chain_factory.definition()),
                      content_type=JSON).status_code == 404
    assert private.archived_at is None
