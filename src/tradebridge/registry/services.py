"""Writes to the registry. Each keeps history (django-simple-history) with a reason."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from tradebridge.registry.models import Organization

EDITABLE_FIELDS = (
    "name", "name_vi", "name_lo", "name_zh_hans", "name_en", "province", "zone", "address",
    "website", "description", "contact_email", "contact_phone",
)


@transaction.atomic
def do_update_organization(
    organization: Organization, changes: dict[str, Any], *, actor: Any, reason: str = ""
) -> list[str]:
    """Apply `changes` (already validated) and return the names of the fields that changed."""
    changed = [f for f in EDITABLE_FIELDS if f in changes and getattr(organization, f) != changes[f]]
    if not changed:
        return []
    for field in changed:
        setattr(organization, field, changes[field])
    organization._history_user = actor if getattr(actor, "is_authenticated", False) else None
    organization._change_reason = reason or "edited " + ", ".join(changed)
    organization.save(update_fields=[*changed, "updated_at"])
    return changed


@transaction.atomic
def do_archive_organization(organization: Organization, *, actor: Any, reason: str) -> None:
    organization.archived_at = timezone.now()
    organization._history_user = actor
    organization._change_reason = reason
    organization.save(update_fields=["archived_at", "updated_at"])
