"""Edit and archive focal points, working groups, work plans, activities, commitments and
programmes through the API, checked by the same forms and with the same permissions as the
pages; and attach a file to a progress update (the documents' checks)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Body, File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import django_auth

from tradebridge.agreements import edits, services, services_plans
from tradebridge.agreements.access import get_agreement_for_user, get_plan_item_for_user

router = Router()


class ErrorOut(Schema):
    message: str


class ItemOut(Schema):
    kind: str
    id: int
    fields: dict[str, Any]


class AttachmentOut(Schema):
    id: int
    attachment_name: str


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _item(kind: str, obj: Any) -> dict:
    fields = {name: _plain(value) for name, value in edits.initial_of(kind, obj).items()}
    return {"kind": kind, "id": obj.pk, "fields": fields}


def _errors(errors: dict) -> HttpError:
    text = "; ".join(f"{field or 'record'}: {' '.join(map(str, m))}" for field, m in errors.items())
    return HttpError(422, text)


@router.get("/items/{kind}/{int:pk}", response={200: ItemOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
            auth=django_auth)
def get_item(request, kind: str, pk: int):
    return _item(kind, get_plan_item_for_user(request.user, kind, pk))


@router.patch(
    "/items/{kind}/{int:pk}",
    response={200: ItemOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def update_item(request, kind: str, pk: int, payload: Body[dict]):
    """Change some fields (names and values as on the edit page: slugs for organisations,
    codes for provinces, the party id for a commitment's owner)."""
    obj = get_plan_item_for_user(request.user, kind, pk)
    data = edits.initial_of(kind, obj)
    unknown = sorted(set(payload) - set(data))
    if unknown:
        raise HttpError(422, f"{', '.join(unknown)}: not a field of {kind} (fields: {', '.join(data)})")
    data.update({k: "" if v is None else v for k, v in payload.items()})
    form = edits.make_form(kind, obj, data)
    if not form.is_valid():
        raise _errors(form.errors)
    try:
        services_plans.do_update_plan_item(obj, edits.cleaned_changes(kind, form), actor=request.user)
    except ValidationError as exc:
        raise _errors(getattr(exc, "message_dict", {"": exc.messages})) from None
    return _item(kind, obj)


@router.delete(
    "/items/{kind}/{int:pk}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=django_auth,
)
def archive_item(request, kind: str, pk: int):
    """Archive (never delete)."""
    services_plans.do_archive_plan_item(get_plan_item_for_user(request.user, kind, pk), actor=request.user)
    return Status(204, None)


@router.post(
    "/{int:agreement_id}/progress/{int:update_id}/attachment",
    response={200: AttachmentOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def attach_progress_file(request, agreement_id: int, update_id: int, file: File[UploadedFile]):
    """Attach a PDF, JPEG or PNG to a progress update (multipart field `file`)."""
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    update = agreement.progress_updates.active().filter(pk=update_id).first()
    if update is None:
        raise Http404(f"no progress update {update_id}")
    try:
        services.do_attach_progress_file(update, file, actor=request.user)
    except ValidationError as exc:
        raise _errors(getattr(exc, "message_dict", {"": exc.messages})) from None
    return {"id": update.pk, "attachment_name": update.attachment_name}
