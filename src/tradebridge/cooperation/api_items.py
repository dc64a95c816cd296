"""Edit and archive focal points, working groups, work plans, activities and programmes through
the API, checked by the same forms and with the same permissions as the pages. (Commitments
belong to the register: /api/agreements/{id}/commitments/{id}.)"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Body, Router, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from tradebridge.agreements.api_schemas import ItemOut
from tradebridge.cooperation import edits, services
from tradebridge.cooperation.access import get_item_for_user
from tradebridge.core.api_errors import ErrorOut

router = Router()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _item(kind: str, obj: Any) -> dict:
    fields = {name: _plain(value) for name, value in edits.initial_of(kind, obj).items()}
    return {"kind": kind, "id": obj.pk, "fields": fields}


@router.get("/items/{kind}/{int:pk}", response={200: ItemOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
            auth=django_auth)
def get_item(request, kind: str, pk: int):
    return _item(kind, get_item_for_user(request.user, kind, pk))


@router.patch(
    "/items/{kind}/{int:pk}",
    response={200: ItemOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def update_item(request, kind: str, pk: int, payload: Body[dict]):
    """Change some fields (names and values as on the edit page: slugs for organisations,
    codes for provinces)."""
    obj = get_item_for_user(request.user, kind, pk)
    data = edits.initial_of(kind, obj)
    unknown = sorted(set(payload) - set(data))
    if unknown:
        raise HttpError(422, f"{', '.join(unknown)}: not a field of {kind} (fields: {', '.join(data)})")
    data.update({k: "" if v is None else v for k, v in payload.items()})
    form = edits.make_form(kind, obj, data)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    services.do_update_item(obj, edits.cleaned_changes(form), actor=request.user)
    return _item(kind, obj)


@router.delete(
    "/items/{kind}/{int:pk}",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=django_auth,
)
def archive_item(request, kind: str, pk: int):
    """Archive (never delete)."""
    services.do_archive_item(get_item_for_user(request.user, kind, pk), actor=request.user)
    return Status(204, None)
