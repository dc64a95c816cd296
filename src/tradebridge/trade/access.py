"""Who may see and change trade statistics. Statistics are public (DESIGN.md: visitors see public
statistics); agency staff and administrators add and edit investment records and upload
agency-reported figures."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tradebridge.core.access import is_agency_or_admin, require_agency_or_admin
from tradebridge.trade.models import InvestmentRecord


def get_investments_for_user(user: Any):
    """Active records for everyone; managers also see archived ones (they may restore them)."""
    queryset = InvestmentRecord.objects.select_related(
        "source_country", "source_province", "destination_country", "destination_province")
    return queryset if is_agency_or_admin(user) else queryset.active()


def get_investment_for_user(user: Any, pk: int, *, for_edit: bool = False) -> InvestmentRecord:
    if for_edit:
        require_agency_or_admin(user)
    try:
        return get_investments_for_user(user).get(pk=pk)
    except InvestmentRecord.DoesNotExist as exc:
        raise Http404(f"no investment record {pk}") from exc
