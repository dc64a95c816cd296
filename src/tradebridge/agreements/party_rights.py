"""Who the parties of an agreement are and who may see it belong to whoever recorded it
(`access.can_change_parties`): a party that did not record it cannot drop the other signatory,
add an organisation that never signed, or hide the record. Any change of them is mailed to the
parties (`notices`); the history keeps it (the parties' and the agreement's own records)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.agreements import notices
from tradebridge.agreements.access import can_change_parties, parties_locked_message
from tradebridge.agreements.models import Agreement, PartyChangeProposal
from tradebridge.core.access import organization_id_of
from tradebridge.core.history import stamp_history

Snapshot = tuple[tuple[int, ...], str]


def snapshot(agreement: Agreement) -> Snapshot:
    """The parties' organisations in order, and the visibility."""
    return tuple(agreement.parties.values_list("organization_id", flat=True)), agreement.visibility


def is_restricted(agreement: Agreement, values: dict[str, Any], parties: Sequence[Any] | None,
                  actor: Any) -> bool:
    """Whether a change touches who the parties are, another party's signatory or the
    visibility (a party may still correct the name of its own signatory)."""
    if "visibility" in values and values["visibility"] != agreement.visibility:
        return True
    if parties is None:
        return False
    current = dict(agreement.parties.values_list("organization_id", "signatory"))
    wanted = {p.organization.pk: p.signatory.strip() for p in parties}
    own = organization_id_of(actor)
    return set(current) != set(wanted) or any(
        current[pk] != signatory for pk, signatory in wanted.items() if pk != own)


def check(agreement: Agreement, values: dict[str, Any], parties: Sequence[Any] | None, actor: Any) -> None:
    """Refuse (PermissionDenied, naming who may) a restricted change by someone else. No actor:
    the system itself (loaders, migrations)."""
    if actor is not None and is_restricted(agreement, values, parties, actor) \
            and not can_change_parties(actor, agreement):
        raise PermissionDenied(parties_locked_message(agreement))


def _author(actor: Any) -> str:
    organization = getattr(actor, "organization", None)
    if organization is not None:
        return organization.display_name
    username = actor.get_username() if hasattr(actor, "get_username") else ""
    return username or _("An administrator")


def notify_after_commit(agreement: Agreement, before: Snapshot, actor: Any, *,
                        by_consent: Any = None) -> None:
    """Mail the parties, once the change commits, if a person changed the parties or the
    visibility (the loaders of reference and demo data, with no actor, mail nobody). A change
    the parties consented to (`by_consent`: the proposal) is mailed to every party, the
    proposer's and the last to consent included, and names the proposer."""
    after = snapshot(agreement)
    if actor is None or after == before:
        return
    if by_consent is not None:
        change = notices.PartiesChange(agreement.pk, by_consent.proposing_organization.display_name,
                                       before[0], after[0], before[1], after[1], None, by_consent=True)
    else:
        change = notices.PartiesChange(agreement.pk, _author(actor), before[0], after[0], before[1], after[1],
                                       organization_id_of(actor))
    transaction.on_commit(notices.later(change))


CHANGED_OTHERWISE = "superseded: the parties or visibility changed otherwise"
ARCHIVED = "superseded: the agreement was archived"


def supersede_proposals(agreement: Agreement, *, keep: Any = None, actor: Any = None,
                        reason: str = CHANGED_OTHERWISE) -> int:
    """A pending proposed change of the parties (`party_consent`) no longer applies once the
    parties or visibility change otherwise, or the agreement is archived: mark it superseded
    (locked first, so that a consent being applied at the same time wins or waits). With
    `actor`, the history records them. Returns how many."""
    pending = PartyChangeProposal.objects.select_for_update().filter(
        agreement=agreement, state=PartyChangeProposal.State.PENDING
    )
    if keep is not None:
        pending = pending.exclude(pk=keep.pk)
    count = 0
    for proposal in pending:
        proposal.state, proposal.closed_at = PartyChangeProposal.State.SUPERSEDED, timezone.now()
        if actor is not None:
            stamp_history(proposal, actor, reason)
        else:
            proposal._change_reason = reason
        proposal.save(update_fields=["state", "closed_at"])
        count += 1
    return count
