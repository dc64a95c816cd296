"""Who may see and change which agreement. Pages, exports, the calendar feed and the API all
go through `visible_agreements` and `get_agreement_for_user`.

Visibility: public → everyone; parties → the parties' members and any agency staff;
private → the recording organisation only. Administrators see everything, archived included.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tradebridge.agreements.models import Agreement, Commitment, Visibility
from tradebridge.core.access import (
    is_administrator,
    is_agency_or_admin,
    is_agency_staff,
    is_enterprise_member,
    organization_id_of,
)


def can_record_agreement(user: Any) -> bool:
    """Agency staff record any agreement; enterprise members those their organisation signed."""
    return is_agency_or_admin(user) or is_enterprise_member(user)


def visible_agreements(user: Any, *, include_archived: bool = False) -> QuerySet[Agreement]:
    queryset = Agreement.objects.all()
    if is_administrator(user):
        return queryset if include_archived else queryset.active()
    queryset = queryset.active()
    org_id = organization_id_of(user)
    rule = Q(visibility=Visibility.PUBLIC)
    if is_agency_staff(user):
        rule |= Q(visibility=Visibility.PARTIES)
    elif org_id is not None:
        rule |= Q(visibility=Visibility.PARTIES, parties__organization_id=org_id)
    if org_id is not None and (is_agency_staff(user) or is_enterprise_member(user)):
        rule |= Q(visibility=Visibility.PRIVATE, recording_organization_id=org_id)
    return queryset.filter(rule).distinct()


def is_party_member(user: Any, agreement: Agreement) -> bool:
    org_id = organization_id_of(user)
    return org_id is not None and agreement.parties.filter(organization_id=org_id).exists()


def can_edit_agreement(user: Any, agreement: Agreement) -> bool:
    """Administrators and agency staff edit what they see; enterprise members their own
    organisation's agreements."""
    if agreement.archived_at is not None:
        return False
    if is_agency_or_admin(user):
        return True
    return is_enterprise_member(user) and (
        is_party_member(user, agreement) or agreement.recording_organization_id == organization_id_of(user)
    )


def can_change_parties(user: Any, agreement: Agreement) -> bool:
    """Parties and visibility say who signed and who may see the record, so they are the
    recorder's: the recording organisation's own staff or members, or an administrator. Other
    agency staff may change those of a record that no agency made; another party never may."""
    if not can_edit_agreement(user, agreement):
        return False
    if is_administrator(user):
        return True
    recorder = agreement.recording_organization
    if recorder is not None and organization_id_of(user) == recorder.pk:
        return True
    return is_agency_staff(user) and (recorder is None or not recorder.is_agency)


def parties_locked_message(agreement: Agreement) -> str:
    """Why a user may not change the parties or visibility, in the active language."""
    recorder = agreement.recording_organization
    if recorder is not None and recorder.is_agency:
        return _("Only %(recorder)s, which recorded this agreement, or an administrator can change its "
                 "parties and who may see it.") % {"recorder": recorder.display_name}
    if recorder is not None:
        return _("Only %(recorder)s, which recorded this agreement, agency staff or an administrator can "
                 "change its parties and who may see it.") % {"recorder": recorder.display_name}
    return _("Only agency staff or an administrator can change the parties of this agreement and who "
             "may see it.")


def require_recorder(user: Any) -> None:
    if not can_record_agreement(user):
        raise PermissionDenied("agency staff, administrators and enterprise members only")


def get_agreement_for_user(user: Any, agreement_id: int, *, for_edit: bool = False) -> Agreement:
    """The agreement if the user may see it (else 404, so that private ones stay unknown) and,
    with `for_edit`, change it (else 403)."""
    try:
        agreement = visible_agreements(user, include_archived=True).get(pk=agreement_id)
    except Agreement.DoesNotExist as exc:
        raise Http404(f"no agreement {agreement_id}") from exc
    if for_edit and not can_edit_agreement(user, agreement):
        raise PermissionDenied("you may not change this agreement")
    return agreement


def get_commitment_for_user(user: Any, agreement: Agreement, commitment_id: int) -> Commitment:
    if not can_edit_agreement(user, agreement):
        raise PermissionDenied("you may not change this agreement")
    try:
        return agreement.commitments.active().get(pk=commitment_id)
    except Commitment.DoesNotExist as exc:
        raise Http404("no such commitment") from exc


def find_commitment_for_user(user: Any, commitment_id: int) -> Commitment:
    """A commitment by its id alone (the old /items/commitment/<id> addresses): 404 unless its
    agreement is visible, 403 unless the user may change that agreement."""
    commitment = (
        Commitment.objects.active()
        .filter(pk=commitment_id, agreement__in=visible_agreements(user).values("id"))
        .select_related("agreement")
        .first()
    )
    if commitment is None:
        raise Http404(f"no commitment {commitment_id}")
    if not can_edit_agreement(user, commitment.agreement):
        raise PermissionDenied("you may not change this agreement")
    return commitment
