from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tradebridge.trade.models import InvestmentRecord


@admin.register(InvestmentRecord)
class InvestmentRecordAdmin(SimpleHistoryAdmin):
    list_display = ("year", "period", "source_country", "source_province", "destination_country",
                    "destination_province", "kind", "projects", "contributions", "capital_usd", "qualifier",
                    "is_illustrative", "archived_at")
    list_filter = ("period", "kind", "qualifier", "is_illustrative", "source_country", "destination_country")
    search_fields = ("sector", "source", "citation")
