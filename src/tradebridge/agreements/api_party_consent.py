"""Proposed changes of an agreement's parties in the API (`party_consent`), with the pages'
permissions: a party's member proposes; each organisation concerned consents or refuses through
one of its members; the proposer's organisation may withdraw. Unknown agreement or proposal, or
one the user may not see: 404; not allowed: 403; bad input: 422."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from tradebridge.agreements import party_consent, services
from tradebridge.agreements.access import get_agreement_for_user
from tradebridge.agreements.api_schemas import PartyIn
from tradebridge.agreements.models import PartyChangeProposal
from tradebridge.core.api_errors import ErrorOut
from tradebridge.registry.models import Organization

router = Router()
READ = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE = {**READ, 422: ErrorOut}
PROPOSAL = "/{int:agreement_id}/party-proposals/{int:proposal_id}"


class ProposalIn(Schema):
    parties: list[PartyIn] | None = Field(None, description="The parties it should have; left out: the same.")
    visibility: str | None = Field(None, description="public, parties or private; left out: the same.")
    reason: str = Field(..., max_length=2000)


class AnswerIn(Schema):
    organization: str | None = Field(None, description="Slug of the answering organisation: yours.")
    note: str = Field("", max_length=500)


class AnswerOut(Schema):
    organization: str
    name: str
    role: str  # stays, joins, leaves
    answer: str  # consents, refuses, awaiting
    by: str | None
    at: str | None
    note: str


class ProposalOut(Schema):
    id: int
    agreement: int
    state: str
    stale: bool
    proposed_by: str | None
    proposing_organization: str
    reason: str
    created_at: str
    closed_at: str | None
    parties_before: list[str]
    parties_after: list[str]
    visibility_before: str
    visibility_after: str
    answers: list[AnswerOut]


def _out(request: HttpRequest, proposal: PartyChangeProposal) -> dict:
    view = party_consent.describe(request.user, proposal)
    return {
        "id": proposal.pk,
        "agreement": proposal.agreement_id,
        "state": proposal.state,
        "stale": view.stale,
        "proposed_by": proposal.proposed_by.username if proposal.proposed_by_id else None,
        "proposing_organization": proposal.proposing_organization.slug,
        "reason": proposal.reason,
        "created_at": proposal.created_at.isoformat(),
        "closed_at": proposal.closed_at.isoformat() if proposal.closed_at else None,
        "parties_before": [o.slug for o in view.before],
        "parties_after": [o.slug for o in view.after],
        "visibility_before": proposal.base_visibility,
        "visibility_after": proposal.proposed_visibility,
        "answers": [
            {
                "organization": row.organization.slug,
                "name": row.organization.display_name,
                "role": row.role,
                "answer": ("consents" if row.answer.consents else "refuses") if row.answer else "awaiting",
                "by": row.answer.answered_by.username if row.answer and row.answer.answered_by_id else None,
                "at": row.answer.answered_at.isoformat() if row.answer else None,
                "note": row.answer.note if row.answer else "",
            }
            for row in view.rows
        ],
    }


def _organization(slug: str | None, field: str) -> Organization | None:
    if slug is None:
        return None
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise HttpError(422, f"{field}: no organisation {slug!r} in the registry")
    return organization


def _parties(items: list[PartyIn] | None) -> list[services.PartyIn] | None:
    if items is None:
        return None
    return [services.PartyIn(_organization(p.organization, "parties"), p.signatory) for p in items]


@router.get("/{int:agreement_id}/party-proposals", response={200: list[ProposalOut], **READ})
def list_party_proposals(request, agreement_id: int):
    """The proposals the user may see (those of the organisations concerned, the recorder's and
    an administrator's), newest first."""
    agreement = party_consent.agreement_for_proposals(request.user, agreement_id)
    return [_out(request, p) for p in party_consent.proposals_for_user(request.user, agreement)]


@router.post("/{int:agreement_id}/party-proposals", response={201: ProposalOut, **WRITE}, auth=django_auth)
def propose_party_change(request, agreement_id: int, payload: ProposalIn):
    agreement = get_agreement_for_user(request.user, agreement_id)
    proposal = party_consent.do_propose_party_change(
        agreement,
        actor=request.user,
        parties=_parties(payload.parties),
        visibility=payload.visibility,
        reason=payload.reason,
        site_url=request.build_absolute_uri("/"),
    )
    return Status(201, _out(request, proposal))


@router.get(PROPOSAL, response={200: ProposalOut, **READ})
def get_party_proposal(request, agreement_id: int, proposal_id: int):
    return _out(request, party_consent.get_proposal_for_user(request.user, agreement_id, proposal_id))


def _answer(request, agreement_id: int, proposal_id: int, payload: AnswerIn | None, service) -> dict:
    proposal = party_consent.get_proposal_for_user(request.user, agreement_id, proposal_id)
    payload = payload or AnswerIn()
    service(proposal, actor=request.user, organization=_organization(payload.organization, "organization"),
            note=payload.note)
    return _out(request, proposal)


@router.post(PROPOSAL + "/consent", response={200: ProposalOut, **WRITE}, auth=django_auth)
def consent_party_change(request, agreement_id: int, proposal_id: int, payload: AnswerIn | None = None):
    """Your organisation consents; the last consent applies the change."""
    return _answer(request, agreement_id, proposal_id, payload, party_consent.do_consent_party_change)


@router.post(PROPOSAL + "/refuse", response={200: ProposalOut, **WRITE}, auth=django_auth)
def refuse_party_change(request, agreement_id: int, proposal_id: int, payload: AnswerIn | None = None):
    """Your organisation refuses: the proposal ends and nothing changes."""
    return _answer(request, agreement_id, proposal_id, payload, party_consent.do_refuse_party_change)


@router.post(PROPOSAL + "/withdraw", response={200: ProposalOut, **WRITE}, auth=django_auth)
def withdraw_party_change(request, agreement_id: int, proposal_id: int):
    proposal = party_consent.get_proposal_for_user(request.user, agreement_id, proposal_id)
    return _out(request, party_consent.do_withdraw_party_change(proposal, actor=request.user))
