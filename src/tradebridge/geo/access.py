"""Access to reference geography: everyone reads it; only administrators change it (admin)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tradebridge.core.access import is_administrator
from tradebridge.geo.models import Country


def access_country(user: Any, alpha3: str) -> Country:
    try:
        return Country.objects.get(alpha3=alpha3.upper()[:3])
    except Country.DoesNotExist as exc:
        raise Http404(f"no country with ISO alpha-3 code {alpha3!r}") from exc


def can_change_reference_data(user: Any) -> bool:
    return is_administrator(user)
