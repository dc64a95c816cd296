"""The second way to change the parties or visibility of an agreement (issue 16, item 8): with
every party's consent, recorded. A party's member proposes; every organisation concerned (the
parties, those leaving included, and those joining) answers through one of its members; one
refusal ends it; the last consent applies it with history and e-mail to every party."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from tests.factories.agreements import SILK_PARTIES, silk_supply
from tests.personas import client_for, make_user
from tradebridge.accounts.models import Role
from tradebridge.agreements import party_consent, services
from tradebridge.agreements.models import Agreement, Party, PartyChangeAnswer, PartyChangeProposal
from tradebridge.registry.models import Organization

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

PARTIES = SILK_PARTIES


@pytest.fixture
def agreement(vn_officer, cn_member):
    """Recorded by the Hanoi agency; signed by Lao Cai and the Zhejiang enterprise; seen by the
    parties and agencies only."""
    return silk_supply(vn_officer, cn_member, visibility="parties", signers=True)


@pytest.fixture
def laocai_officer(db):
    """Officer of a party agency; reads e-mail in Vietnamese."""
    return make_user("lan.laocai", Role.AGENCY_STAFF, "laocai-doit", email="lan@example.vn", language="vi")


@pytest.fixture
def silk_member(db):
    """Member of a Hanoi enterprise that did not sign (the one the proposal adds)."""
    return make_user("minh.silk", Role.ENTERPRISE_MEMBER, "demo-vn-hanoi-silk", email="minh@example.vn",
                     language="en")


def parties_of(agreement) -> list[str]:
    return list(Party.objects.filter(agreement=agreement).values_list("organization__slug", flat=True))


def post(user, url, payload=None):
    return client_for(user).post(url, json.dumps(payload) if payload is not None else "",
                                 content_type="application/json")


def api(agreement, tail=""):
    return f"/api/agreements/{agreement.pk}/party-proposals{tail}"


SWAP = {"parties": [{"organization": "demo-zhejiang-textiles"},
                    {"organization": "demo-vn-hanoi-silk", "signatory": "Nguyen Minh"}],
        "visibility": "public", "reason": "Lao Cai hands the supply over to the Hanoi mill."}


def propose(user, agreement, payload=SWAP):
    return post(user, api(agreement), payload)


def unchanged(agreement) -> bool:
    saved = Agreement.objects.get(pk=agreement.pk)
    return parties_of(agreement) == list(PARTIES) and saved.visibility == "parties"


def test_with_every_partys_consent_the_change_applies_with_history_and_mail(
        agreement, cn_member, laocai_officer, silk_member, vn_officer, mailoutbox,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = propose(cn_member, agreement)
    assert response.status_code == 201, response.content
    proposal = response.json()
    assert proposal["state"] == "pending" and proposal["parties_after"] == ["demo-zhejiang-textiles",
                                                                           "demo-vn-hanoi-silk"]
    answers = {a["organization"]: (a["role"], a["answer"]) for a in proposal["answers"]}
    # Proposing is the proposer's consent; the party leaving and the organisation joining must answer.
    assert answers == {"laocai-doit": ("leaves", "awaiting"), "demo-zhejiang-textiles": ("stays", "consents"),
                       "demo-vn-hanoi-silk": ("joins", "awaiting")}
    # Both are asked, each in its language, with a link to the proposal; the proposer is not.
    asked = {address: m for m in mailoutbox for address in m.to}
    assert set(asked) == {"lan@example.vn", "minh@example.vn"}
    assert f"/agreements/{agreement.pk}/party-proposals/{proposal['id']}/" in asked["minh@example.vn"].body
    assert "consent" in asked["minh@example.vn"].subject
    assert asked["lan@example.vn"].subject != asked["minh@example.vn"].subject  # Vietnamese
    mailoutbox.clear()

    first = post(laocai_officer, api(agreement, f"/{proposal['id']}/consent"))
    assert first.status_code == 200 and first.json()["state"] == "pending"
    assert unchanged(agreement)  # one consent is missing: nothing changes yet

    with django_capture_on_commit_callbacks(execute=True):
        last = post(silk_member, api(agreement, f"/{proposal['id']}/consent"), {"note": "Agreed."})
    assert last.status_code == 200 and last.json()["state"] == "applied"
    saved = Agreement.objects.get(pk=agreement.pk)
    assert parties_of(agreement) == ["demo-zhejiang-textiles", "demo-vn-hanoi-silk"]
    assert saved.visibility == "public"
    # The kept party keeps its signatory; the new one has the proposed one.
    assert dict(saved.parties.values_list("organization__slug", "signatory")) == {
        "demo-zhejiang-textiles": "Signer demo-zhejiang-textiles", "demo-vn-hanoi-silk": "Nguyen Minh"}
    # Every party before and after hears of it, the recorder's staff not being a party.
    told = {address for m in mailoutbox for address in m.to}
    assert {"lan@example.vn", "wang@example.cn", "minh@example.vn"} <= told and "hoa@example.vn" not in told
    body = next(m.body for m in mailoutbox if "wang@example.cn" in m.to)
    assert "Every party consented" in body and "Parties:" in body and "Who may see it:" in body
    # The history keeps the proposal, each answer with who gave it, and the change.
    answers = PartyChangeAnswer.objects.filter(proposal_id=proposal["id"])
    assert {(a.organization.slug, a.consents, a.answered_by.username) for a in answers} == {
        ("demo-zhejiang-textiles", True, "wang.cn"), ("laocai-doit", True, "lan.laocai"),
        ("demo-vn-hanoi-silk", True, "minh.silk")}
    assert Agreement.history.filter(
        id=agreement.pk, history_change_reason=f"by consent of every party (proposal #{proposal['id']})").exists()
    assert {"removed", "set"} <= set(
        Party.history.filter(agreement_id=agreement.pk).values_list("history_change_reason", flat=True))
    page = client_for(vn_officer).get(f"/agreements/{agreement.pk}/history/").content.decode()
    assert "proposed change of parties" in page and "answer to a proposed change of parties" in page


def test_a_refusal_ends_it_and_changes_nothing(agreement, cn_member, laocai_officer, silk_member, mailoutbox,
                                               django_capture_on_commit_callbacks):
    pid = propose(cn_member, agreement).json()["id"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(laocai_officer, api(agreement, f"/{pid}/refuse"), {"note": "We still supply."})
    assert response.status_code == 200 and response.json()["state"] == "rejected"
    assert unchanged(agreement)
    told = {address for m in mailoutbox for address in m.to}
    assert {"wang@example.cn", "minh@example.vn"} <= told and "lan@example.vn" not in told  # not the refuser
    late = post(silk_member, api(agreement, f"/{pid}/consent"))
    assert late.status_code == 422 and "closed" in late.json()["message"]
    assert unchanged(agreement)


@pytest.mark.parametrize("who", ["outsider", "lao_officer", "vn_officer", "administrator"])
def test_who_is_no_party_member_cannot_propose(agreement, request, who):
    user = request.getfixturevalue(who)
    response = propose(user, agreement)
    assert response.status_code in (403, 404)
    assert not PartyChangeProposal.objects.exists() and unchanged(agreement)


def test_an_anonymous_user_can_neither_propose_nor_answer(agreement, cn_member):
    assert propose(None, agreement).status_code == 401
    pid = propose(cn_member, agreement).json()["id"]
    assert post(None, api(agreement, f"/{pid}/consent")).status_code == 401
    assert client_for(None).get(api(agreement, f"/{pid}")).status_code == 404
    page = client_for(None).post(f"/agreements/{agreement.pk}/party-proposals/{pid}/consent/")
    assert page.status_code == 302 and "login" in page["Location"]
    assert PartyChangeAnswer.objects.count() == 1


@pytest.mark.parametrize("who", ["outsider", "lao_officer", "vn_officer"])
def test_who_is_not_concerned_cannot_answer(agreement, cn_member, request, who):
    pid = propose(cn_member, agreement).json()["id"]
    response = post(request.getfixturevalue(who), api(agreement, f"/{pid}/consent"))
    assert response.status_code in (403, 404)
    assert PartyChangeAnswer.objects.count() == 1 and unchanged(agreement)


def test_a_party_member_answers_only_for_its_own_organisation(agreement, cn_member, laocai_officer):
    pid = propose(cn_member, agreement).json()["id"]
    response = post(laocai_officer, api(agreement, f"/{pid}/consent"), {"organization": "demo-vn-hanoi-silk"})
    assert response.status_code == 403 and "your own organisation" in response.json()["message"]
    again = post(cn_member, api(agreement, f"/{pid}/consent"))
    assert again.status_code == 422 and "already answered" in again.json()["message"]
    assert PartyChangeAnswer.objects.count() == 1 and unchanged(agreement)


@pytest.mark.parametrize(("payload", "message"), [
    ({**SWAP, "parties": [{"organization": "laocai-doit"}, {"organization": "no-such-org"}]}, "no-such-org"),
    ({**SWAP, "parties": []}, "List the parties"),
    ({"parties": [{"organization": s} for s in PARTIES], "visibility": "parties", "reason": "Nothing."},
     "changes neither"),
    ({"reason": "Nothing at all."}, "changes neither"),
    ({**SWAP, "visibility": "secret"}, "Unknown visibility"),
    ({**SWAP, "reason": "  "}, "reason"),
    ({**SWAP, "parties": [{"organization": "demo-zhejiang-textiles"}]}, "two or more"),
])
def test_bad_input_gets_a_clear_error_and_changes_nothing(agreement, cn_member, payload, message):
    response = propose(cn_member, agreement, payload)
    assert response.status_code == 422 and message in response.json()["message"], response.content
    assert not PartyChangeProposal.objects.exists() and unchanged(agreement)


def test_one_pending_proposal_at_a_time_and_the_proposer_withdraws(agreement, cn_member, laocai_officer):
    pid = propose(cn_member, agreement).json()["id"]
    second = propose(laocai_officer, agreement, {"visibility": "public", "reason": "Open it."})
    assert second.status_code == 422 and "awaits the parties' answers" in second.json()["message"]
    assert post(laocai_officer, api(agreement, f"/{pid}/withdraw")).status_code == 403
    withdrawn = post(cn_member, api(agreement, f"/{pid}/withdraw"))
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"
    assert propose(laocai_officer, agreement, {"visibility": "public", "reason": "Open it."}).status_code == 201
    listed = client_for(cn_member).get(api(agreement)).json()
    assert [p["state"] for p in listed] == ["pending", "withdrawn"]


def test_a_direct_change_by_the_recorder_supersedes_a_pending_proposal(agreement, cn_member, laocai_officer,
                                                                       vn_officer):
    pid = propose(cn_member, agreement).json()["id"]
    patched = client_for(vn_officer).patch(f"/api/agreements/{agreement.pk}", json.dumps({"visibility": "public"}),
                                           content_type="application/json")
    assert patched.status_code == 200
    assert PartyChangeProposal.objects.get(pk=pid).state == "superseded"
    late = post(laocai_officer, api(agreement, f"/{pid}/consent"))
    assert late.status_code == 422 and parties_of(agreement) == list(PARTIES)
    # A proposal made stale by a change that bypassed the services is caught at the next answer.
    pid = propose(cn_member, agreement, {**SWAP, "visibility": "parties"}).json()["id"]
    Agreement.objects.filter(pk=agreement.pk).update(visibility="private")
    stale = post(laocai_officer, api(agreement, f"/{pid}/consent"))
    assert stale.status_code == 422 and "no longer applies" in stale.json()["message"]
    assert PartyChangeProposal.objects.get(pk=pid).state == "superseded"
    assert parties_of(agreement) == list(PARTIES)


def test_the_pages_propose_show_and_answer(agreement, cn_member, laocai_officer, silk_member, outsider):
    detail = f"/agreements/{agreement.pk}/"
    page = client_for(cn_member).get(detail).content.decode()
    assert 'data-testid="party-proposal-form"' in page
    form = {"keep": ["demo-zhejiang-textiles"], "add": ["demo-vn-hanoi-silk"], "visibility": "parties",
            "reason": "Hand over to the Hanoi mill."}
    response = client_for(cn_member).post(f"/agreements/{agreement.pk}/party-proposals/", form)
    assert response.status_code == 302
    proposal = PartyChangeProposal.objects.get()
    assert proposal.proposed_organization_ids == [
        Organization.objects.get(slug=s).pk for s in ("demo-zhejiang-textiles", "demo-vn-hanoi-silk")]
    # The party still to answer sees the proposal with its buttons; the proposer no form and no buttons.
    page = client_for(laocai_officer).get(detail).content.decode()
    assert 'data-testid="party-proposal"' in page and 'data-testid="proposal-consent"' in page
    page = client_for(cn_member).get(detail).content.decode()
    assert 'data-testid="proposal-withdraw"' in page and 'data-testid="proposal-consent"' not in page
    assert 'data-testid="party-proposal-form"' not in page
    assert client_for(laocai_officer).post(f"{detail}party-proposals/{proposal.pk}/consent/").status_code == 302
    # The organisation asked to join cannot see the agreement, only the proposal, and answers there.
    assert client_for(silk_member).get(detail).status_code == 404
    own = f"{detail}party-proposals/{proposal.pk}/"
    assert 'data-testid="proposal-consent"' in client_for(silk_member).get(own).content.decode()
    assert client_for(outsider).get(own).status_code == 404
    assert client_for(outsider).post(f"{own}consent/").status_code == 404
    answered = client_for(silk_member).post(f"{own}consent/")
    assert answered.status_code == 302 and answered["Location"] == detail  # now a party, it sees it
    assert parties_of(agreement) == ["demo-zhejiang-textiles", "demo-vn-hanoi-silk"]
    assert PartyChangeProposal.objects.get().state == "applied"


def test_a_forged_page_proposal_by_a_non_party_is_refused(agreement, lao_officer):
    response = client_for(lao_officer).post(f"/agreements/{agreement.pk}/party-proposals/",
                                            {"keep": list(PARTIES), "visibility": "private", "reason": "x"})
    assert response.status_code == 403 and not PartyChangeProposal.objects.exists()


def test_the_service_refuses_removing_a_party_that_owns_commitments(agreement, cn_member, vn_officer):
    owner = agreement.parties.get(organization__slug="laocai-doit")
    services.do_add_commitment(agreement, actor=vn_officer, title="Deliver", owner=owner)
    with pytest.raises(Exception, match="owns commitments"):
        party_consent.do_propose_party_change(
            agreement, actor=cn_member, reason="x",
            parties=[services.PartyIn(Organization.objects.get(slug=s))
                     for s in ("demo-zhejiang-textiles", "demo-vn-hanoi-silk")])
    assert not PartyChangeProposal.objects.exists()


def test_archiving_the_agreement_ends_a_pending_proposal(agreement, cn_member, laocai_officer, vn_officer):
    pid = propose(cn_member, agreement).json()["id"]
    services.do_archive_agreement(Agreement.objects.get(pk=agreement.pk), actor=vn_officer, reason="ended")
    proposal = PartyChangeProposal.objects.get(pk=pid)
    assert proposal.state == "superseded" and proposal.closed_at is not None
    assert proposal.history.first().history_change_reason == "superseded: the agreement was archived"
    late = post(laocai_officer, api(agreement, f"/{pid}/consent"))
    assert late.status_code == 422 and "closed" in late.json()["message"]
    assert not party_consent.can_answer(laocai_officer, proposal)
    assert parties_of(agreement) == list(PARTIES)


def test_a_proposal_left_pending_on_an_archived_agreement_cannot_be_answered(agreement, cn_member,
                                                                              laocai_officer):
    # Archived before archiving closed proposals: answering closes it instead of applying it.
    pid = propose(cn_member, agreement).json()["id"]
    Agreement.objects.filter(pk=agreement.pk).update(archived_at=timezone.now())
    late = post(laocai_officer, api(agreement, f"/{pid}/consent"))
    assert late.status_code == 422 and "closed" in late.json()["message"]
    assert PartyChangeProposal.objects.get(pk=pid).state == "superseded"
    assert not PartyChangeAnswer.objects.filter(proposal_id=pid, organization__slug="laocai-doit").exists()
    assert parties_of(agreement) == list(PARTIES)
