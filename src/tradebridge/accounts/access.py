"""Access helpers for accounts: who may see which account pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from tradebridge.core.access import is_administrator


def access_own_account(user: Any):
    """The signed-in user's own account; anonymous users never get here (login_required)."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("sign in first")
    return user


def require_administrator(user: Any) -> None:
    if not is_administrator(user):
        raise PermissionDenied("administrators only")
