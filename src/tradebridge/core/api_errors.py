"""One error shape for the JSON API: `{"message": ...}` plus, for invalid input, the fields.
Services raise Django's ValidationError; the handler registered on the API turns it into a 422,
so no endpoint converts errors by hand."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import Schema


class ErrorOut(Schema):
    message: str


class InvalidOut(Schema):
    message: str
    fields: list[str] = []


def validation_message(exc: ValidationError) -> str:
    """"field: reason; other: reason" for field errors, the reasons alone otherwise."""
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
                         for field, messages in exc.message_dict.items())
    return " ".join(exc.messages)


def validation_fields(exc: ValidationError) -> list[str]:
    return [field for field in getattr(exc, "error_dict", {}) if field != "__all__"]


def validation_body(exc: ValidationError) -> dict:
    return {"message": validation_message(exc), "fields": validation_fields(exc)}
