"""Investment records. Trade flows live in the Parquet store (trade.store), never in the ORM."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tradebridge.core.figures import Qualifier
from tradebridge.core.models import Archivable
from tradebridge.geo.models import Country, Province


class InvestmentRecord(Archivable):
    """Registered investment from one country (optionally province) into another, for one year
    or cumulative up to that year ("214 projects, 5.34 B USD so far").

    Its `kind` keeps apart what sources keep apart: "10.5 M USD of registered FDI, of which 5 new
    projects (4.34 M USD) and 4 capital contributions or share purchases (6.172 M USD)" is three
    records (total, new projects, contributions), and contributions are counted in
    `contributions`, never in `projects`."""

    class Currency(models.TextChoices):
        USD = "USD", "USD"
        VND = "VND", "VND"
        LAK = "LAK", "LAK"
        CNY = "CNY", "CNY"

    class Period(models.TextChoices):
        YEAR = "year", _("In the year")
        CUMULATIVE = "cumulative", _("Cumulative to the year")

    class Kind(models.TextChoices):
        TOTAL = "total", _("All registered investment")
        NEW_PROJECTS = "new_projects", _("New projects")
        CONTRIBUTIONS = "contributions", _("Capital contributions and share purchases")

    source_country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("investor country"))
    source_province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("investor province"))
    destination_country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+",
                                            verbose_name=_("destination country"))
    destination_province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True,
                                             related_name="+", verbose_name=_("destination province"))
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=12, choices=Period.choices, default=Period.YEAR)
    kind = models.CharField(
        _("kind of investment"), max_length=16, choices=Kind.choices, default=Kind.TOTAL,
        help_text=_("New projects and capital contributions or share purchases are different things: "
                    "record each as the source states it, and a stated total as a record of its own."))
    projects = models.PositiveIntegerField(_("projects"), null=True, blank=True)
    contributions = models.PositiveIntegerField(
        _("capital contributions and share purchases"), null=True, blank=True,
        help_text=_("How many capital contributions or share purchases (these are not projects)."))
    qualifier = models.CharField(
        _("qualifier"), max_length=16, choices=Qualifier.choices, blank=True, default=Qualifier.EXACT,
        help_text=_("How the source states the figures: more than, nearly, about, estimated…"))
    capital = models.DecimalField(_("registered capital"), max_digits=20, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices,
                                default=Currency.USD)
    capital_usd = models.DecimalField(_("registered capital (USD)"), max_digits=20, decimal_places=2)
    growth_pct = models.DecimalField(_("growth on the previous year (%)"), max_digits=8,
                                     decimal_places=2, null=True, blank=True)
    investor_rank = models.PositiveSmallIntegerField(
        _("rank of the investor"), null=True, blank=True,
        help_text=_("Rank of the investor country among the countries and territories investing in "
                    "the destination country, as the source states it."))
    investor_rank_of = models.PositiveSmallIntegerField(
        _("investors ranked"), null=True, blank=True,
        help_text=_("Out of how many investor countries and territories, if the source says."))
    destination_rank = models.PositiveSmallIntegerField(
        _("rank of the destination"), null=True, blank=True,
        help_text=_("Rank of the destination country among the countries and territories in which "
                    "the investor country invests, as the source states it."))
    destination_rank_of = models.PositiveSmallIntegerField(
        _("destinations ranked"), null=True, blank=True,
        help_text=_("Out of how many destination countries and territories, if the source says."))
    sector = models.CharField(_("sector"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True,
                              help_text=_("Article, report or agency that states the figure."))
    citation = models.TextField(_("citation"), blank=True,
                                help_text=_("The sentence of the source that states the figure."))
    is_illustrative = models.BooleanField(
        _("illustrative demo record"), default=False,
        help_text=_("Not from a real source; shown with an 'illustrative' label."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "source_country__alpha3", "destination_country__alpha3", "pk"]
        verbose_name = _("investment record")
        verbose_name_plural = _("investment records")
        indexes = [models.Index(fields=["source_country", "destination_country", "year"])]

    def __str__(self) -> str:
        return f"{self.source_label} → {self.destination_label} {self.year}"

    @property
    def source_label(self) -> str:
        return str(self.source_province or self.source_country)

    @property
    def destination_label(self) -> str:
        return str(self.destination_province or self.destination_country)

    def clean(self) -> None:
        errors = {}
        if self.source_province_id and self.source_province.country_id != self.source_country_id:
            errors["source_province"] = _("The province is not in the investor country.")
        if (self.destination_province_id
                and self.destination_province.country_id != self.destination_country_id):
            errors["destination_province"] = _("The province is not in the destination country.")
        if self.year is not None and not 1950 <= self.year <= 2100:
            errors["year"] = _("Enter a year between 1950 and 2100.")
        if self.capital is not None and self.capital < 0:
            errors["capital"] = _("The capital cannot be negative.")
        if self.capital_usd is not None and self.capital_usd < 0:
            errors["capital_usd"] = _("The capital cannot be negative.")
        if self.kind == self.Kind.CONTRIBUTIONS and self.projects is not None:
            errors["projects"] = _("Capital contributions and share purchases are not projects: "
                                   "count them under contributions.")
        if self.kind == self.Kind.NEW_PROJECTS and self.contributions is not None:
            errors["contributions"] = _("A record of new projects has no contributions: record "
                                        "them separately.")
        for rank, of in (("investor_rank", "investor_rank_of"), ("destination_rank", "destination_rank_of")):
            value, total = getattr(self, rank), getattr(self, of)
            if value is not None and value < 1:
                errors[rank] = _("A rank starts at 1.")
            elif total is not None and value is None:
                errors[rank] = _("Give the rank, or leave out how many are ranked.")
            elif value is not None and total is not None and value > total:
                errors[rank] = _("The rank is beyond the number ranked.")
        if errors:
            raise ValidationError(errors)
