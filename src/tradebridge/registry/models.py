"""The organisation registry: who organisations are, their identifiers, what they offer and
what they need (keyed to HS codes so that products meet across languages)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tradebridge.catalog.models import HSCode, Sector
from tradebridge.core.i18n import localized
from tradebridge.core.models import Archivable
from tradebridge.core.text import fold
from tradebridge.geo.models import Country, Province, Zone


class Organization(Archivable):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        COOPERATIVE = "cooperative", _("Cooperative or craft village")
        ASSOCIATION = "association", _("Association")
        AGENCY = "agency", _("Government agency")
        RESEARCH = "research", _("Research institute")

    class Size(models.TextChoices):
        MICRO = "micro", _("Micro")
        SMALL = "small", _("Small")
        MEDIUM = "medium", _("Medium")
        LARGE = "large", _("Large")

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
    size = models.CharField(_("size"), max_length=8, choices=Size.choices, blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="organizations",
                                     verbose_name=_("sectors"))
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
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
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged",
        verbose_name=_("merged into"),
    )
    # fold() of every name, for diacritics- and case-insensitive search in any language.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join(
            n for n in (self.name, self.name_en, self.name_vi, self.name_lo, self.name_zh_hans) if n
        ))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return localized(self) or self.name

    @property
    def is_agency(self) -> bool:
        return self.kind in (self.Kind.AGENCY, self.Kind.RESEARCH)


class Identifier(models.Model):
    """A registration number under one country's scheme, validated by registry.identifiers."""

    class Scheme(models.TextChoices):
        VN_TAX_CODE = "vn_tax_code", _("Vietnamese tax code")
        CN_USCC = "cn_uscc", _("Chinese unified social credit code")
        LA_ENTERPRISE_NUMBER = "la_enterprise_number", _("Lao enterprise registration number")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="identifiers", verbose_name=_("organisation"))
    scheme = models.CharField(_("scheme"), max_length=32, choices=Scheme.choices)
    value = models.CharField(pgettext_lazy("identifier", "value"), max_length=32)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="unique_identifier"),
        ]
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")

    def __str__(self) -> str:
        return f"{self.get_scheme_display()}: {self.value}"


class Alias(models.Model):
    """An old address of an organisation that was merged into another: it keeps working."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="aliases", verbose_name=_("organisation"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return self.slug


class TradeItem(Archivable):
    """A product an organisation offers (sells, supplies) or needs (buys, sources)."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("Offer")
        NEED = "need", _("Need")

    class Unit(models.TextChoices):
        TONNES = "t", _("tonnes")
        KILOGRAMS = "kg", _("kilograms")
        PIECES = "pieces", _("pieces")
        METRES = "m", _("metres")
        SQUARE_METRES = "m2", _("square metres")
        CUBIC_METRES = "m3", _("cubic metres")
        CONTAINERS = "containers", _("containers")
        SETS = "sets", _("sets")
        LITRES = "l", _("litres")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="trade_items", verbose_name=_("organisation"))
    direction = models.CharField(_("direction"), max_length=5, choices=Direction.choices)
    text = models.CharField(_("description"), max_length=300)
    hs = models.ForeignKey(HSCode, on_delete=models.PROTECT, null=True, blank=True,
                           related_name="trade_items", verbose_name=_("HS code"))
    hs_resolved = models.BooleanField(
        _("HS code found from the text"), default=False,
        help_text=_("True when the code was resolved through the glossary, not given."),
    )
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=2,
                                   null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices, blank=True)
    markets = models.ManyToManyField(Country, blank=True, related_name="+",
                                     verbose_name=_("target markets"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["direction", "id"]
        # Covering for the chains' gap report (items of a direction on a list of codes: the
        # organisation and whether archived come from the index, not the rows).
        indexes = [models.Index(fields=["direction", "hs", "organization", "archived_at"],
                                name="tradeitem_direction_hs_org")]
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.text}"


class ImportBatch(models.Model):
    """An uploaded delegation list: its checked rows, errors and duplicate decisions, kept so
    that the preview can be reviewed before the all-or-nothing commit."""

    class Status(models.TextChoices):
        PREVIEWING = "previewing", _("Checking")
        PREVIEW = "preview", _("Preview")
        COMMITTING = "committing", _("Importing")
        COMMITTED = "committed", _("Committed")
        DISCARDED = "discarded", _("Discarded")
        FAILED = "failed", _("Failed")

    # Work under way in the task worker: the page polls the batch until it leaves these.
    ACTIVE = (Status.PREVIEWING, Status.COMMITTING)

    file_name = models.CharField(_("file"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREVIEW)
    rows = models.JSONField(_("rows"), default=list)
    errors = models.JSONField(_("errors"), default=list)
    warnings = models.JSONField(_("warnings"), default=list)
    decisions = models.JSONField(_("decisions"), default=list)
    summary = models.JSONField(_("summary"), default=dict)
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)
    # The uploaded file, kept only until its preview is made in the task worker.
    content = models.BinaryField(_("uploaded file"), blank=True, default=b"")
    progress = models.FloatField(_("progress"), default=0.0)
    message = models.TextField(_("message"), blank=True)  # the stage under way, or why it failed
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        return round(100 * max(0.0, min(1.0, self.progress)))

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class DuplicateCandidate(models.Model):
    """A pair that may be one organisation, waiting for agency staff to confirm or reject."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        CONFIRMED = "confirmed", _("Merged")
        REJECTED = "rejected", _("Not the same")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))
    candidate = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("possible duplicate of"))
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="duplicates", verbose_name=_("import"))
    probability = models.FloatField(_("match probability"))
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["status", "-probability"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")

    def __str__(self) -> str:
        return f"{self.organization} ~ {self.candidate}"
