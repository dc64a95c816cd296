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


class SignupApplication(models.Model):
    """An enterprise's request for an account: the (inactive) user it created and the
    organisation it belongs to, either one of the registry or described for agency staff to
    create. Staff approve it (the user becomes an active enterprise member of the linked
    organisation) or reject it with a reason; the applicant is told by e-mail either way."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="signup_application", verbose_name=_("account"))
    email = models.EmailField(_("e-mail address"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    # The registry organisation the applicant chose, or the one staff linked or created.
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisation"))
    # A new organisation as the applicant described it (when it chose none of the registry).
    org_name = models.CharField(_("organisation name"), max_length=255, blank=True)
    org_kind = models.CharField(_("kind"), max_length=16, blank=True,
                                choices=[(k.value, k.label) for k in Organization.BUSINESS_KINDS])
    org_country = models.ForeignKey("geo.Country", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("country"))
    org_province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("province"))
    org_identifier = models.CharField(_("tax or registration number"), max_length=32, blank=True)
    org_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    message = models.TextField(_("message to the agency"), blank=True, max_length=2000)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-up application")
        verbose_name_plural = _("sign-up applications")
        ordering = ["created_at"]
        constraints = [
            # One application waits per e-mail address (sign-up is not a way to flood the queue).
            models.UniqueConstraint(fields=["email"], condition=models.Q(status="pending"),
                                    name="one_pending_application_per_email"),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.status})"

    @property
    def organization_name(self) -> str:
        return self.organization.display_name if self.organization_id else self.org_name

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
