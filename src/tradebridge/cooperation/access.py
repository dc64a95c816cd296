"""Who may see and change the records that carry an agreement out: those of an agreement follow
its visibility and edit rights (agreements.access); programmes are recorded and changed by
agency staff and administrators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from tradebridge.agreements.access import can_edit_agreement, visible_agreements
from tradebridge.cooperation.edits import KINDS, agreement_of
from tradebridge.core.access import require_agency_or_admin


def visible_programmes(user: Any, model):
    """Labour and training programmes: those tied to an agreement follow its visibility."""
    return model.objects.active().filter(
        Q(agreement__isnull=True) | Q(agreement__in=visible_agreements(user).values("id"))
    )


def get_item_for_user(user: Any, kind: str, pk: int):
    """A focal point, group, plan, activity or programme to edit or archive, with the permission
    its creation needs: edit rights on its agreement; agency staff for programmes."""
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404(f"no kind {kind!r}")
    obj = spec.model.objects.active().filter(pk=pk).first()
    if obj is None or (kind == "activity" and obj.plan.archived_at is not None):
        raise Http404(f"no {kind} {pk}")
    agreement = agreement_of(obj)
    if spec.is_programme:
        require_agency_or_admin(user)
    if agreement is not None:
        if not visible_agreements(user).filter(pk=agreement.pk).exists():
            raise Http404(f"no {kind} {pk}")
        if not can_edit_agreement(user, agreement):
            raise PermissionDenied("you may not change this agreement")
    return obj
