from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "role", "organization", "is_active")
    list_filter = ("role", "is_active", "language")
    search_fields = ("username", "email", "first_name", "last_name", "organization__name")
    autocomplete_fields = ("organization",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("TradeBridge"), {"fields": ("role", "organization", "time_zone", "language")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("TradeBridge"), {"fields": ("role", "organization", "time_zone", "language")}),
    )
