"""Agreements: seed data counts, status workflow, bad input, history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories.registry import org
from tradebridge.agreements import queries, services
from tradebridge.agreements.models import Agreement, Commitment, Status, StatusChange
from tradebridge.bootstrap.demo_agreements import CONFERENCE_EVENT, do_load_agreements_demo

pytestmark = pytest.mark.django_db
D = dt.date


def record(actor=None, parties=("hanoi-doit", "vientiane-doic"), **fields):
    values = {"level": "agency", "kind": "mou", "title": "Test MOU", "category": "trade_promotion",
              "signed_on": D(2024, 3, 1), **fields}
    return services.do_create_agreement(actor=actor, parties=[services.PartyIn(org(s)) for s in parties],
                                        **values)


def test_vientiane_conference_counts_12_is_3_plus_8_plus_1():
    found = queries.filter_register(Agreement.objects.active(), queries.RegisterFilters(event=CONFERENCE_EVENT))
    breakdown = queries.category_breakdown(found)
    assert breakdown.total == 12
    assert [(r.category, r.direction, r.count) for r in breakdown.rows] == [
        ("raw_materials", "LAO → VNM", 3),
        ("production_consumption", "LAO → VNM", 8),
        ("production_consumption", "VNM → LAO", 1),
    ]
    assert breakdown.as_sum() == "12 = 3 + 8 + 1"


def test_seed_agreements_keep_their_real_dates_and_parties():
    mou = Agreement.objects.get(demo_key="hanoi-vientiane-doit-2022")
    assert mou.signed_on == D(2022, 1, 4) and mou.signed_place == "Viêng Chăn" and mou.valid_until == D(2025, 12, 31)
    # Only the end date's day and month are inferred from "giai đoạn 2022-2025", and say so.
    assert mou.illustrative_set == {"valid_until"} and "2022–2025" in mou.illustrative_note
    assert {p.organization.slug for p in mou.parties.all()} == {"hanoi-doit", "vientiane-doic"}
    assert {p.signatory for p in mou.parties.all()} == {""}
    chains = Agreement.objects.get(demo_key="vn-la-linkage-chains-2025")
    assert chains.signed_on == D(2025, 12, 1) and chains.level == "ministry" and chains.category == "linkage_chain"
    assert chains.valid_until is None and chains.signed_place == ""
    conference = Agreement.objects.filter(event__slug=CONFERENCE_EVENT)
    assert all(a.is_illustrative and a.illustrative_note for a in conference)
    assert all(c.is_illustrative for c in Commitment.objects.filter(agreement__demo_key__gt=""))


def test_demo_loader_is_idempotent():
    before = Agreement.objects.count()
    history = Agreement.history.count()
    do_load_agreements_demo()
    assert Agreement.objects.count() == before and Agreement.history.count() == history


def test_status_workflow(vn_officer):
    agreement = record(vn_officer)
    assert agreement.status == Status.SIGNED and agreement.recording_organization == vn_officer.organization
    with pytest.raises(ValidationError) as info:
        services.do_change_status(agreement, Status.COMPLETED, actor=vn_officer, effective_on=D(2024, 5, 1),
                                  reason="done")
    assert "status" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.do_change_status(agreement, Status.IN_IMPLEMENTATION, actor=vn_officer,
                                  effective_on=D(2024, 5, 1), reason=" ")
    assert "reason" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        services.do_change_status(agreement, Status.IN_IMPLEMENTATION, actor=vn_officer,
                                  effective_on=D(2024, 1, 1), reason="started")
    assert "effective_on" in info.value.message_dict
    services.do_change_status(agreement, Status.IN_IMPLEMENTATION, actor=vn_officer, effective_on=D(2024, 5, 1),
                              reason="first joint meeting")
    services.do_change_status(agreement, Status.TERMINATED, actor=vn_officer, effective_on=D(2024, 9, 1),
                              reason="partner withdrew")
    agreement.refresh_from_db()
    assert agreement.status == Status.TERMINATED and agreement.status_since == D(2024, 9, 1)
    assert services.allowed_transitions(agreement) == ()
    changes = list(StatusChange.objects.filter(agreement=agreement).values_list("to_status", "reason"))
    assert changes[-2:] == [("in_implementation", "first joint meeting"), ("terminated", "partner withdrew")]
    reasons = list(agreement.history.values_list("history_change_reason", flat=True))
    assert any("partner withdrew" in (r or "") for r in reasons)


@pytest.mark.parametrize(("fields", "parties", "field"), [
    ({"valid_until": D(2024, 1, 1)}, ("hanoi-doit", "vientiane-doic"), "valid_until"),
    ({"declared_value": Decimal("1000")}, ("hanoi-doit", "vientiane-doic"), "currency"),
    ({}, ("hanoi-doit",), "parties"),
    ({}, ("hanoi-doit", "hanoi-doit"), "parties"),
])
def test_bad_input_names_the_field_and_saves_nothing(vn_officer, fields, parties, field):
    before = Agreement.objects.count()
    with pytest.raises(ValidationError) as info:
        record(vn_officer, parties=parties, **fields)
    assert field in info.value.message_dict
    assert Agreement.objects.count() == before


def test_enterprise_member_must_be_a_party(cn_member):
    with pytest.raises(ValidationError) as info:
        record(cn_member)
    assert "parties" in info.value.message_dict
    agreement = record(cn_member, parties=("demo-zhejiang-textiles", "hangzhou-tpa"), level="enterprise")
    assert agreement.recording_organization.slug == "demo-zhejiang-textiles"


def test_first_progress_starts_implementation_and_history_keeps_author(vn_officer):
    agreement = record(vn_officer)
    commitment = services.do_add_commitment(agreement, actor=vn_officer, title="Joint fair",
                                            owner=agreement.parties.first(), due_on=D(2024, 10, 1))
    services.do_add_progress(agreement, actor=vn_officer, reported_on=D(2024, 4, 2), text="Venue booked",
                             commitment=commitment)
    agreement.refresh_from_db()
    assert agreement.status == Status.IN_IMPLEMENTATION
    services.do_update_agreement(agreement, {"title": "Renamed MOU"}, actor=vn_officer)
    with translation.override("en"):
        entries = queries.agreement_history(agreement)
    assert any(e.changes[0] == ("title", "Test MOU", "Renamed MOU") for e in entries if e.changes and e.changes[0][0])
    assert all(e.who == "hoa.vn" for e in entries)


def test_commitment_owner_must_be_a_party_of_the_same_agreement(vn_officer):
    first, second = record(vn_officer), record(vn_officer, title="Other")
    with pytest.raises(ValidationError) as info:
        services.do_add_commitment(first, actor=vn_officer, title="x", owner=second.parties.first())
    assert "owner" in info.value.message_dict
