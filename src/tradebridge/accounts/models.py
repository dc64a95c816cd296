from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from tradebridge.registry.models import Organization


class Role(models.TextChoices):
    ADMINISTRATOR = "admin", _("Administrator")
    AGENCY_STAFF = "agency_staff", _("Agency staff")
    ENTERPRISE_MEMBER = "enterprise_member", _("Enterprise member")
    VISITOR = "visitor", _("Visitor")


# Each site language named in itself, as a reader looks for it in a list.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "lo": "ພາສາລາວ", "zh-hans": "简体中文", "en": "English"}
LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES.get(code, code)) for code, _name in settings.LANGUAGES]


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VISITOR)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("organisation"),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Ho_Chi_Minh")
    # The language the site opens in after sign-in and that e-mails are written in; blank until
    # the user chooses one (then the site's default language, Vietnamese, is used).
    language = models.CharField(_("preferred language"), max_length=8, choices=LANGUAGE_CHOICES,
                                blank=True, default="")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        # The Django admin is for administrators only: staff status follows the role.
        if self.is_superuser:
            self.role = Role.ADMINISTRATOR
        self.is_staff = self.role == Role.ADMINISTRATOR
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "role", "is_staff"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        check_role_membership(self.role, self.organization)

    def has_perm(self, perm, obj=None) -> bool:
        # Administrators manage users, roles and reference data: every admin permission.
        return self.is_administrator or super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        return self.is_administrator or super().has_module_perms(app_label)

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.role == Role.ADMINISTRATOR or self.is_superuser)

    @property
    def is_agency_staff(self) -> bool:
        return self.is_active and self.role == Role.AGENCY_STAFF and self.organization_id is not None

    @property
    def is_enterprise_member(self) -> bool:
        return (
            self.is_active
            and self.role == Role.ENTERPRISE_MEMBER
            and self.organization_id is not None
        )


def check_role_membership(role: str, organization: Organization | None) -> None:
    """Agency staff belong to an agency; enterprise members to a business organisation."""
    if role == Role.AGENCY_STAFF:
        if organization is None or not organization.is_agency:
            raise ValidationError(
                {"organization": _("Agency staff must belong to an agency or institute.")}
            )
    elif role == Role.ENTERPRISE_MEMBER and (
        organization is None or organization.kind not in Organization.BUSINESS_KINDS
    ):
        raise ValidationError(
            {"organization": _("Enterprise members must belong to an enterprise, "
                               "cooperative or association.")}
        )
