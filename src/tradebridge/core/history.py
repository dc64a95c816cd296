"""Who changed a record and why, for django-simple-history: every write that keeps history
stamps the object through `stamp_history` before saving it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def history_actor(actor: Any) -> Any:
    """The user to record as the author of a change: None for anonymous or system changes."""
    return actor if getattr(actor, "is_authenticated", False) else None


def stamp_history(obj: Any, actor: Any, reason: str) -> None:
    """The next save of `obj` records `actor` (a user, None or AnonymousUser) and `reason`."""
    obj._history_user = history_actor(actor)
    obj._change_reason = reason


@dataclass
class HistoryEntry:
    """One change as the history pages show it: when, who, what (kind · reason), and the fields
    that changed as (label, old, new)."""

    when: Any
    who: str
    what: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def diffed_entries(history, model) -> list[HistoryEntry]:
    """The records of one object's history (a simple-history manager or queryset), oldest first,
    each with the fields changed since the record before it."""
    entries: list[HistoryEntry] = []
    previous = None
    for record in history.select_related("history_user").order_by("history_date", "history_id"):
        changes = []
        if previous is not None:
            changes = [
                (str(model._meta.get_field(c.field).verbose_name), str(c.old), str(c.new))
                for c in record.diff_against(previous).changes
            ]
        entries.append(
            HistoryEntry(
                record.history_date,
                getattr(record.history_user, "username", ""),
                f"{record.get_history_type_display()} · {record.history_change_reason or ''}",
                changes,
            )
        )
        previous = record
    return entries


def related_entry(record, label: str, text: str) -> HistoryEntry:
    """A history record of a related row (a party, a stage…) as one line: label · kind · reason."""
    return HistoryEntry(
        record.history_date,
        getattr(record.history_user, "username", ""),
        f"{label} · {record.get_history_type_display()} · {record.history_change_reason or ''}",
        [("", "", text)],
    )
