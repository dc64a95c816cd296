"""Role predicates that every app's access layer builds on.

They take any user object (AnonymousUser included) and never raise.
"""

from __future__ import annotations

from typing import Any


def is_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_administrator", False))


def is_agency_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_agency_staff", False))


def is_enterprise_member(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and getattr(user, "is_enterprise_member", False)
    )


def organization_id_of(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "organization_id", None)


def is_agency_or_admin(user: Any) -> bool:
    """Agency staff and administrators run the registry, events, agreements and statistics."""
    return is_administrator(user) or is_agency_staff(user)


def require_agency_or_admin(user: Any) -> None:
    from django.core.exceptions import PermissionDenied

    if not is_agency_or_admin(user):
        raise PermissionDenied("agency staff and administrators only")
