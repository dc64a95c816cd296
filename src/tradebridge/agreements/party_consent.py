"""The second way to change the parties or visibility of an agreement (the first: its recorder,
`party_rights`): with every party's consent, recorded.

- A member of a party organisation (an enterprise member, or an officer of a party agency)
  proposes a change: the parties it should have and who may see it, with a reason. Proposing
  counts as the consent of the proposer's organisation.
- Every organisation concerned answers through one of its members, for itself only: the parties
  when it was proposed (those it would remove included: it is "every party's consent") and the
  organisations it would add (an organisation does not join an agreement without consenting).
- One refusal ends it (rejected). The last consent applies it through
  `services.do_update_agreement`, as the recorder's change: the same checks, history and e-mail
  to every party (`notices`).
- One pending proposal per agreement: a new one is refused while another awaits answers (its
  proposer's organisation may withdraw it). A proposal no longer applies (superseded) once the
  parties or visibility change otherwise; the next answer or proposal says so.
- Who sees proposals: members of the organisations concerned, of the recording organisation and
  administrators (an organisation asked to join sees the proposal, not the agreement).
  The recorder and administrators may still change the parties directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.agreements import consent_notices, party_rights, services
from tradebridge.agreements.access import visible_agreements
from tradebridge.agreements.models import (
    Agreement,
    Commitment,
    PartyChangeAnswer,
    PartyChangeProposal,
    Visibility,
)
from tradebridge.core.access import (
    is_administrator,
    is_agency_staff,
    is_enterprise_member,
    organization_id_of,
)
from tradebridge.core.history import history_actor, stamp_history
from tradebridge.registry.models import Organization

State = PartyChangeProposal.State


# Reads --------------------------------------------------------------------------------------


def member_organization_id(user: Any) -> int | None:
    """The organisation a user proposes and answers for: an enterprise member's or an agency
    officer's own (visitors and administrators answer for none)."""
    if is_enterprise_member(user) or is_agency_staff(user):
        return organization_id_of(user)
    return None


def can_propose(user: Any, agreement: Agreement) -> bool:
    org_id = member_organization_id(user)
    return (
        agreement.archived_at is None
        and org_id is not None
        and agreement.parties.filter(organization_id=org_id).exists()
    )


def is_stale(proposal: PartyChangeProposal, agreement: Agreement | None = None) -> bool:
    """Whether the parties or visibility changed since it was proposed (then it no longer applies)."""
    parties, visibility = party_rights.snapshot(agreement or proposal.agreement)
    return set(parties) != set(map(int, proposal.base_parties)) or visibility != proposal.base_visibility


def answered_ids(proposal: PartyChangeProposal) -> set[int]:
    return set(proposal.answers.values_list("organization_id", flat=True))


def can_answer(user: Any, proposal: PartyChangeProposal) -> bool:
    org_id = member_organization_id(user)
    return (
        proposal.is_pending
        and proposal.agreement.archived_at is None
        and org_id in proposal.concerned_organization_ids
        and org_id not in answered_ids(proposal)
    )


def can_withdraw(user: Any, proposal: PartyChangeProposal) -> bool:
    return proposal.is_pending and member_organization_id(user) == proposal.proposing_organization_id


def _may_see(user: Any, agreement: Agreement, proposal: PartyChangeProposal) -> bool:
    org_id = organization_id_of(user)
    return is_administrator(user) or (
        org_id is not None
        and (org_id == agreement.recording_organization_id or org_id in proposal.concerned_organization_ids)
    )


def proposals_for_user(user: Any, agreement: Agreement) -> list[PartyChangeProposal]:
    """The agreement's proposals the user may see, newest first."""
    found = agreement.party_proposals.select_related("proposing_organization", "proposed_by")
    return [p for p in found if _may_see(user, agreement, p)]


def agreement_for_proposals(user: Any, agreement_id: int) -> Agreement:
    """The agreement if the user sees it or is asked to answer one of its proposals; else 404."""
    agreement = visible_agreements(user, include_archived=True).filter(pk=agreement_id).first()
    if agreement is not None:
        return agreement
    agreement = Agreement.objects.filter(pk=agreement_id).first()
    if agreement is None or not proposals_for_user(user, agreement):
        raise Http404(f"no agreement {agreement_id}")
    return agreement


def get_proposal_for_user(user: Any, agreement_id: int, proposal_id: int) -> PartyChangeProposal:
    """The proposal if the user may see it (else 404)."""
    agreement = agreement_for_proposals(user, agreement_id)
    proposal = (
        agreement.party_proposals.select_related("agreement", "proposing_organization")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or not _may_see(user, agreement, proposal):
        raise Http404(f"no proposal {proposal_id}")
    return proposal


@dataclass
class Row:
    """One organisation concerned: whether it stays, joins or leaves, and its answer."""

    organization: Organization
    role: str  # "stays", "joins" or "leaves"
    answer: PartyChangeAnswer | None


@dataclass
class ProposalView:
    proposal: PartyChangeProposal
    before: list[Organization]
    after: list[Organization]
    rows: list[Row] = field(default_factory=list)
    can_answer: bool = False
    can_withdraw: bool = False
    my_organization_id: int | None = None
    stale: bool = False  # pending, but the parties or visibility changed since: it no longer applies


def describe(user: Any, proposal: PartyChangeProposal) -> ProposalView:
    before_ids, after_ids = list(map(int, proposal.base_parties)), proposal.proposed_organization_ids
    organizations = Organization.objects.in_bulk(proposal.concerned_organization_ids)
    answers = {a.organization_id: a for a in proposal.answers.select_related("answered_by")}
    rows = []
    for pk in proposal.concerned_organization_ids:
        role = "stays" if pk in before_ids and pk in after_ids else ("joins" if pk in after_ids else "leaves")
        rows.append(Row(organizations[pk], role, answers.get(pk)))
    stale = proposal.is_pending and is_stale(proposal)
    return ProposalView(
        proposal,
        [organizations[pk] for pk in before_ids],
        [organizations[pk] for pk in after_ids],
        rows,
        can_answer=can_answer(user, proposal) and not stale,
        can_withdraw=can_withdraw(user, proposal) and not stale,
        my_organization_id=member_organization_id(user),
        stale=stale,
    )


def queryset_pending(agreement: Agreement) -> QuerySet[PartyChangeProposal]:
    return agreement.party_proposals.filter(state=State.PENDING)


# Writes -------------------------------------------------------------------------------------


def _close(proposal: PartyChangeProposal, state: str, actor: Any, reason: str) -> None:
    proposal.state, proposal.closed_at = state, timezone.now()
    stamp_history(proposal, actor, reason[:100])
    proposal.save(update_fields=["state", "closed_at"])


def _expire_if_stale(proposal: PartyChangeProposal, actor: Any) -> bool:
    if proposal.is_pending and is_stale(proposal):
        _close(proposal, State.SUPERSEDED, actor, party_rights.CHANGED_OTHERWISE)
        return True
    return False


def _check_proposal(
    agreement: Agreement, parties: Sequence[services.PartyIn] | None, visibility: str | None, reason: str
) -> tuple[list[services.PartyIn], str]:
    current = list(agreement.parties.select_related("organization"))
    if parties is None:
        parties = [services.PartyIn(p.organization, p.signatory) for p in current]
    elif not parties:
        raise ValidationError({"parties": _("List the parties the agreement should have.")})
    services.check_parties(parties, actor=None)
    visibility = visibility or agreement.visibility
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Unknown visibility %(value)s.") % {"value": visibility}})
    wanted = {p.organization.pk for p in parties}
    if wanted == {p.organization_id for p in current} and visibility == agreement.visibility:
        raise ValidationError(
            {"parties": _("The proposal changes neither the parties nor who may see the agreement.")}
        )
    for party in current:
        if party.organization_id not in wanted and Commitment.objects.filter(owner=party).exists():
            raise ValidationError(
                {
                    "parties": _("%(name)s owns commitments of this agreement and stays a party.")
                    % {"name": party.organization.display_name}
                }
            )
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    return list(parties), visibility


@transaction.atomic
def do_propose_party_change(
    agreement: Agreement,
    *,
    actor: Any,
    parties: Sequence[services.PartyIn] | None = None,
    visibility: str | None = None,
    reason: str,
    site_url: str = "",
) -> PartyChangeProposal:
    """Propose the parties (None: the same) and visibility (None: the same); a bad or empty
    proposal, or one while another awaits answers, changes nothing. The other organisations
    concerned are asked by e-mail (`site_url`: the site's address, for the link)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not can_propose(actor, agreement):
        raise PermissionDenied(
            _("Only a member of a party to this agreement can propose a change of its parties.")
        )
    parties, visibility = _check_proposal(agreement, parties, visibility, reason)
    for pending in queryset_pending(agreement).select_for_update():
        if not _expire_if_stale(pending, actor):
            raise ValidationError(
                {
                    "proposal": _(
                        "Another proposed change (#%(id)s) awaits the parties' answers: it must be "
                        "answered or withdrawn first."
                    )
                    % {"id": pending.pk}
                }
            )
    base_parties, base_visibility = party_rights.snapshot(agreement)
    proposal = PartyChangeProposal(
        agreement=agreement,
        proposed_parties=[
            {"organization": p.organization.pk, "signatory": p.signatory.strip()} for p in parties
        ],
        proposed_visibility=visibility,
        base_parties=list(base_parties),
        base_visibility=base_visibility,
        proposing_organization_id=member_organization_id(actor),
        proposed_by=history_actor(actor),
        reason=reason.strip(),
    )
    stamp_history(proposal, actor, "proposed")
    proposal.save()
    _record_answer(proposal, actor, consents=True, note="")
    consent_notices.after_commit(consent_notices.REQUESTED, proposal, site_url)
    return proposal


def _check_answerer(proposal: PartyChangeProposal, actor: Any, organization: Organization | None) -> None:
    org_id = member_organization_id(actor)
    if org_id is None or org_id not in proposal.concerned_organization_ids:
        raise PermissionDenied(_("Only a member of an organisation this change concerns can answer it."))
    if organization is not None and organization.pk != org_id:
        raise PermissionDenied(_("You can answer only for your own organisation."))


def _record_answer(
    proposal: PartyChangeProposal, actor: Any, *, consents: bool, note: str
) -> PartyChangeAnswer:
    answer = PartyChangeAnswer(
        proposal=proposal,
        agreement_id=proposal.agreement_id,
        organization_id=member_organization_id(actor),
        consents=consents,
        note=note.strip()[:500],
        answered_by=history_actor(actor),
    )
    stamp_history(answer, actor, "consented" if consents else "refused")
    answer.save()
    return answer


def _apply(proposal: PartyChangeProposal, actor: Any) -> None:
    """Every organisation concerned consented: make the change, as the recorder would."""
    _close(proposal, State.APPLIED, actor, "applied: every party consented")
    agreement = proposal.agreement
    current = dict(agreement.parties.values_list("organization_id", "signatory"))
    found = Organization.objects.in_bulk(proposal.proposed_organization_ids)
    parties = [
        services.PartyIn(
            found[int(item["organization"])],
            current.get(int(item["organization"]), item.get("signatory", "")),
        )
        for item in proposal.proposed_parties
    ]
    changes = {}
    if proposal.proposed_visibility != agreement.visibility:
        changes["visibility"] = proposal.proposed_visibility
    services.do_update_agreement(
        agreement,
        changes,
        actor=actor,
        parties=parties if set(found) != set(current) else None,
        reason=f"by consent of every party (proposal #{proposal.pk})",
        by_consent=proposal,
    )


def _answer(
    proposal: PartyChangeProposal, *, actor: Any, organization: Organization | None, consents: bool, note: str
) -> PartyChangeProposal:
    _check_answerer(proposal, actor, organization)
    with transaction.atomic():
        locked = (
            PartyChangeProposal.objects.select_for_update()
            .select_related("agreement", "proposing_organization")
            .get(pk=proposal.pk)
        )
        # Archiving closes pending proposals; one left from before that was so is closed now.
        archived = locked.is_pending and locked.agreement.archived_at is not None
        if archived:
            _close(locked, State.SUPERSEDED, actor, party_rights.ARCHIVED)
        stale = not archived and _expire_if_stale(locked, actor)
        if not (stale or archived):
            if not locked.is_pending:
                raise ValidationError(
                    {
                        "proposal": _("This proposal is closed (%(state)s): it can no longer be answered.")
                        % {"state": locked.get_state_display()}
                    }
                )
            if member_organization_id(actor) in answered_ids(locked):
                raise ValidationError(
                    {"proposal": _("Your organisation has already answered this proposal.")}
                )
            _record_answer(locked, actor, consents=consents, note=note)
            if not consents:
                _close(locked, State.REJECTED, actor, "refused")
                consent_notices.after_commit(consent_notices.REFUSED, locked, "", actor)
            elif set(locked.concerned_organization_ids) <= answered_ids(locked):
                _apply(locked, actor)
    if archived:  # outside the transaction, so that the closing stays
        raise ValidationError(
            {
                "proposal": _("This proposal is closed (%(state)s): it can no longer be answered.")
                % {"state": State.SUPERSEDED.label}
            }
        )
    if stale:
        raise ValidationError(
            {
                "proposal": _(
                    "The parties or visibility of the agreement changed since this "
                    "proposal was made: it no longer applies."
                )
            }
        )
    proposal.refresh_from_db()
    return proposal


def do_consent_party_change(
    proposal: PartyChangeProposal, *, actor: Any, organization: Organization | None = None, note: str = ""
) -> PartyChangeProposal:
    """Record the consent of the actor's organisation (`organization`, if given, must be it);
    the last consent applies the change."""
    return _answer(proposal, actor=actor, organization=organization, consents=True, note=note)


def do_refuse_party_change(
    proposal: PartyChangeProposal, *, actor: Any, organization: Organization | None = None, note: str = ""
) -> PartyChangeProposal:
    """Record the refusal of the actor's organisation: the proposal ends, nothing changes."""
    return _answer(proposal, actor=actor, organization=organization, consents=False, note=note)


@transaction.atomic
def do_withdraw_party_change(proposal: PartyChangeProposal, *, actor: Any) -> PartyChangeProposal:
    """The proposer's organisation takes its pending proposal back; nothing changes."""
    locked = PartyChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if member_organization_id(actor) != locked.proposing_organization_id:
        raise PermissionDenied(_("Only the organisation that proposed this change can withdraw it."))
    if not locked.is_pending:
        raise ValidationError(
            {
                "proposal": _("This proposal is closed (%(state)s): it can no longer be withdrawn.")
                % {"state": locked.get_state_display()}
            }
        )
    _close(locked, State.WITHDRAWN, actor, "withdrawn")
    consent_notices.after_commit(consent_notices.WITHDRAWN, locked, "", actor)
    proposal.refresh_from_db()
    return proposal
