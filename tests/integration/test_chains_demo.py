"""The chains demo (bootstrap.demo_chains): the seven MOU chain models linked to the Vietnam–Laos
MOU, illustrative members from the demo registry, the pilot park as a planned zone, the demo work
plan linked to chains and pilots; loading it again changes nothing."""

import pytest

from tests.personas import client_for
from tradebridge.agreements.models import Agreement
from tradebridge.bootstrap.demo_chains import do_load_chains_demo
from tradebridge.chains.models import ActivityLink, Chain, Member, Milestone, Pilot
from tradebridge.cooperation.models import TrainingProgramme
from tradebridge.geo.models import Zone

pytestmark = pytest.mark.django_db
SEVEN = {"materials", "chemicals", "textiles-leather", "mechanical-transport", "dairy", "electronics", "power"}


def _mou():
    return Agreement.objects.get(demo_key="vn-la-linkage-chains-2025")


def test_seven_chains_linked_to_the_mou_as_the_projects_mapping():
    chains = Chain.objects.filter(agreement=_mou(), demo_key__startswith="vn-la-2025-")
    assert {c.slug for c in chains} == SEVEN
    for chain in chains:
        assert chain.is_project_mapping and chain.horizon_year == 2030 and chain.is_public
        assert chain.stages.count() >= 3
        assert "TBTCO" in chain.description and "2030" in chain.description


def test_members_are_illustrative_organisations_of_both_sides():
    members = Member.objects.filter(chain__agreement=_mou()).select_related("organization", "country")
    assert members.count() >= 10
    assert all(m.is_illustrative and m.organization.is_demo for m in members)
    assert {m.country.alpha3 for m in members} == {"VNM", "LAO"}
    materials = members.filter(chain__slug="materials")
    assert materials.filter(status="trading").exists()
    assert materials.filter(zone__isnull=False).exists() or members.filter(zone__isnull=False).exists()
    assert materials.filter(organization__slug="demo-vn-haiphong-steel", stage__key="iron-steel").exists()


def test_pilot_park_is_a_planned_zone_with_milestones_and_the_seed_as_source():
    park = Pilot.objects.get(demo_key="vn-la-pilot-industrial-park")
    assert park.zone.kind == Zone.Kind.INDUSTRIAL_PARK_PLANNED
    assert "illustrative" in park.zone.name_en and "minh họa" in park.zone.name_vi
    assert park.agreement == _mou() and "TBTCO" in park.source
    assert park.milestones.count() == 3 and all(m.is_illustrative for m in park.milestones.all())
    assert set(park.members.values_list("slug", flat=True)) == {"vioit", "iice"}
    cement = Pilot.objects.get(demo_key="vn-la-pilot-cement-steel")
    assert cement.chain.slug == "materials" and cement.is_illustrative and "2523" in cement.hs_codes


def test_the_mou_work_plan_activities_are_linked():
    links = ActivityLink.objects.filter(activity__plan__agreement=_mou())
    titles = {link.activity.title for link in links}
    assert "Xác định chuỗi thí điểm: xi măng, sắt thép" in titles
    assert "Nghiên cứu mô hình thí điểm Khu công nghiệp Việt Nam – Lào" in titles
    assert links.filter(pilot__demo_key="vn-la-pilot-cement-steel", chain__slug="materials").exists()
    assert links.filter(chain__slug="dairy").exists()


def test_focal_points_group_and_lao_trainees_exist_for_the_mou():
    mou = _mou()
    assert {f.organization.slug for f in mou.focal_points.all()} == {"vioit", "iice"}
    assert mou.working_groups.exists()
    training = TrainingProgramme.objects.get(demo_key="vn-la-linkage-training")
    assert training.trainee_groups.get().agency.slug == "la-moic"


def test_loading_twice_changes_nothing():
    def counts():
        return (Chain.objects.count(), Chain.history.count(), Member.objects.count(), Member.history.count(),
                Pilot.objects.count(), Pilot.history.count(), Milestone.objects.count(), ActivityLink.objects.count(),
                ActivityLink.history.count(), Zone.objects.count())

    before = counts()
    do_load_chains_demo()
    assert counts() == before


def test_the_demo_chain_page_shows_pilots_and_work_plan(lao_officer):
    page = client_for(lao_officer).get("/chains/materials/").content.decode()
    assert "Pilot chain model: cement, iron and steel" in page
    assert "Xác định chuỗi thí điểm: xi măng, sắt thép" in page
    pilot = client_for(None).get("/chains/pilots/vn-la-pilot-industrial-park/").content.decode()
    assert "industrial_park_planned" in pilot and "Vietnam–Laos pilot industrial park" in pilot
