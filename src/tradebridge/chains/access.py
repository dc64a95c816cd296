"""Who may see and change chains, pilots and reports to the ministers.

See: public chains → everyone; a chain that is not public → agency staff and administrators, and
enterprise members whose organisation is a member of it. Members, pilots and reports follow their
chain. An enterprise member sees the membership rows of its own organisation in a chain it sees;
other members of a non-public chain stay hidden from it.

Change: administrators; agency staff of the parties — staff of an agency whose country is the
country of a party to the agreement the chain implements (a chain with no agreement: any agency
staff). Enterprises never change chains, pilots or reports.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tradebridge.chains.models import Chain, Pilot
from tradebridge.core.access import (
    is_administrator,
    is_agency_or_admin,
    is_agency_staff,
    organization_id_of,
)
from tradebridge.registry.models import Organization


def visible_chains(user: Any) -> QuerySet[Chain]:
    queryset = Chain.objects.active()
    if is_agency_or_admin(user):
        return queryset
    org_id = organization_id_of(user)
    rule = Q(is_public=True)
    if org_id is not None:
        rule |= Q(members__organization_id=org_id, members__archived_at__isnull=True)
    return queryset.filter(rule).distinct()


def party_countries(chain: Chain) -> set[int]:
    """Country ids of the parties to the chain's agreement (empty when it has none)."""
    if chain.agreement_id is None:
        return set()
    return set(chain.agreement.parties.values_list("organization__country_id", flat=True))


def can_edit_chain(user: Any, chain: Chain | None = None) -> bool:
    """`chain` None: may the user create a chain at all."""
    if is_administrator(user):
        return True
    if not is_agency_staff(user):
        return False
    if chain is None:
        return True
    if chain.archived_at is not None:
        return False
    countries = party_countries(chain)
    if not countries:
        return True
    org_id = organization_id_of(user)
    country_id = Organization.objects.filter(pk=org_id).values_list("country_id", flat=True).first()
    return country_id in countries


def require_chain_editor(user: Any, chain: Chain | None = None) -> None:
    if not can_edit_chain(user, chain):
        raise PermissionDenied("agency staff of the parties and administrators only")


def get_chain_for_user(user: Any, slug: str, *, for_edit: bool = False) -> Chain:
    """The chain if the user may see it (else 404) and, with `for_edit`, change it (else 403)."""
    chain = visible_chains(user).select_related("agreement").filter(slug=slug).first()
    if chain is None:
        raise Http404(f"no chain {slug}")
    if for_edit:
        require_chain_editor(user, chain)
    return chain


def visible_members(user: Any, chain: Chain):
    """Member rows of a chain the user sees: all of a public chain (and for staff); of a
    non-public chain, an enterprise member sees only its own organisation's rows."""
    queryset = chain.members.active().select_related("organization", "country", "stage", "zone")
    if chain.is_public or is_agency_or_admin(user):
        return queryset
    return queryset.filter(organization_id=organization_id_of(user))


def visible_pilots(user: Any) -> QuerySet[Pilot]:
    queryset = Pilot.objects.active()
    if is_agency_or_admin(user):
        return queryset
    return queryset.filter(Q(chain__isnull=True) | Q(chain__in=visible_chains(user).values("id")))


def get_pilot_for_user(user: Any, slug: str, *, for_edit: bool = False) -> Pilot:
    pilot = visible_pilots(user).select_related("chain", "zone", "agreement").filter(slug=slug).first()
    if pilot is None:
        raise Http404(f"no pilot {slug}")
    if for_edit:
        if pilot.chain is not None:
            require_chain_editor(user, pilot.chain)
        elif not (is_administrator(user) or is_agency_staff(user)):
            raise PermissionDenied("agency staff and administrators only")
    return pilot
