from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import SignupApplication, User


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


@admin.register(SignupApplication)
class SignupApplicationAdmin(admin.ModelAdmin):
    """Read-only: applications are decided on /accounts/applications/ (the decision e-mails the applicant)."""

    list_display = ("email", "organization", "org_name", "status", "created_at", "decided_by")
    list_filter = ("status",)
    search_fields = ("email", "org_name", "user__username")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
