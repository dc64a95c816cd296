"""Who changed a record and why, for django-simple-history: every write that keeps history
stamps the object through `stamp_history` before saving it."""

from __future__ import annotations

from typing import Any


def history_actor(actor: Any) -> Any:
    """The user to record as the author of a change: None for anonymous or system changes."""
    return actor if getattr(actor, "is_authenticated", False) else None


def stamp_history(obj: Any, actor: Any, reason: str) -> None:
    """The next save of `obj` records `actor` (a user, None or AnonymousUser) and `reason`."""
    obj._history_user = history_actor(actor)
    obj._change_reason = reason
