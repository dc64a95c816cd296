"""Who the parties of an agreement are and who may see it belong to whoever recorded it
(`access.can_change_parties`): a party that did not record it cannot drop the other signatory,
add an organisation that never signed, or hide the record. Any change of them is mailed to the
parties (`notices`); the history keeps it (the parties' and the agreement's own records)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tradebridge.agreements import notices
from tradebridge.agreements.access import can_change_parties, parties_locked_message
from tradebridge.agreements.models import Agreement
from tradebridge.core.access import organization_id_of

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


def notify_after_commit(agreement: Agreement, before: Snapshot, actor: Any) -> None:
    """Mail the parties, once the change commits, if a person changed the parties or the
    visibility (the loaders of reference and demo data, with no actor, mail nobody)."""
    after = snapshot(agreement)
    if actor is None or after == before:
        return
    change = notices.PartiesChange(agreement.pk, _author(actor), before[0], after[0], before[1], after[1],
                                   organization_id_of(actor))
    transaction.on_commit(notices.later(change))
