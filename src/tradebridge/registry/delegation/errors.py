"""What goes wrong in a delegation list: the file as a whole (:class:`ImportFileError`) or one
value (:class:`RowError`), with the helpers that write their messages in the active language."""

from __future__ import annotations

from dataclasses import dataclass

from tradebridge.core.pure_i18n import gettext_noop
from tradebridge.core.pure_i18n import translate as _


def visible(text: str) -> str:
    """A value as shown in a message: invisible characters escaped as ``repr`` does (``\\t``)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def quoted(text: str) -> str:
    """An item of a list shown in a message."""
    return f"“{visible(text)}”"


# English labels of the canonical field keys as shown to people (msgids: translated on display).
_FIELD_LABELS: dict[str, str] = {
    "name": gettext_noop("name"),
    "name_en": gettext_noop("name (English)"),
    "country": gettext_noop("country"),
    "province": gettext_noop("province"),
    "identifier": gettext_noop("identifier"),
    "phone": gettext_noop("phone"),
    "email": gettext_noop("e-mail"),
    "website": gettext_noop("website"),
    "address": gettext_noop("address"),
    "kind": gettext_noop("kind"),
    "sector": gettext_noop("sector"),
    "offers": gettext_noop("offers"),
    "needs": gettext_noop("needs"),
    "hs": gettext_noop("HS codes"),
}


def field_label(key: str) -> str:
    """The English label of a canonical field key (``"hs"`` → ``"HS codes"``), untranslated:
    pass it through gettext (or ``{% translate %}``) where it is shown."""
    return _FIELD_LABELS.get(key, key)


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message names the file and says why."""

    def __init__(self, filename: str, reason: str) -> None:
        self.filename = filename
        self.reason = reason
        super().__init__(_("%(file)s: %(reason)s") % {"file": filename, "reason": reason})


@dataclass(frozen=True)
class RowError:
    """A refused value: spreadsheet ``line``, canonical ``field`` (see :data:`FIELDS`), reason
    (already in the language of the person importing)."""

    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return _("line %(line)s, %(field)s: %(reason)s") % {
            "line": self.line, "field": _(field_label(self.field)), "reason": self.reason}


def sentences(*parts: str) -> str:
    """Whole translated sentences, one after the other (each translated on its own)."""
    return " ".join(part for part in parts if part)

