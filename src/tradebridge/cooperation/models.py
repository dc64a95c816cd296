"""Carrying agreements out: focal points, joint working groups, work plans with activities, and
the cooperation programmes the seeds report on (cross-border labour, training). Nothing is
deleted, only archived, and every change keeps its author (django-simple-history)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tradebridge.core.figures import Qualifier
from tradebridge.core.models import Archivable
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization


class FocalPoint(Archivable):
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="focal_points",
        verbose_name=_("agreement"),
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    person = models.CharField(_("person"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self) -> str:
        return f"{self.organization} {self.person}".strip()


class WorkingGroup(Archivable):
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="working_groups",
        verbose_name=_("agreement"),
    )
    name = models.CharField(_("name"), max_length=200)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("joint working group")
        verbose_name_plural = _("joint working groups")

    def __str__(self) -> str:
        return self.name


class WorkingGroupMember(models.Model):
    class Role(models.TextChoices):
        CO_CHAIR = "co_chair", _("Co-chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("joint working group")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    person = models.CharField(_("person"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "id"]
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class WorkPlan(Archivable):
    class Period(models.TextChoices):
        YEARLY = "yearly", _("Yearly")
        TWO_YEARLY = "two_yearly", _("Two-yearly")

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="work_plans",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("title"), max_length=300)
    period = models.CharField(_("period"), max_length=12, choices=Period.choices, default=Period.YEARLY)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    def __str__(self) -> str:
        return self.title


class Activity(Archivable):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("work plan")
    )
    title = models.CharField(_("activity"), max_length=300)
    owner = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    budget = models.DecimalField(_("budget"), max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.PLANNED)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class LabourProgramme(Archivable):
    """Workers sent from one province to work for an employer across the border."""

    title = models.CharField(_("title"), max_length=300)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="labour_programmes",
        verbose_name=_("agreement"),
    )
    sending_province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("sending province")
    )
    receiving_province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("receiving province")
    )
    employer = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer"),
    )
    starts_on = models.DateField(pgettext_lazy("date range", "from"))
    ends_on = models.DateField(pgettext_lazy("date range", "to"), null=True, blank=True)
    workers_sent = models.PositiveIntegerField(_("workers sent"), null=True, blank=True)
    # "hơn 1.000 lao động" is *more than* 1,000: the qualifier shows with the number.
    workers_qualifier = models.CharField(
        _("workers sent: as stated"), max_length=16, choices=Qualifier.choices, blank=True, default=""
    )
    workers_note = models.CharField(_("note on the figures"), max_length=200, blank=True)
    ethnic_minority_share = models.DecimalField(
        _("share from ethnic minorities, per cent"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    ethnic_minority_share_qualifier = models.CharField(
        _("share from ethnic minorities: as stated"),
        max_length=16,
        choices=Qualifier.choices,
        blank=True,
        default="",
    )
    sector = models.CharField(_("sector"), max_length=200, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    demo_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("labour programme")
        verbose_name_plural = _("labour programmes")

    def __str__(self) -> str:
        return self.title


class TrainingProgramme(Archivable):
    title = models.CharField(_("title"), max_length=300)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_programmes",
        verbose_name=_("agreement"),
    )
    organiser = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser")
    )
    courses = models.TextField(_("courses"), blank=True, help_text=_("One per line."))
    starts_on = models.DateField(pgettext_lazy("date range", "from"), null=True, blank=True)
    ends_on = models.DateField(pgettext_lazy("date range", "to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    demo_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")

    def __str__(self) -> str:
        return self.title

    @property
    def course_list(self) -> list[str]:
        return [line.strip() for line in self.courses.splitlines() if line.strip()]


class TraineeGroup(models.Model):
    """Trainees of one agency (and country) in a training programme, and how many completed."""

    programme = models.ForeignKey(
        TrainingProgramme,
        on_delete=models.CASCADE,
        related_name="trainee_groups",
        verbose_name=_("training programme"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    agency = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    trainees = models.PositiveIntegerField(_("trainees"), null=True, blank=True)
    completed = models.PositiveIntegerField(_("completed"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("trainee group")
        verbose_name_plural = _("trainee groups")

    def __str__(self) -> str:
        return f"{self.country}: {self.trainees}"
