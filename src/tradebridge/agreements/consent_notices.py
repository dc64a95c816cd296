"""E-mail about a proposed change of an agreement's parties (`party_consent`), in each reader's
language: the organisations concerned are asked to answer when it is proposed, and hear when it
is refused or withdrawn (the applied change is mailed by `notices`, as any change of parties).
The organisation that acted is not written to. Sent once the transaction commits."""

from __future__ import annotations

from urllib.parse import urljoin

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tradebridge.agreements.models import PartyChangeProposal, Visibility
from tradebridge.core import mail
from tradebridge.core.access import organization_id_of
from tradebridge.core.i18n import join_list
from tradebridge.registry.models import Organization

REQUESTED, REFUSED, WITHDRAWN = "requested", "refused", "withdrawn"


def _names(ids: list[int]) -> str:
    found = Organization.objects.in_bulk(ids)
    return join_list([found[pk].display_name for pk in ids if pk in found])


def _message(kind: str, proposal: PartyChangeProposal, actor_name: str, link: str) -> tuple[str, str]:
    agreement = proposal.agreement
    names = {
        "title": agreement.display_title,
        "id": agreement.pk,
        "proposer": proposal.proposing_organization.display_name,
        "who": actor_name,
    }
    if kind == REFUSED:
        return (
            _("[TradeBridge] A proposed change of an agreement's parties was refused"),
            _(
                "%(who)s refused the change of the agreement “%(title)s” (#%(id)s) that %(proposer)s "
                "proposed. Nothing changes."
            )
            % names,
        )
    if kind == WITHDRAWN:
        return (
            _("[TradeBridge] A proposed change of an agreement's parties was withdrawn"),
            _(
                "%(proposer)s withdrew the change of the agreement “%(title)s” (#%(id)s) that it "
                "proposed. Nothing changes."
            )
            % names,
        )
    lines = [_("%(proposer)s proposes a change of the agreement “%(title)s” (#%(id)s):") % names]
    before, after = list(map(int, proposal.base_parties)), proposal.proposed_organization_ids
    if before != after:
        lines.append(
            _("Parties: %(before)s → %(after)s.") % {"before": _names(before), "after": _names(after)}
        )
    if proposal.base_visibility != proposal.proposed_visibility:
        lines.append(
            _("Who may see it: %(before)s → %(after)s.")
            % {
                "before": Visibility(proposal.base_visibility).label,
                "after": Visibility(proposal.proposed_visibility).label,
            }
        )
    lines.append(_("Reason: %(reason)s") % {"reason": proposal.reason})
    lines.append(
        _(
            "It applies once every organisation concerned consents; one refusal ends it. One "
            "member of your organisation answers for it: %(link)s"
        )
        % {"link": link}
    )
    return _("[TradeBridge] Your consent is asked to change an agreement's parties"), "\n".join(lines)


def send(kind: str, proposal_id: int, site_url: str, actor_organization_id: int | None) -> int:
    """Mail every organisation concerned but the one that acted; returns how many e-mails."""
    proposal = PartyChangeProposal.objects.select_related("agreement", "proposing_organization").get(
        pk=proposal_id
    )
    actor = Organization.objects.filter(pk=actor_organization_id).first()
    actor_name = actor.display_name if actor else ""
    link = urljoin(
        site_url or "/", reverse("agreements:party_proposal", args=[proposal.agreement_id, proposal.pk])
    )
    sent = 0
    ids = [pk for pk in proposal.concerned_organization_ids if pk != actor_organization_id]
    for organization in Organization.objects.filter(pk__in=ids):
        members = list(organization.members.filter(is_active=True).exclude(email=""))
        contacts = [organization.contact_email] if not members and organization.contact_email else []
        sent += len(
            mail.send_to_users(
                members,
                lambda _audience: _message(kind, proposal, actor_name, link),
                addresses=contacts,
                fail_silently=True,
            )
        )
    return sent


def after_commit(kind: str, proposal: PartyChangeProposal, site_url: str = "", actor=None) -> None:
    """`actor`: who acted (the proposer when None)."""
    org_id = organization_id_of(actor) if actor is not None else proposal.proposing_organization_id
    transaction.on_commit(lambda: send(kind, proposal.pk, site_url, org_id))
