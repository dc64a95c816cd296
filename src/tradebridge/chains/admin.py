"""Chains and their members in the administration site, with their history. Pilots and reports
are kept through their pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tradebridge.chains.models import Chain, Member, Stage


@admin.register(Chain)
class ChainAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "name_en", "horizon_year", "is_public", "is_illustrative", "archived_at"]
    list_filter = ["is_public", "is_illustrative", "is_project_mapping"]
    search_fields = ["slug", "name_en", "name_vi", "name_lo", "name_zh_hans"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "chain", "stage", "country", "role", "status", "archived_at"]
    list_filter = ["role", "status", "country"]
    raw_id_fields = ["organization", "zone", "agreement"]


admin.site.register(Stage, SimpleHistoryAdmin)
