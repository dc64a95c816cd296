"""Industrial linkage chains (seed 003, spec/chains.md): a chain has ordered stages, each a set of
HS 2022 subheadings; organisations of the registry are members at a stage; pilots (a pilot
industrial park, a pilot chain model) carry milestones; work-plan activities say which chain or
pilot they move; reports to the ministers keep their figures frozen as submitted. Nothing is
deleted, only archived, and every change keeps its author (django-simple-history)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tradebridge.core.models import Archivable
from tradebridge.geo.models import Country, MultilingualName, Zone
from tradebridge.registry.models import Organization


class BecStage(models.TextChoices):
    """UNCTAD stages of processing of BEC Rev.4 (data/bec4-categories.csv)."""

    RAW = "raw", _("Raw materials")
    INTERMEDIATE = "intermediate", _("Intermediate goods")
    CONSUMER = "consumer", _("Consumer goods")
    CAPITAL = "capital", _("Capital goods")


class Chain(MultilingualName, Archivable):
    slug = models.SlugField(_("short name"), max_length=64, unique=True)
    sector = models.ForeignKey(
        "catalog.Sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
    )
    horizon_year = models.PositiveSmallIntegerField(_("horizon year"), null=True, blank=True)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chains",
        verbose_name=_("agreement it implements"),
    )
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    # The stages were placed by this project from the UN HS→BEC correspondence, not by the parties.
    is_project_mapping = models.BooleanField(_("the project's own mapping"), default=False)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    # The top-level "hs" of a tradebridge.chain/1 file, for stages given by "bec_stage".
    hs_codes = models.JSONField(_("HS codes of the chain"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    demo_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("linkage chain")
        verbose_name_plural = _("linkage chains")


class Stage(MultilingualName):
    chain = models.ForeignKey(Chain, on_delete=models.CASCADE, related_name="stages", verbose_name=_("chain"))
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.SlugField(_("stage id"), max_length=64)
    hs_codes = models.JSONField(_("HS codes"), default=list, blank=True)
    bec_stage = models.CharField(
        _("BEC stage of processing"), max_length=12, choices=BecStage.choices, blank=True
    )
    # Every HS6 subheading the stage holds, resolved from hs_codes and bec_stage when saved.
    subheadings = models.JSONField(_("HS subheadings"), default=list, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["chain", "position"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "key"], name="unique_stage_key"),
            models.UniqueConstraint(fields=["chain", "position"], name="unique_stage_position"),
        ]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")


class Member(Archivable):
    class Role(models.TextChoices):
        SUPPLIER = "supplier", _("Supplier")
        PROCESSOR = "processor", _("Processor")
        MANUFACTURER = "manufacturer", _("Manufacturer")
        DESIGNER = "designer", _("Designer")
        DISTRIBUTOR = "distributor", _("Distributor")
        LOGISTICS = "logistics", _("Logistics")

    class Status(models.TextChoices):
        TRADING = "trading", _("Already trading with the other side")
        CANDIDATE = "candidate", _("Candidate")
        COMMITTED = "committed", _("Committed in an agreement")

    chain = models.ForeignKey(
        Chain, on_delete=models.CASCADE, related_name="members", verbose_name=_("chain")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="members", verbose_name=_("stage")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="chain_memberships",
        verbose_name=_("organisation"),
    )
    # The organisation's country when it joined (kept if the organisation moves).
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chain_members",
        verbose_name=_("zone"),
    )
    is_sme = models.BooleanField(_("small or medium enterprise"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CANDIDATE)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committed in agreement"),
    )
    note = models.TextField(_("note"), blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["stage__position", "country__alpha3", "id"]
        verbose_name = _("chain member")
        verbose_name_plural = _("chain members")

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class Pilot(MultilingualName, Archivable):
    """A pilot the parties run: the Vietnam–Laos pilot industrial park, a pilot chain model for
    selected products, a smart border gate study… with milestones and a state."""

    class Kind(models.TextChoices):
        INDUSTRIAL_PARK = "industrial_park", _("Pilot industrial park")
        CHAIN_MODEL = "chain_model", _("Pilot chain model")
        BORDER = "border", _("Border facilitation pilot")
        OTHER = "other", pgettext_lazy("pilot kind", "Other")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        STUDY = "study", _("Under study")
        APPROVED = "approved", _("Approved")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    slug = models.SlugField(_("short name"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    chain = models.ForeignKey(
        Chain,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilots",
        verbose_name=_("chain"),
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilots",
        verbose_name=_("zone"),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilots",
        verbose_name=_("agreement"),
    )
    hs_codes = models.JSONField(_("products (HS codes)"), default=list, blank=True)
    members = models.ManyToManyField(
        Organization, blank=True, related_name="pilots", verbose_name=_("members")
    )
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.PROPOSED)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    demo_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["id"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")


class Milestone(Archivable):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        LATE = "late", _("Late")
        CANCELLED = "cancelled", _("Cancelled")

    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("pilot")
    )
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.PLANNED)
    note = models.TextField(_("note"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class ActivityLink(models.Model):
    """A work-plan activity (cooperation app) and the chain or pilot it moves."""

    activity = models.ForeignKey(
        "cooperation.Activity",
        on_delete=models.CASCADE,
        related_name="chain_links",
        verbose_name=_("activity"),
    )
    chain = models.ForeignKey(
        Chain,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activity_links",
        verbose_name=_("chain"),
    )
    pilot = models.ForeignKey(
        Pilot,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activity_links",
        verbose_name=_("pilot"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(chain__isnull=False) | models.Q(pilot__isnull=False),
                name="activity_link_has_target",
            ),
        ]
        verbose_name = _("activity link")
        verbose_name_plural = _("activity links")

    def __str__(self) -> str:
        return f"{self.activity_id} → {self.chain_id or self.pilot_id}"


class MinisterReport(models.Model):
    """A periodic report to the ministers, submitted: its figures are frozen as they were."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreement"),
    )
    # Empty: every chain of the agreement, and the overall figures.
    chain = models.ForeignKey(
        Chain,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("chain"),
    )
    period_start = models.DateField(pgettext_lazy("date range", "from"))
    period_end = models.DateField(pgettext_lazy("date range", "to"))
    submitted_to = models.CharField(_("submitted to"), max_length=300)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    figures = models.JSONField(_("figures as submitted"), default=dict, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("report to the ministers")
        verbose_name_plural = _("reports to the ministers")

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}"
