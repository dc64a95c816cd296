"""Precomputed monthly sums of clearance figures (part F of issue 13).

The gate dashboard reads these instead of the figures themselves: a gate with five years of
daily figures for 97 chapters holds some 350,000 figures but only about 12,000 monthly sums, so
trend, growth, seasonality and top products stay fast on tens of millions of figures. They are
rebuilt by ``clearance.refresh_monthly`` for the gates, measures and years an import touched."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ClearanceMonthly(models.Model):
    """The figures of one gate, measure, direction and product in one month. ``month`` 0 holds
    a figure recorded for the whole year only (shown in yearly views, not in monthly ones)."""

    gate = models.ForeignKey(
        "border.Gate", on_delete=models.CASCADE, related_name="+", verbose_name=_("gate")
    )
    measure = models.CharField(_("measure"), max_length=12)
    direction = models.CharField(_("direction"), max_length=8)
    product = models.CharField(_("product group or HS chapter"), max_length=32, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    value = models.FloatField(_("value"))
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        app_label = "border"
        ordering = ["gate", "measure", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["gate", "measure", "direction", "product", "year", "month"],
                name="unique_clearance_monthly",
            )
        ]
        indexes = [models.Index(fields=["gate", "measure", "year"], name="clearance_monthly_gate")]
        verbose_name = _("monthly clearance sum")
        verbose_name_plural = _("monthly clearance sums")

    def __str__(self) -> str:
        return f"{self.gate_id} {self.measure} {self.direction} {self.product} {self.year}-{self.month:02d}"


class ClearanceUpload(models.Model):
    """A checked file waiting for the officer's confirmation (the preview), kept after the import
    as the file behind its ClearanceImport. Only files without errors are kept: a refused file
    leaves nothing behind."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, waiting for confirmation")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    upload = models.FileField(_("file"), upload_to="clearance/%Y/")
    file_name = models.CharField(_("file"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    new = models.PositiveIntegerField(_("new figures"), default=0)
    replaced = models.PositiveIntegerField(_("figures replaced"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CHECKED)
    batch = models.OneToOneField(
        "border.ClearanceImport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="upload",
        verbose_name=_("import"),
    )

    class Meta:
        app_label = "border"
        ordering = ["-created_at"]
        verbose_name = _("clearance upload")
        verbose_name_plural = _("clearance uploads")

    def __str__(self) -> str:
        return self.file_name
