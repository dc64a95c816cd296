"""Form helpers shared by the apps' views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def attach_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message by its field where the form
    has that field, the rest above the form."""
    for field, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
        form.add_error(field if field in form.fields else None, errors)


def form_values(form_class: type[forms.BaseForm], obj: object) -> dict:
    """The record's values in the form's terms (slugs, codes or ids for linked records, "" for
    none): the data of a form that leaves the record as it is, so that a partial change (the
    API's PATCH, a one-field form) is checked like the whole form."""
    values = {}
    for name, field in form_class.base_fields.items():
        value = getattr(obj, name, None)
        if isinstance(field, forms.ModelChoiceField):
            value = field.prepare_value(value) if value is not None else ""
        values[name] = "" if value is None else value
    return values
