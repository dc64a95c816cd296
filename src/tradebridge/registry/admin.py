from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tradebridge.registry.models import Organization


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "country", "province", "is_demo", "archived_at")
    list_filter = ("kind", "country", "is_demo")
    search_fields = ("name", "name_en", "name_vi", "name_lo", "name_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
