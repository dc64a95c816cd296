"""Logistics services at the gates (warehouses, forwarders, customs brokers, carriers, loading)
of registry organisations, and the cross-border labour view built on the cooperation app's
labour programmes (seed 004: more than 1,000 Lào Cai workers in Yunnan in 2017–2019, more than
80% from ethnic minorities)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from tradebridge.agreements.access import visible_agreements
from tradebridge.agreements.models import Category
from tradebridge.border.models import Gate, LogisticsService
from tradebridge.cooperation.access import visible_programmes
from tradebridge.cooperation.models import LabourProgramme
from tradebridge.core.access import is_agency_or_admin
from tradebridge.core.history import stamp_history
from tradebridge.registry.access import can_edit_organization
from tradebridge.registry.models import Organization


def can_edit_service(user: Any, organization: Organization) -> bool:
    """Staff, and the organisation's own members."""
    return can_edit_organization(user, organization)


def editable_organizations(user: Any) -> QuerySet[Organization]:
    queryset = Organization.objects.active()
    if is_agency_or_admin(user):
        return queryset
    org_id = getattr(user, "organization_id", None)
    if org_id is None or not getattr(user, "is_enterprise_member", False):
        return queryset.none()
    return queryset.filter(pk=org_id)


def get_service_for_edit(user: Any, pk: int) -> LogisticsService:
    service = LogisticsService.objects.active().select_related("organization").filter(pk=pk).first()
    if service is None:
        raise Http404(f"no logistics service {pk}")
    if not can_edit_service(user, service.organization):
        raise PermissionDenied("staff and the organisation's own members only")
    return service


@transaction.atomic
def do_save_logistics_service(
    service: LogisticsService | None = None,
    *,
    actor: Any,
    organization: Organization,
    kind: str,
    gates,
    description: str = "",
    is_illustrative: bool = False,
    archived: bool = False,
) -> LogisticsService:
    """Who may is checked by the caller (get_service_for_edit, editable_organizations)."""
    creating = service is None
    service = service or LogisticsService()
    fields = {
        "organization": organization,
        "kind": kind,
        "description": (description or "").strip(),
        "is_illustrative": is_illustrative,
    }
    changed = [
        k
        for k, v in fields.items()
        if getattr(service, k if k != "organization" else "organization_id")
        != (v.pk if k == "organization" else v)
    ]
    for key in changed:
        setattr(service, key, fields[key])
    if archived and service.archived_at is None:
        service.mark_archived()
        changed.append("archived_at")
    service.full_clean()
    if creating:
        stamp_history(service, actor, "created")
        service.save()
    elif changed:
        stamp_history(service, actor, "archived" if archived else "changed")
        service.save(update_fields=[("organization" if k == "organization" else k) for k in changed])
    gates = list(gates)
    if creating or set(service.gates.values_list("pk", flat=True)) != {g.pk for g in gates}:
        if not creating:
            stamp_history(service, actor, "gates changed")
        service.gates.set(gates)
    return service


def search_services(
    *, gate: Gate | None = None, kind: str = "", query: str = ""
) -> QuerySet[LogisticsService]:
    rows = (
        LogisticsService.objects.active()
        .filter(organization__archived_at__isnull=True)
        .select_related("organization__country", "organization__province")
        .prefetch_related("gates__zone")
    )
    if gate is not None:
        rows = rows.filter(gates=gate)
    if kind:
        rows = rows.filter(kind=kind)
    if query:
        from tradebridge.core.text import fold

        rows = rows.filter(
            Q(organization__search_text__contains=fold(query)) | Q(description__icontains=query)
        )
    return rows.distinct()


def labour_view(user: Any) -> dict:
    """Programmes the user may see, grouped by period (years as the source gives them: a figure
    for 2017–2019 is not split into years it was not stated for), and the agreements on labour."""
    programmes = list(
        visible_programmes(user, LabourProgramme)
        .select_related("sending_province__country", "receiving_province__country", "employer", "agreement")
        .order_by("starts_on", "id")
    )
    by_period: dict[str, list[LabourProgramme]] = defaultdict(list)
    for programme in programmes:
        by_period[period_label(programme)].append(programme)
    agreements = (
        visible_agreements(user)
        .filter(
            Q(pk__in=[p.agreement_id for p in programmes if p.agreement_id])
            | Q(category=Category.LABOUR)
            | Q(other_categories__contains=f",{Category.LABOUR},")
        )
        .distinct()
    )
    return {"programmes": programmes, "periods": sorted(by_period.items()), "agreements": agreements}


def period_label(programme: LabourProgramme) -> str:
    start = programme.starts_on.year
    end = programme.ends_on.year if programme.ends_on else None
    if end is None:
        return f"{start}–"
    return str(start) if end == start else f"{start}–{end}"
