"""Pilots (seed 003: the pilot Vietnam–Laos industrial park, pilot chain models): services, pages,
API and the links between work-plan activities and chains or pilots, with every refused role."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import chains as chain_factory
from tests.factories.registry import org
from tests.personas import client_for, make_user
from tradebridge.agreements.models import Agreement
from tradebridge.chains import pilots
from tradebridge.chains.models import ActivityLink, Milestone, Pilot
from tradebridge.cooperation import services as cooperation
from tradebridge.geo.models import Country, Province, Zone

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def mou():
    return Agreement.objects.get(demo_key="vn-la-linkage-chains-2025")


@pytest.fixture
def chain(mou, vn_officer):
    return chain_factory.chain("test-dairy", actor=vn_officer, agreement=mou)


@pytest.fixture
def cn_officer(db):
    return make_user("li.cn", "agency_staff", "honghe-commerce")


@pytest.fixture
def activity(mou):
    return mou.work_plans.get().activities.get(title="Xác định chuỗi thí điểm: xi măng, sắt thép")


def _pilot(chain, actor, **extra):
    fields = {"slug": "dairy-pilot", "kind": "chain_model", "name_en": "Dairy pilot", "name_lo": "ທົດລອງນົມ",
              "chain": chain, "hs_codes": "0401, 0402.10"}
    return pilots.do_save_pilot(None, actor=actor, **{**fields, **extra})


def test_save_pilot_checks_hs_codes_and_takes_the_chains_agreement(chain, vn_officer, mou):
    pilot = _pilot(chain, vn_officer, members=[org("demo-vn-nghean-dairy")])
    assert pilot.hs_codes == ["0401", "040210"] and pilot.agreement == mou
    assert list(pilot.members.values_list("slug", flat=True)) == ["demo-vn-nghean-dairy"]
    assert pilot.history.first().history_user == vn_officer
    with pytest.raises(ValidationError) as info:
        pilots.do_save_pilot(pilot, actor=vn_officer, hs_codes=["0401", "0109"])
    assert "0109" in str(info.value.message_dict["hs_codes"])
    with pytest.raises(ValidationError) as info:
        pilots.do_save_pilot(pilot, actor=vn_officer, hs_codes=["04x1"])
    assert "hs_codes" in info.value.message_dict
    pilot.refresh_from_db()
    assert pilot.hs_codes == ["0401", "040210"]
    pilots.do_save_pilot(pilot, actor=vn_officer, state="running")
    assert Pilot.objects.get(pk=pilot.pk).state == "running"
    pilots.do_archive_pilot(pilot, actor=vn_officer)
    assert Pilot.objects.active().filter(pk=pilot.pk).count() == 0


def test_planned_zone_and_its_checks(vn_officer):
    lao, savannakhet = Country.objects.get(alpha3="LAO"), Province.objects.get(code="LA-SV")
    zone = pilots.do_create_planned_zone(actor=vn_officer, name_en="Test park", country=lao, province=savannakhet,
                                         latitude="16.5", longitude="105.8")
    assert zone.kind == Zone.Kind.INDUSTRIAL_PARK_PLANNED and zone.code == "test-park"
    count = Zone.objects.count()
    with pytest.raises(ValidationError) as info:
        pilots.do_create_planned_zone(actor=vn_officer, name_en="Bad", country=lao,
                                      province=Province.objects.get(code="VN-HN"), latitude=95, longitude=105)
    assert {"province", "latitude"} <= set(info.value.message_dict)
    assert Zone.objects.count() == count


def test_milestones_done_needs_its_date(chain, vn_officer):
    pilot = _pilot(chain, vn_officer)
    with pytest.raises(ValidationError) as info:
        pilots.do_add_milestone(pilot, actor=vn_officer, title="Study", state="done")
    assert "done_on" in info.value.message_dict
    assert pilot.milestones.count() == 0
    milestone = pilots.do_add_milestone(pilot, actor=vn_officer, title="Study", due_on=D(2026, 6, 30))
    pilots.do_update_milestone(milestone, actor=vn_officer, state="done", done_on=D(2026, 6, 20))
    assert Milestone.objects.get(pk=milestone.pk).state == "done"
    with pytest.raises(ValidationError):
        pilots.do_update_milestone(milestone, actor=vn_officer, done_on=None)
    assert Milestone.objects.get(pk=milestone.pk).done_on == D(2026, 6, 20)


def test_link_activity_of_the_agreement_only_and_idempotent(chain, vn_officer, activity, mou):
    link = pilots.do_link_activity(activity, actor=vn_officer, chain=chain)
    assert pilots.do_link_activity(activity, actor=vn_officer, chain=chain) == link
    other = Agreement.objects.exclude(pk=mou.pk).filter(work_plans__isnull=False).first()
    if other is None:
        other = Agreement.objects.get(demo_key="hanoi-vientiane-labour-2023")
        cooperation.do_create_work_plan(other, actor=vn_officer, title="Other plan", period="yearly",
                                        starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))
    foreign = cooperation.do_add_activity(other.work_plans.first(), actor=vn_officer, title="Elsewhere")
    with pytest.raises(ValidationError) as info:
        pilots.do_link_activity(foreign, actor=vn_officer, chain=chain)
    assert "Elsewhere" in str(info.value)
    assert not ActivityLink.objects.filter(activity=foreign).exists()
    pilots.do_unlink_activity(link, actor=vn_officer)
    assert not ActivityLink.objects.filter(pk=link.pk).exists()


def test_chain_page_context_and_sections(chain, vn_officer, activity):
    pilot = _pilot(chain, vn_officer)
    pilots.do_link_activity(activity, actor=vn_officer, chain=chain, pilot=pilot)
    context = pilots.chain_page_context(vn_officer, chain)
    assert list(context["pilots"]) == [pilot] and list(context["activities"]) == [activity]
    assert context["can_edit"] and list(context["reports"]) == []
    page = client_for(vn_officer).get(f"/chains/{chain.slug}/").content.decode()
    assert "Dairy pilot" in page and activity.title in page


def test_pilot_pages_in_lao_and_the_form_creates_a_planned_park(chain, lao_officer, mou):
    client = client_for(lao_officer, "lo")
    assert client.get("/chains/pilots/").status_code == 200
    response = client.post("/chains/pilots/new/", {
        "slug": "lao-park", "kind": "industrial_park", "name_en": "Lao park", "name_lo": "ເຂດທົດລອງ",
        "chain": chain.slug, "agreement": mou.pk, "hs_codes": "0401", "state": "proposed",
        "members": ["demo-la-champasak-cattle"], "new_zone_name": "Planned Lao park", "new_zone_country": "LAO",
        "new_zone_province": "LA-SV", "new_zone_latitude": "16.6", "new_zone_longitude": "105.9"})
    assert response.status_code == 302, response.content.decode()[:2000]
    pilot = Pilot.objects.get(slug="lao-park")
    assert pilot.zone.kind == "industrial_park_planned" and pilot.zone.name_en == "Planned Lao park"
    page = client.get("/chains/pilots/lao-park/").content.decode()
    assert "ເຂດທົດລອງ" in page and 'id="zone-markers"' in page and "Planned Lao park" in page
    assert "040" in page  # the product, named in the reader's language
    response = client.post("/chains/pilots/lao-park/milestones/", {"title": "Study", "state": "done"})
    assert response.status_code == 400 and pilot.milestones.count() == 0
    response = client.post("/chains/pilots/lao-park/milestones/", {"title": "Study", "state": "planned",
                                                                   "due_on": "2027-01-31"})
    assert response.status_code == 302 and pilot.milestones.count() == 1
    milestone = pilot.milestones.get()
    assert client.get(f"/chains/pilots/lao-park/milestones/{milestone.pk}/").status_code == 200
    assert client.get("/chains/pilots/lao-park/edit/").status_code == 200


def test_bad_pilot_form_changes_nothing(chain, vn_officer):
    zones, count = Zone.objects.count(), Pilot.objects.count()
    response = client_for(vn_officer).post("/chains/pilots/new/", {
        "slug": "bad", "kind": "chain_model", "name_en": "Bad", "chain": chain.slug, "hs_codes": "0401, 0109",
        "state": "proposed", "new_zone_name": "Never", "new_zone_country": "LAO", "new_zone_province": "LA-SV",
        "new_zone_latitude": "16", "new_zone_longitude": "105"})
    assert response.status_code == 400 and "0109" in response.content.decode()
    assert (Zone.objects.count(), Pilot.objects.count()) == (zones, count)


def test_link_from_the_chain_page_and_refusals(chain, vn_officer, cn_officer, cn_member, outsider, activity):
    url = f"/chains/{chain.slug}/activities/"
    for user in (cn_officer, cn_member, outsider):
        assert client_for(user).post(url, {"activity": activity.pk}).status_code == 403
    assert client_for(None).post(url, {"activity": activity.pk}).status_code == 302  # to the sign-in page
    assert not ActivityLink.objects.filter(chain=chain).exists()
    assert client_for(vn_officer).post(url, {"activity": activity.pk}).status_code == 302
    link = ActivityLink.objects.get(chain=chain, activity=activity)
    assert client_for(cn_officer).post(f"/chains/activity-links/{link.pk}/unlink/").status_code == 403
    assert ActivityLink.objects.filter(pk=link.pk).exists()


def test_refused_roles_cannot_create_or_edit_pilots(chain, vn_officer, cn_officer, cn_member, outsider):
    _pilot(chain, vn_officer)
    for user in (cn_officer, cn_member, outsider):
        client = client_for(user)
        assert client.get("/chains/pilots/dairy-pilot/edit/").status_code == 403
        assert client.post("/chains/pilots/dairy-pilot/milestones/", {"title": "x", "state": "planned"}).status_code == 403
        assert client.patch("/api/chains/pilots/dairy-pilot", {"state": "stopped"},
                            content_type="application/json").status_code == 403
    for user in (cn_member, outsider):
        assert client_for(user).get("/chains/pilots/new/").status_code == 403
    assert Pilot.objects.get(slug="dairy-pilot").state == "proposed"
    assert Pilot.objects.get(slug="dairy-pilot").milestones.count() == 0


def test_api_create_patch_and_milestones(chain, lao_officer, mou):
    client = client_for(lao_officer)
    response = client.post("/api/chains/pilots", {
        "slug": "api-pilot", "kind": "chain_model", "name_en": "API pilot", "chain": chain.slug,
        "hs_codes": ["0401"], "members": ["demo-la-champasak-cattle"],
        "new_zone": {"name_en": "API park", "country": "LAO", "province": "LA-SV", "latitude": 16.5,
                     "longitude": 105.7}}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["zone"]["kind"] == "industrial_park_planned" and body["agreement"] == mou.pk
    response = client.patch("/api/chains/pilots/api-pilot", {"hs_codes": ["0401", "123456"]},
                            content_type="application/json")
    assert response.status_code == 422 and "hs_codes" in response.json()["fields"]
    response = client.post("/api/chains/pilots/api-pilot/milestones", {"title": "Done", "state": "done"},
                           content_type="application/json")
    assert response.status_code == 422 and "done_on" in response.json()["message"]
    response = client.post("/api/chains/pilots/api-pilot/milestones", {"title": "Plan", "due_on": "2027-02-01"},
                           content_type="application/json")
    assert response.status_code == 201
    milestone_id = response.json()["id"]
    response = client.patch(f"/api/chains/pilots/api-pilot/milestones/{milestone_id}",
                            {"state": "done", "done_on": "2026-11-30"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == "done"
    listed = client_for(None).get("/api/chains/pilots?chain=test-dairy").json()
    assert [p["slug"] for p in listed] == ["api-pilot"] and listed[0]["milestones"][0]["state"] == "done"


def test_work_plan_shows_the_chains_each_activity_moves_in_bounded_queries(chain, vn_officer, activity, mou):
    client = client_for(vn_officer)
    with CaptureQueriesContext(connection) as before:
        client.get(f"/agreements/{mou.pk}/")
    pilot = _pilot(chain, vn_officer)
    for other in mou.work_plans.get().activities.all():
        pilots.do_link_activity(other, actor=vn_officer, chain=chain)
        pilots.do_link_activity(other, actor=vn_officer, chain=chain, pilot=pilot)
    with CaptureQueriesContext(connection) as after:
        page = client.get(f"/agreements/{mou.pk}/").content.decode()
    assert 'data-testid="activity-chain"' in page and "Dairy pilot" in page and "Dairy" in page
    assert len(after) <= len(before) + 2
