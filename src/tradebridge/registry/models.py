"""The organisation registry. This issue holds who organisations are; offers, needs and
identifiers per country arrive with the registry issue."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tradebridge.core.i18n import localized
from tradebridge.geo.models import Country, Province, Zone


class OrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


class Organization(models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        COOPERATIVE = "cooperative", _("Cooperative or craft village")
        ASSOCIATION = "association", _("Association")
        AGENCY = "agency", _("Government agency")
        RESEARCH = "research", _("Research institute")

    # Kinds whose members are enterprise members rather than agency staff.
    BUSINESS_KINDS = (Kind.ENTERPRISE, Kind.COOPERATIVE, Kind.ASSOCIATION)

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255, help_text=_("In its own language."))
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255, blank=True)
    name_lo = models.CharField(_("name (Lao)"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("province")
    )
    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("zone")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_demo = models.BooleanField(
        _("illustrative demo record"),
        default=False,
        help_text=_("Not from a real source; shown with an 'illustrative' label."),
    )
    source = models.CharField(_("source"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return localized(self) or self.name

    @property
    def is_agency(self) -> bool:
        return self.kind in (self.Kind.AGENCY, self.Kind.RESEARCH)
