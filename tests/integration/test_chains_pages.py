"""Chain pages through the Django test client: the list and the chain page (stages, members, the
heat map of bilateral flows, the gap report, candidates), creating and editing a chain with its
stages, uploading and downloading its definition, members, history, and every role that must be
refused."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from tests.factories import chains as chain_factory
from tests.factories.registry import org
from tests.personas import client_for, make_user
from tradebridge.accounts.models import Role
from tradebridge.agreements import services as agreement_services
from tradebridge.chains import services
from tradebridge.chains.models import Chain, Member, Stage
from tradebridge.geo.models import Zone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def mou(vn_officer):
    """A Vietnam–Laos agreement between the two agencies: the chain implements it."""
    return agreement_services.do_create_agreement(
        actor=vn_officer, parties=[agreement_services.PartyIn(org("hanoi-doit")),
                                   agreement_services.PartyIn(org("vientiane-doic"))],
        level="ministry", kind="mou", title="MOU on industrial linkage chains (test)", category="linkage_chain",
        visibility="public")


@pytest.fixture
def chain(vn_officer, mou):
    return chain_factory.chain(actor=vn_officer, agreement=mou, horizon_year=2030)


@pytest.fixture
def cn_officer(db):
    """Staff of a Chinese agency (Honghe commerce bureau): not a party to a Vietnam–Laos chain."""
    return make_user("li.cn", Role.AGENCY_STAFF, "honghe-commerce", time_zone="Asia/Shanghai")


def _stage(chain, key) -> Stage:
    return chain.stages.get(key=key)


def _member(chain, slug="demo-la-champasak-cattle", stage="inputs", **extra) -> Member:
    return services.do_add_member(chain, actor=None, stage=_stage(chain, stage), organization=org(slug),
                                  role=extra.pop("role", "supplier"), **extra)


def _snapshot(chain) -> tuple:
    chain.refresh_from_db()
    return (chain.name_en, chain.name_lo, chain.agreement_id,
            list(chain.stages.values_list("key", "position", "name_en", "hs_codes", "subheadings")),
            list(chain.members.values_list("organization__slug", "stage__key", "role", "status", "archived_at")))


# -- reading ----------------------------------------------------------------------------------

def test_list_shows_names_in_the_readers_language_with_members_per_country(chain):
    _member(chain)
    _member(chain, "demo-vn-nghean-dairy", "milk", role="manufacturer")
    response = client_for(None, "lo").get("/chains/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ຕ່ອງໂສ້ນົມ" in html and 'href="/chains/test-dairy/"' in html
    table = html[html.index('data-testid="chains"'):]
    assert "MOU on industrial linkage chains (test)" in table and "2030" in table


def test_chain_page_shows_stages_members_heat_map_and_pilot_and_report_sections(chain, django_assert_max_num_queries):
    _member(chain, is_illustrative=True, note="buys calves from Savannakhet")
    _member(chain, "demo-vn-nghean-dairy", "milk", role="manufacturer", is_sme=False)
    client = client_for(None)
    with django_assert_max_num_queries(40):
        response = client.get("/chains/test-dairy/")
    html = response.content.decode()
    assert response.status_code == 200
    for key in ("inputs", "milk", "processed", "packaging"):
        assert f'data-testid="stage-{key}"' in html
    assert "0401" in html and "Raw milk" in html
    cell = html[html.index('data-testid="cell-inputs-LAO"'):]
    assert "Thong Nang Vieng Cattle Farm" in cell[:2000] and "Supplier" in cell[:2000]
    assert "buys calves from Savannakhet" in html and "illustrative" in html
    assert 'data-testid="heatmap"' in html and 'data-testid="table-flows"' in html
    assert "Vietnam → Laos" in html and "Laos → Vietnam" in html
    assert 'data-testid="synthetic-banner"' in html
    assert "Pilots" in html
    # Visitors see no editing, no candidates.
    assert 'data-testid="member-form"' not in html and 'id="candidates"' not in html


def test_chain_page_query_count_does_not_grow_with_members(chain, vn_officer, django_assert_max_num_queries):
    for slug, stage in (("demo-la-champasak-cattle", "inputs"), ("demo-vn-nghean-dairy", "milk"),
                        ("demo-vn-nghean-dairy", "processed"), ("demo-vn-nghean-wood", "packaging")):
        _member(chain, slug, stage)
    client = client_for(vn_officer)
    with django_assert_max_num_queries(60):
        response = client.get("/chains/test-dairy/?year=2023&exporter=LAO&importer=VNM")
    assert response.status_code == 200


def test_gap_report_for_a_year_with_members_and_downloads(chain, vn_officer):
    _member(chain, "demo-vn-nghean-dairy", "milk", role="manufacturer")
    client = client_for(vn_officer)
    response = client.get("/chains/test-dairy/", {"year": 2023, "exporter": "LAO", "importer": "VNM"})
    html = response.content.decode()
    assert 'data-testid="gap-report"' in html
    inputs = html[html.index('data-testid="gap-stage-inputs"'):html.index('data-testid="gap-stage-milk"')]
    assert "1214.90" in inputs and "Thong Nang Vieng Cattle Farm" in inputs
    assert "No member in Laos at this stage" in inputs
    milk = html[html.index('data-testid="gap-stage-milk"'):html.index('data-testid="gap-stage-processed"')]
    assert "No member in Laos at this stage" in milk and "No member in Vietnam at this stage" not in milk
    # The same section alone for htmx.
    partial = client.get("/chains/test-dairy/gaps/", {"year": 2023, "exporter": "LAO", "importer": "VNM"},
                         HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    assert 'data-testid="gap-stage-inputs"' in partial.content.decode()
    csv = client.get("/chains/test-dairy/download/gaps.csv", {"year": 2023, "exporter": "LAO", "importer": "VNM"})
    assert csv.status_code == 200 and "121490" in csv.content.decode("utf-8-sig")
    xlsx = client.get("/chains/test-dairy/download/flows.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "stage id" and {r[0].value for r in sheet.iter_rows(min_row=3) if r[0].value} >= {
        "inputs", "milk", "processed", "packaging"}


def test_bad_gap_parameters_are_named_and_show_no_report(chain):
    client = client_for(None)
    response = client.get("/chains/test-dairy/gaps/", {"year": 1990, "exporter": "LAO", "importer": "LAO"},
                          HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Year" in html and "Choose two different countries." in html
    assert 'data-testid="gap-report"' not in html
    assert client.get("/chains/test-dairy/download/gaps.csv", {"year": 1990}).status_code == 400


def test_candidates_for_editors_and_adding_one_as_member(chain, lao_officer):
    client = client_for(lao_officer)
    response = client.get("/chains/test-dairy/candidates/", {"stage": "inputs", "country": "LAO"},
                          HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "Thong Nang Vieng Cattle Farm" in html
    assert "0102.29" in html or "0102" in html
    added = client.post("/chains/test-dairy/members/add/", {
        "country": "LAO", "organization": "demo-la-champasak-cattle", "stage": _stage(chain, "inputs").pk,
        "role": "supplier", "status": "candidate", "is_sme": "on"})
    assert added.status_code == 302
    member = chain.members.get(organization__slug="demo-la-champasak-cattle")
    assert member.country.alpha3 == "LAO" and member.is_sme and member.status == "candidate"
    again = client.get("/chains/test-dairy/candidates/", {"stage": "inputs", "country": "LAO"},
                       HTTP_HX_REQUEST="true")
    assert "Thong Nang Vieng Cattle Farm" not in again.content.decode()


# -- writing ----------------------------------------------------------------------------------

def _chain_post(**changes) -> dict:
    data = {
        "slug": "test-cement", "name_en": "Cement", "name_vi": "Xi măng", "name_lo": "ຊີມັງ", "name_zh_hans": "水泥",
        "horizon_year": "2030", "is_public": "on", "hs": "",
        "stage-TOTAL_FORMS": "3", "stage-INITIAL_FORMS": "0", "stage-MIN_NUM_FORMS": "0", "stage-MAX_NUM_FORMS": "40",
        "stage-0-position": "1", "stage-0-key": "clinker", "stage-0-name_en": "Clinker", "stage-0-hs": "2523.10",
        "stage-1-position": "2", "stage-1-key": "cement", "stage-1-name_en": "Cement", "stage-1-name_lo": "ຊີມັງ",
        "stage-1-hs": "252321, 252329",
        "stage-2-key": "",
    }
    data.update(changes)
    return data


def test_officer_creates_a_chain_with_stages_then_edits_it(vn_officer, mou):
    client = client_for(vn_officer)
    assert client.get("/chains/new/").status_code == 200
    response = client.post("/chains/new/", _chain_post(agreement=mou.pk))
    assert response.status_code == 302 and response["Location"] == "/chains/test-cement/"
    chain = Chain.objects.get(slug="test-cement")
    assert chain.agreement == mou and chain.name_lo == "ຊີມັງ" and chain.created_by == vn_officer
    assert [(s.key, s.subheadings) for s in chain.stages.all()] == [
        ("clinker", ["252310"]), ("cement", ["252321", "252329"])]
    # Edit: the stages swap places, one is added.
    edit = client.get("/chains/test-cement/edit/")
    assert 'value="clinker"' in edit.content.decode()
    response = client.post("/chains/test-cement/edit/", _chain_post(**{
        "stage-0-position": "2", "stage-1-position": "1", "stage-2-position": "3", "stage-2-key": "concrete",
        "stage-2-name_en": "Concrete", "stage-2-hs": "6810", "agreement": mou.pk}))
    assert response.status_code == 302
    assert list(chain.stages.values_list("key", flat=True)) == ["cement", "clinker", "concrete"]
    history = client.get("/chains/test-cement/history/").content.decode()
    assert "chain created" in history and "stage saved" in history


@pytest.mark.parametrize(("changes", "message"), [
    ({"stage-1-hs": "252321, 252399"}, "cement"),
    ({"stage-1-hs": "2523"}, "252310"),
    ({"stage-0-hs": ""}, "clinker"),
])
def test_a_bad_stage_is_named_and_nothing_is_created(vn_officer, changes, message):
    response = client_for(vn_officer).post("/chains/new/", _chain_post(**changes))
    html = response.content.decode()
    assert response.status_code == 400
    errors = html[html.index('data-testid="stage-errors"'):][:600]
    assert message in errors
    assert not Chain.objects.filter(slug="test-cement").exists()


def test_a_stage_with_members_cannot_be_removed_and_nothing_changes(chain, vn_officer):
    _member(chain, "demo-vn-nghean-dairy", "packaging", role="distributor")
    before = _snapshot(chain)
    document = chain_factory.definition(stages=chain_factory.DAIRY["stages"][:3], name={"en": "Renamed"})
    upload = SimpleUploadedFile("dairy.json", json.dumps(document).encode(), "application/json")
    response = client_for(vn_officer).post("/chains/test-dairy/upload/", {"file": upload})
    assert response.status_code == 400
    assert "packaging" in response.content.decode()
    assert _snapshot(chain) == before


def test_upload_creates_a_chain_and_download_gives_the_same_document(vn_officer):
    document = chain_factory.definition("test-upload")
    client = client_for(vn_officer)
    upload = SimpleUploadedFile("dairy.json", json.dumps(document, ensure_ascii=False).encode(), "application/json")
    response = client.post("/chains/upload/", {"file": upload})
    assert response.status_code == 302
    downloaded = client.get("/chains/test-upload/definition.json")
    assert downloaded["Content-Disposition"].startswith("attachment")
    body = json.loads(downloaded.content)
    assert body["id"] == "test-upload" and body["format"] == "tradebridge.chain/1"
    assert [s["id"] for s in body["stages"]] == ["inputs", "milk", "processed", "packaging"]
    assert body["stages"][1]["hs"] == ["0401"] and body["name"]["lo"] == "ຕ່ອງໂສ້ນົມ"


@pytest.mark.parametrize(("content", "words"), [
    (b"{not json", ["line 1"]),
    (json.dumps({**chain_factory.DAIRY, "id": "test-bad", "stages": [
        {"id": "milk", "name": {"en": "Milk"}, "hs": ["0401"]},
        {"id": "cream", "name": {"en": "Cream"}, "hs": ["040150"]}]}).encode(), ["040150", "cream"]),
    (json.dumps({**chain_factory.DAIRY, "id": "test-bad", "format": "other/1"}).encode(), ["other/1"]),
    (json.dumps({**chain_factory.DAIRY, "id": "test-bad", "stages": [
        {"id": "feed", "name": {"en": "Feed"}, "hs": ["0499"]}]}).encode(), ["feed", "0499"]),
])
def test_a_bad_file_is_named_and_changes_nothing(vn_officer, content, words):
    before = Chain.objects.count()
    response = client_for(vn_officer).post("/chains/upload/", {"file": SimpleUploadedFile("x.json", content)})
    html = response.content.decode()
    assert response.status_code == 400
    for word in words:
        assert word in html
    assert Chain.objects.count() == before


def test_members_are_added_edited_and_archived_with_their_rules(chain, vn_officer, mou):
    client = client_for(vn_officer)
    inputs = _stage(chain, "inputs")
    lao_zone = Zone.objects.filter(country__alpha3="LAO").exclude(kind="border_gate").first()
    vn_zone = Zone.objects.filter(country__alpha3="VNM").exclude(kind="border_gate").first()
    base = {"country": "LAO", "organization": "demo-la-champasak-cattle", "stage": inputs.pk, "role": "supplier",
            "status": "candidate"}
    assert client.post("/chains/test-dairy/members/add/", {**base, "zone": lao_zone.code}).status_code == 302
    member = chain.members.get()
    assert member.zone == lao_zone and member.country.alpha3 == "LAO"
    refused = [
        ({**base}, "already a member"),
        ({**base, "role": "logistics", "zone": vn_zone.code}, "not in Laos"),
        ({**base, "role": "processor", "status": "committed"}, "committed member needs the agreement"),
        ({**base, "role": "processor", "agreement": mou.pk}, "not a party to this agreement"),
        ({**base, "country": "VNM", "role": "processor"}, "is in Laos, not in Vietnam"),
    ]
    for data, message in refused:
        response = client.post("/chains/test-dairy/members/add/", data)
        assert response.status_code == 400, message
        assert message in response.content.decode(), message
    assert chain.members.count() == 1
    edit = client.post(f"/chains/test-dairy/members/{member.pk}/edit/", {
        "stage": _stage(chain, "milk").pk, "role": "processor", "zone": "", "status": "trading", "note": "since 2022"})
    assert edit.status_code == 302
    member.refresh_from_db()
    assert (member.stage.key, member.role, member.zone, member.status) == ("milk", "processor", None, "trading")
    bad = client.post(f"/chains/test-dairy/members/{member.pk}/edit/", {
        "stage": _stage(chain, "milk").pk, "role": "processor", "zone": vn_zone.code, "status": "trading"})
    assert bad.status_code == 400
    member.refresh_from_db()
    assert member.zone is None
    assert client.post(f"/chains/test-dairy/members/{member.pk}/archive/").status_code == 302
    member.refresh_from_db()
    assert member.archived_at is not None
    assert "Thong Nang Vieng" not in client.get("/chains/test-dairy/").content.decode().split('id="members"')[1][:3000]


# -- who is refused ---------------------------------------------------------------------------

EDIT_URLS = [
    ("get", "/chains/test-dairy/edit/"),
    ("post", "/chains/test-dairy/members/add/"),
    ("post", "/chains/test-dairy/upload/"),
    ("post", "/chains/test-dairy/archive/"),
    ("get", "/chains/test-dairy/history/"),
    ("get", "/chains/test-dairy/candidates/?stage=inputs&country=LAO"),
]


@pytest.mark.parametrize("persona", ["outsider", "cn_member", "cn_officer"])
def test_who_may_not_change_a_vietnam_laos_chain_is_refused(request, chain, persona):
    before = _snapshot(chain)
    client = client_for(request.getfixturevalue(persona))
    for method, url in EDIT_URLS:
        response = getattr(client, method)(url, {"reason": "x"} if url.endswith("archive/") else None)
        assert response.status_code == 403, (persona, url)
    assert client.get("/chains/new/").status_code == (403 if persona != "cn_officer" else 200)
    assert _snapshot(chain) == before and chain.archived_at is None


def test_anonymous_visitors_are_sent_to_sign_in(chain):
    client = client_for(None)
    for url in ("/chains/new/", "/chains/test-dairy/edit/", "/chains/test-dairy/history/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post("/chains/test-dairy/archive/", {"reason": "x"}).status_code == 302
    assert Chain.objects.get(slug="test-dairy").archived_at is None


def test_lao_officer_edits_but_an_archived_chain_is_gone(chain, lao_officer):
    client = client_for(lao_officer)
    assert client.get("/chains/test-dairy/edit/").status_code == 200
    assert client.post("/chains/test-dairy/archive/", {"reason": "merged"}).status_code == 302
    for url in ("/chains/test-dairy/", "/chains/test-dairy/edit/", "/chains/test-dairy/definition.json"):
        assert client.get(url).status_code == 404
    assert "test-dairy" not in client.get("/chains/").content.decode()


def test_a_chain_that_is_not_public_is_hidden_from_outsiders(vn_officer, outsider, request):
    chain = chain_factory.chain("test-private", actor=vn_officer, is_public=False)
    services.do_add_member(chain, actor=None, stage=_stage(chain, "milk"), organization=org("demo-vn-nghean-dairy"),
                           role="manufacturer")
    services.do_add_member(chain, actor=None, stage=_stage(chain, "inputs"),
                           organization=org("demo-zhejiang-textiles"), role="supplier")
    for user in (None, outsider):
        client = client_for(user)
        assert client.get("/chains/test-private/").status_code == 404
        assert "test-private" not in client.get("/chains/").content.decode()
    assert client_for(vn_officer).get("/chains/test-private/").status_code == 200
    # An enterprise whose organisation is a member sees the chain, and only its own row.
    member_view = client_for(request.getfixturevalue("cn_member")).get("/chains/test-private/").content.decode()
    assert "Nghia Dan" not in member_view and "demo-zhejiang-textiles" in member_view
