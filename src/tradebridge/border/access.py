"""Who may see and change what at the border.

- Gates, corridors, advisories, clearance figures, harvest calendars, capacities, logistics
  services: everyone reads; agency staff and administrators write.
- Crossing logs: enterprise members and agency staff log crossings for their own organisation;
  a logger sees its own organisation's records; agency staff and administrators see all; the
  public sees aggregates only (never a record).
- Obstacles: any signed-in member of an organisation reports one; the reporting organisation
  sees its own; agency staff and administrators see and handle all; the public list shows
  only obstacles staff made public, without who raised them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from tradebridge.border.models import CrossingLog, Gate, Obstacle
from tradebridge.core.access import is_agency_or_admin, is_enterprise_member, organization_id_of


def can_manage_border(user: Any) -> bool:
    return is_agency_or_admin(user)


def require_border_staff(user: Any) -> None:
    if not can_manage_border(user):
        raise PermissionDenied("agency staff and administrators only")


def get_gate(code: str) -> Gate:
    """A gate by its zone code (public records)."""
    gate = Gate.objects.active().select_related("zone__country", "zone__province", "partner_zone").filter(
        zone__code=code).first()
    if gate is None:
        raise Http404(f"no gate {code}")
    return gate


def can_log_crossings(user: Any) -> bool:
    return organization_id_of(user) is not None and (is_enterprise_member(user) or is_agency_or_admin(user))


def visible_crossing_logs(user: Any) -> QuerySet[CrossingLog]:
    if is_agency_or_admin(user):
        return CrossingLog.objects.all()
    org_id = organization_id_of(user)
    if org_id is None:
        return CrossingLog.objects.none()
    return CrossingLog.objects.filter(organization_id=org_id)


def can_report_obstacle(user: Any) -> bool:
    return organization_id_of(user) is not None or is_agency_or_admin(user)


def visible_obstacles(user: Any) -> QuerySet[Obstacle]:
    """Obstacles the user may open in full (with who raised them)."""
    queryset = Obstacle.objects.active()
    if is_agency_or_admin(user):
        return queryset
    org_id = organization_id_of(user)
    if org_id is None:
        return Obstacle.objects.none()
    return queryset.filter(organization_id=org_id)


def public_obstacles() -> QuerySet[Obstacle]:
    """The anonymised public list: only what staff made public."""
    return Obstacle.objects.active().filter(is_public=True)


def get_obstacle_for_user(user: Any, pk: int, *, for_handling: bool = False) -> Obstacle:
    obstacle = visible_obstacles(user).filter(pk=pk).first()
    if obstacle is None:
        raise Http404(f"no obstacle {pk}")
    if for_handling:
        require_border_staff(user)
    return obstacle
