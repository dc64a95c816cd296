"""Writes to accounts (`do_<verb>_<noun>`): a user's own preferences.

The user model keeps no change history (only records such as organisations and agreements do),
so these are plain saves of the fields that change."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tradebridge.accounts.models import LANGUAGE_NAMES, User
from tradebridge.core.i18n import UnknownLanguage, check_language


@cache
def time_zone_names() -> tuple[str, ...]:
    """The IANA time zones a user may choose, sorted."""
    return tuple(sorted(available_timezones()))


def language_choice_names() -> str:
    return ", ".join(LANGUAGE_NAMES.get(code, code) for code, _name in settings.LANGUAGES)


def clean_language(code: str | None) -> str:
    """`code` as one of the site's languages ("" = not chosen); a ValidationError naming the
    code and the choices otherwise."""
    if not (code or "").strip():
        return ""
    try:
        return check_language(code)
    except UnknownLanguage:
        raise ValidationError(
            {"language": _("Unknown language “%(code)s”: choose one of %(choices)s.")
             % {"code": code, "choices": language_choice_names()}}
        ) from None


def clean_time_zone(name: str | None) -> str:
    name = (name or "").strip()
    if name not in time_zone_names():
        raise ValidationError(
            {"time_zone": _("Unknown time zone “%(zone)s”: choose one from the list, "
                            "e.g. Asia/Ho_Chi_Minh, Asia/Vientiane or Asia/Shanghai.") % {"zone": name}}
        )
    return name


@transaction.atomic
def do_update_preferences(user: User, *, language: str | None, time_zone: str | None = None) -> list[str]:
    """Set the user's preferred language ("" = not chosen) and, when given, time zone. Checks
    everything before writing anything; returns the names of the fields that changed."""
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    checks = [("language", clean_language, language)]
    if time_zone is not None:
        checks.append(("time_zone", clean_time_zone, time_zone))
    for name, clean, raw in checks:
        try:
            values[name] = clean(raw)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    changed = [name for name, value in values.items() if getattr(user, name) != value]
    if changed:
        for name in changed:
            setattr(user, name, values[name])
        user.save(update_fields=changed)
    return changed


def do_remember_language(user: User, code: str | None) -> bool:
    """Store the language a signed-in user switched the site to; unknown codes are ignored (the
    switcher then changes nothing either). Returns whether the preference changed."""
    try:
        language = clean_language(code)
    except ValidationError:
        return False
    if not language or user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True
