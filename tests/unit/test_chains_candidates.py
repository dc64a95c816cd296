"""Candidate members of a stage: organisations of the country whose offers or needs are the stage's
products, those with relations to the other side first (MOU: start from enterprises that already
produce or trade together), each with its evidence and matched products."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.utils import translation

from tests.factories import chains as chain_factory
from tests.factories.registry import org
from tradebridge.agreements import services as agreement_services
from tradebridge.catalog.models import HSCode
from tradebridge.chains import services
from tradebridge.chains.candidates import suggest_candidates
from tradebridge.events import services as event_services
from tradebridge.events.models import Event, Meeting
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization, TradeItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


def _org(slug, country, name, *items, kind="enterprise") -> Organization:
    organization = Organization.objects.create(slug=slug, kind=kind, name=name, name_en=name,
                                               country=Country.objects.get(alpha3=country))
    for direction, code, resolved in items:
        TradeItem.objects.create(organization=organization, direction=direction, text=f"{code} goods",
                                 hs=HSCode.objects.get(code=code), hs_resolved=resolved)
    return organization


def _agreement(actor, title, *organizations):
    return agreement_services.do_create_agreement(
        actor=actor, parties=[agreement_services.PartyIn(o) for o in organizations], level="enterprise",
        kind="contract", title=title, category="production_consumption", visibility="public")


@pytest.fixture
def world(vn_officer):
    mou = _agreement(vn_officer, "Test MOU", org("hanoi-doit"), org("vientiane-doic"))
    chain = chain_factory.chain("test-cand", actor=vn_officer, agreement=mou)
    vn_buyer = _org("t-vn-buyer", "VNM", "VN Milk Buyer", ("need", "040120", False))
    vn_partner = _org("t-vn-partner", "VNM", "VN Dairy Partner")
    cn_partner = _org("t-cn-partner", "CHN", "CN Dairy Partner")
    lao = {
        "plain": _org("t-la-plain", "LAO", "LA Plain Farm", ("offer", "040120", False), ("offer", "040110", False)),
        "met": _org("t-la-met", "LAO", "LA Met Farm", ("offer", "0401", False)),
        "signed": _org("t-la-signed", "LAO", "LA Signed Farm", ("need", "040150", True)),
        "asked": _org("t-la-asked", "LAO", "LA Asked Farm", ("offer", "040140", False)),
        "china": _org("t-la-china", "LAO", "LA China Farm", ("offer", "040120", False)),
        "member": _org("t-la-member", "LAO", "LA Member Farm", ("offer", "040120", False)),
        "other": _org("t-la-cheese", "LAO", "LA Cheese Farm", ("offer", "040610", False)),
        "agency": _org("t-la-agency", "LAO", "LA Dairy Office", ("offer", "040120", False), kind="agency"),
    }
    _agreement(vn_officer, "Milk supply contract", lao["signed"], vn_buyer)
    _agreement(vn_officer, "China milk contract", lao["china"], cn_partner)
    milk = chain.stages.get(key="milk")
    services.do_add_member(chain, actor=None, stage=milk, organization=lao["member"], role="supplier")
    services.do_add_member(chain, actor=None, stage=chain.stages.get(key="processed"), organization=vn_partner,
                           role="manufacturer")
    event = event_services.do_create_event(
        actor=vn_officer, organizers=[org("hanoi-doit")], kind=Event.Kind.FAIR, title_vi="Hội chợ sữa",
        title_en="Dairy fair", starts_on=date(2030, 5, 1), ends_on=date(2030, 5, 1), max_requests=5)
    event_services.do_add_venue(event, actor=vn_officer, name="Hà Nội", is_main=True,
                                country=Country.objects.get(alpha3="VNM"),
                                province=Province.objects.get(code="VN-HN"), time_zone="Asia/Ho_Chi_Minh",
                                tables=5, booths=2)
    event_services.do_add_meeting_day(event, actor=vn_officer, date=date(2030, 5, 1), start_time=time(9, 0),
                                      end_time=time(10, 0), slot_minutes=20)
    event_services.do_generate_slots(event)
    event_services.do_set_event_status(event, Event.Status.OPEN, actor=vn_officer)

    def register(organization):
        return event_services.do_register_organization(event, organization, actor=None, venue=event.main_venue,
                                                       delegates=[{"name": "A. Delegate", "role": "CEO"}])

    met, partner, asked, buyer = (register(o) for o in (lao["met"], vn_partner, lao["asked"], vn_buyer))
    request = event_services.do_accept_request(event_services.do_send_meeting_request(met, partner, actor=None),
                                               actor=None)
    Meeting.objects.create(event=event, request=request, slot=event.slots.first(), mode="table")
    event_services.do_send_meeting_request(buyer, asked, actor=None)
    return {"chain": chain, "milk": milk, "lao": lao}


def test_relations_with_the_other_side_come_first_with_their_evidence(world):
    found = suggest_candidates(world["chain"], world["milk"], "LAO", limit=100)
    # The demo registry has dairy enterprises of its own: only this test's are compared.
    slugs = [c.organization.slug for c in found if c.organization.slug.startswith("t-")]
    # Met at an event, and the partner is already in the chain: two relations beat one agreement.
    assert slugs[:3] == ["t-la-met", "t-la-signed", "t-la-asked"]
    assert set(slugs[3:]) == {"t-la-plain", "t-la-china"}
    by_slug = {c.organization.slug: c for c in found}
    assert by_slug["t-la-signed"].evidence == ["Signed agreement Milk supply contract with VN Milk Buyer"]
    met = by_slug["t-la-met"].evidence
    assert met[0] == "Met VN Dairy Partner at Dairy fair on 2030-05-01"
    assert met[1] == "VN Dairy Partner is already a member of this chain at stage Processed dairy"
    assert by_slug["t-la-asked"].evidence == ["Exchanged meeting requests with VN Milk Buyer at Dairy fair"]
    # An agreement with a Chinese company is no relation with Vietnam, the other party of the MOU.
    assert by_slug["t-la-china"].evidence == []


def test_only_organisations_of_the_country_with_products_of_the_stage_not_yet_members(world):
    slugs = {c.organization.slug for c in suggest_candidates(world["chain"], world["milk"], "LAO")}
    assert "t-la-member" not in slugs  # already a member at this stage
    assert "t-la-cheese" not in slugs  # cheese is another stage
    assert "t-la-agency" not in slugs  # agencies are not chain members
    assert "t-vn-buyer" not in slugs  # another country
    vietnam = suggest_candidates(world["chain"], world["milk"], Country.objects.get(alpha3="VNM"))
    assert [c.organization.slug for c in vietnam][:1] == ["t-vn-buyer"]
    assert vietnam[0].direction == "need"


def test_products_matched_with_code_and_name_in_the_readers_language(world):
    plain = next(c for c in suggest_candidates(world["chain"], world["milk"], "LAO")
                 if c.organization.slug == "t-la-plain")
    assert plain.direction == "offer"
    assert [p["code"] for p in plain.products] == ["040120", "040110"]
    assert plain.products[0]["dotted"] == "0401.20"
    with translation.override("vi"):
        local = next(c for c in suggest_candidates(world["chain"], world["milk"], "LAO")
                     if c.organization.slug == "t-la-plain")
    expected = HSCode.objects.get(code="040120")
    with translation.override("vi"):
        assert local.products[0]["name"] == expected.name
    # A heading (0401) matches the stage's subheadings under it.
    met = next(c for c in suggest_candidates(world["chain"], world["milk"], "LAO")
               if c.organization.slug == "t-la-met")
    assert [p["code"] for p in met.products] == ["0401"]


def test_the_limit_keeps_the_best(world):
    everyone = suggest_candidates(world["chain"], world["milk"], "LAO", limit=100)
    best = suggest_candidates(world["chain"], world["milk"], "LAO", limit=2)
    assert len(everyone) > 2
    assert [c.organization.slug for c in best] == [c.organization.slug for c in everyone[:2]]
    assert best[0].score >= best[1].score >= everyone[2].score
