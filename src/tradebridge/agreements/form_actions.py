"""The small forms of an agreement's page (status, documents, commitments, progress; and the
cooperation app's focal points, groups, plans and activities) post to one URL each: run the
action on a valid form, then back to the agreement, with any error as a message naming its
field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tradebridge.agreements.models import Agreement


def run_form_action(
    request: HttpRequest, agreement: Agreement, form: forms.Form, action: Callable[[dict], Any]
) -> HttpResponse:
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {"": exc.messages}).items():
                messages.error(request, f"{field}: {' '.join(errors)}" if field else " ".join(errors))
    else:
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
    return redirect("agreements:detail", agreement_id=agreement.pk)
