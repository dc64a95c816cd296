"""E-mail to the parties of an agreement when its parties or visibility change: every party
before and after the change hears of it (a removed party most of all), except the organisation
that made it. Each reader gets it in their language (see `tradebridge.core.mail`); an
organisation with no member account is written to at its contact address.

The service computes what the e-mail says before the change commits and sends it with
`transaction.on_commit`, so that a refused or rolled-back change mails nobody."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tradebridge.agreements.models import Agreement, Visibility
from tradebridge.core import mail
from tradebridge.core.i18n import join_list
from tradebridge.registry.models import Organization


@dataclass(frozen=True)
class PartiesChange:
    agreement_id: int
    author: str  # who made the change: an organisation's name, or the account's name
    parties_before: tuple[int, ...]  # organisation ids, in their order
    parties_after: tuple[int, ...]
    visibility_before: str
    visibility_after: str
    author_organization_id: int | None
    by_consent: bool = False  # every party consented to it; `author` proposed it


def _names(ids: Iterable[int]) -> str:
    found = Organization.objects.in_bulk(list(ids))
    return join_list([found[pk].display_name for pk in ids if pk in found])


def _message(change: PartiesChange, agreement: Agreement) -> tuple[str, str]:
    if change.by_consent:
        lead = _("Every party consented to the change of the agreement “%(title)s” (#%(id)s) that "
                 "%(author)s proposed:")
    else:
        lead = _("%(author)s changed the agreement “%(title)s” (#%(id)s):")
    lines = [lead % {"author": change.author, "title": agreement.display_title, "id": agreement.pk}]
    if change.parties_before != change.parties_after:
        lines.append(_("Parties: %(before)s → %(after)s.") % {
            "before": _names(change.parties_before), "after": _names(change.parties_after)})
    if change.visibility_before != change.visibility_after:
        lines.append(_("Who may see it: %(before)s → %(after)s.") % {
            "before": Visibility(change.visibility_before).label,
            "after": Visibility(change.visibility_after).label})
    lines.append(_("Its history shows who changed what and when. If this is wrong, contact the "
                   "organisation that recorded it."))
    return _("[TradeBridge] The parties or visibility of an agreement changed"), "\n".join(lines)


def send_parties_change(change: PartiesChange) -> int:
    """Mail every party organisation, before and after, but the author's; returns how many
    e-mails were sent."""
    agreement = Agreement.objects.get(pk=change.agreement_id)
    ids = dict.fromkeys((*change.parties_before, *change.parties_after))
    ids.pop(change.author_organization_id, None)
    sent = 0
    for organization in Organization.objects.filter(pk__in=list(ids)):
        members = list(organization.members.filter(is_active=True).exclude(email=""))
        contacts = [organization.contact_email] if not members and organization.contact_email else []
        sent += len(mail.send_to_users(members, lambda _audience: _message(change, agreement),
                                       addresses=contacts, fail_silently=True))
    return sent


def later(change: PartiesChange) -> Callable[[], int]:
    return lambda: send_parties_change(change)
