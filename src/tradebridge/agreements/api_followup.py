"""Following an agreement up through the API: its commitments (one way to change one:
`services.do_update_commitment`, as on the commitment page), progress reports with their
attachments, and signed documents; the same permissions as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Body, File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import django_auth

from tradebridge.agreements import services
from tradebridge.agreements.access import (
    find_commitment_for_user,
    get_agreement_for_user,
    get_commitment_for_user,
)
from tradebridge.agreements.api_schemas import (
    AttachmentOut,
    CommitmentIn,
    CommitmentOut,
    CommitmentPatch,
    DocumentOut,
    ItemOut,
    ProgressIn,
    ProgressOut,
)
from tradebridge.agreements.forms import CommitmentForm
from tradebridge.agreements.models import Commitment
from tradebridge.core.api_errors import ErrorOut
from tradebridge.core.forms import form_values

router = Router()
READ = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
WRITE = {**READ, 422: ErrorOut}
COMMITMENT = "/{int:agreement_id}/commitments/{int:commitment_id}"


def commitment_out(c: Commitment) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "owner": c.owner.organization.slug if c.owner_id else None,
        "due_on": c.due_on,
        "state": c.state,
        "done_on": c.done_on,
        "is_illustrative": c.is_illustrative,
    }


def _owner_party(agreement, slug: str | None):
    """The party named by its organisation's slug, or None when no owner is given."""
    if not slug:
        return None
    owner = agreement.parties.filter(organization__slug=slug).first()
    if owner is None:
        raise HttpError(422, f"owner: {slug!r} is not a party to this agreement")
    return owner


@router.post("/{int:agreement_id}/commitments", response={201: CommitmentOut, **WRITE}, auth=django_auth)
def add_commitment(request, agreement_id: int, payload: CommitmentIn):
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    owner = _owner_party(agreement, payload.owner)
    commitment = services.do_add_commitment(
        agreement, actor=request.user, title=payload.title, owner=owner, due_on=payload.due_on
    )
    return Status(201, commitment_out(commitment))


@router.patch(COMMITMENT, response={200: CommitmentOut, **WRITE}, auth=django_auth)
def update_commitment(request, agreement_id: int, commitment_id: int, payload: CommitmentPatch):
    """Change the title, owner (a party's organisation slug), due date, status or done date;
    the fields left out or null keep their values."""
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    commitment = get_commitment_for_user(request.user, agreement, commitment_id)
    changes = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if "owner" in changes:
        changes["owner"] = _owner_party(agreement, changes["owner"])
    services.do_update_commitment(commitment, changes, actor=request.user)
    return commitment_out(commitment)


@router.delete(COMMITMENT, response={204: None, **READ}, auth=django_auth)
def archive_commitment(request, agreement_id: int, commitment_id: int):
    """Archive (never delete) a commitment."""
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    services.do_archive_commitment(get_commitment_for_user(request.user, agreement, commitment_id),
                                   actor=request.user)
    return Status(204, None)


# The old addresses of a commitment among the "items" (/api/agreements/items/commitment/{id}),
# with their field names: the owner is the party's id. Thin aliases of the endpoints above.


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value


def _commitment_item(commitment: Commitment) -> dict:
    fields = {k: _plain(v) for k, v in form_values(CommitmentForm, commitment).items()}
    return {"kind": "commitment", "id": commitment.pk, "fields": fields}


@router.get("/items/commitment/{int:pk}", response={200: ItemOut, **READ}, auth=django_auth)
def get_commitment_item(request, pk: int):
    return _commitment_item(find_commitment_for_user(request.user, pk))


@router.patch("/items/commitment/{int:pk}", response={200: ItemOut, **WRITE}, auth=django_auth)
def update_commitment_item(request, pk: int, payload: Body[dict]):
    commitment = find_commitment_for_user(request.user, pk)
    data = form_values(CommitmentForm, commitment)
    unknown = sorted(set(payload) - set(data))
    if unknown:
        raise HttpError(422, f"{', '.join(unknown)}: not a field of commitment (fields: {', '.join(data)})")
    data.update({k: "" if v is None else v for k, v in payload.items()})
    form = CommitmentForm(data, agreement=commitment.agreement)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    services.do_update_commitment(commitment, form.cleaned_data, actor=request.user)
    return _commitment_item(commitment)


@router.delete("/items/commitment/{int:pk}", response={204: None, **READ}, auth=django_auth)
def archive_commitment_item(request, pk: int):
    services.do_archive_commitment(find_commitment_for_user(request.user, pk), actor=request.user)
    return Status(204, None)


@router.post("/{int:agreement_id}/progress", response={201: ProgressOut, **WRITE}, auth=django_auth)
def add_progress(request, agreement_id: int, payload: ProgressIn):
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    commitment = None
    if payload.commitment is not None:
        commitment = agreement.commitments.active().filter(pk=payload.commitment).first()
        if commitment is None:
            raise HttpError(422, f"commitment: no commitment {payload.commitment} in this agreement")
    update = services.do_add_progress(
        agreement,
        actor=request.user,
        reported_on=payload.reported_on,
        text=payload.text,
        commitment=commitment,
    )
    return Status(
        201,
        {
            "id": update.pk,
            "reported_on": update.reported_on,
            "text": update.text,
            "commitment": update.commitment_id,
            "is_illustrative": False,
            "source": "",
        },
    )


@router.post(
    "/{int:agreement_id}/progress/{int:update_id}/attachment", response={200: AttachmentOut, **WRITE},
    auth=django_auth,
)
def attach_progress_file(request, agreement_id: int, update_id: int, file: File[UploadedFile]):
    """Attach a PDF, JPEG or PNG to a progress update (multipart field `file`)."""
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    update = agreement.progress_updates.active().filter(pk=update_id).first()
    if update is None:
        raise Http404(f"no progress update {update_id}")
    services.do_attach_progress_file(update, file, actor=request.user)
    return {"id": update.pk, "attachment_name": update.attachment_name}


@router.post("/{int:agreement_id}/documents", response={201: DocumentOut, **WRITE}, auth=django_auth)
def upload_document(request, agreement_id: int, file: File[UploadedFile], title: Form[str] = ""):
    """A signed paper or scan: PDF, JPEG or PNG, checked by content and size."""
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    document = services.do_attach_document(agreement, file, actor=request.user, title=title[:200])
    return Status(
        201,
        {
            "id": document.pk,
            "name": document.original_name,
            "content_type": document.content_type,
            "size": document.size,
            "url": f"/agreements/{agreement.pk}/documents/{document.pk}/",
        },
    )
