"""Who may see and change which organisation. Every registry view and endpoint goes through here;
creating organisations, imports and the review queue are for agency staff and administrators
(`tradebridge.core.access.require_agency_or_admin`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tradebridge.core.access import is_agency_or_admin, is_enterprise_member, organization_id_of
from tradebridge.registry.models import Alias, Organization, TradeItem


class Moved(Exception):
    """The slug is an alias of an organisation that was merged: go to `organization`."""

    def __init__(self, organization: Organization):
        super().__init__(organization.slug)
        self.organization = organization


def can_edit_organization(user: Any, organization: Organization) -> bool:
    """Administrators and agency staff edit any organisation; a member edits its own."""
    if organization.is_archived:
        return False
    if is_agency_or_admin(user):
        return True
    return organization_id_of(user) == organization.pk and getattr(user, "is_enterprise_member",
                                                                    False)


def can_see_contacts(user: Any) -> bool:
    """Contacts are for enterprise members and agency staff (README, roles): a signed-in visitor
    with no organisation does not see them."""
    return is_agency_or_admin(user) or is_enterprise_member(user)


def access_organization(user: Any, slug: str, *, for_edit: bool = False) -> Organization:
    """Fetch an organisation the user may see (or edit), else 404 / 403; an alias of a merged
    organisation raises Moved."""
    queryset = Organization.objects.select_related("country", "province", "zone")
    if not is_agency_or_admin(user):  # they also see archived records
        queryset = queryset.active()
    try:
        organization = queryset.get(slug=slug)
    except Organization.DoesNotExist as exc:
        alias = Alias.objects.select_related("organization").filter(slug=slug).first()
        if alias is not None:
            raise Moved(alias.organization) from exc
        raise Http404(f"no organisation {slug!r}") from exc
    if for_edit and not can_edit_organization(user, organization):
        raise PermissionDenied("you may not edit this organisation")
    return organization


def access_trade_item(user: Any, organization: Organization, item_id: int) -> TradeItem:
    """An offer or need of `organization` that the user may edit."""
    if not can_edit_organization(user, organization):
        raise PermissionDenied("you may not edit this organisation")
    try:
        return organization.trade_items.active().select_related("hs").get(pk=item_id)
    except TradeItem.DoesNotExist as exc:
        raise Http404("no such offer or need") from exc
