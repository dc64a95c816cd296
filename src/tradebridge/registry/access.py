"""Who may see and change which organisation. Every registry view and endpoint goes through here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tradebridge.core.access import is_administrator, is_agency_staff, organization_id_of
from tradebridge.registry.models import Organization


def can_edit_organization(user: Any, organization: Organization) -> bool:
    """Administrators and agency staff edit any organisation; a member edits its own."""
    if organization.archived_at is not None:
        return False
    if is_administrator(user) or is_agency_staff(user):
        return True
    return organization_id_of(user) == organization.pk and getattr(user, "is_enterprise_member",
                                                                    False)


def can_see_contacts(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def access_organization(user: Any, slug: str, *, for_edit: bool = False) -> Organization:
    """Fetch an organisation the user may see (or edit), else 404 / 403."""
    queryset = Organization.objects.select_related("country", "province", "zone")
    if not (is_administrator(user) or is_agency_staff(user)):
        queryset = queryset.active()
    try:
        organization = queryset.get(slug=slug)
    except Organization.DoesNotExist as exc:
        raise Http404("organisation not found") from exc
    if for_edit and not can_edit_organization(user, organization):
        raise PermissionDenied("you may not edit this organisation")
    return organization
