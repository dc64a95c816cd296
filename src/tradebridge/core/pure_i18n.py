"""Translation for pure modules (the importer, linkage, identifier rules) that benchmarks and
scripts also run without Django settings."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext


def gettext_noop(message: str) -> str:
    """Marks an English msgid for extraction (Django's own needs settings, even at import)."""
    return message


def translate(message: str) -> str:
    """``gettext`` in the active language (messages are built in the language of the person
    importing); the English message itself where Django is not set up."""
    return gettext(message) if apps.ready else message


def active_language() -> str:
    """The active language code (``zh-hans``, ``lo``...); English where Django is not set up."""
    if not apps.ready:
        return "en"
    from django.utils.translation import get_language

    return (get_language() or "en").lower()
