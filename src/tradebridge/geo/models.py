from django.db import models
from django.utils.translation import gettext_lazy as _

from tradebridge.core.i18n import LocalizedNameMixin


class MultilingualName(LocalizedNameMixin, models.Model):
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200, blank=True)
    name_lo = models.CharField(_("name (Lao)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class Country(MultilingualName):
    alpha2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    numeric = models.CharField(_("ISO numeric"), max_length=3, blank=True)
    region = models.CharField(_("region"), max_length=64, blank=True)
    subregion = models.CharField(_("sub-region"), max_length=64, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    capital = models.CharField(_("capital"), max_length=100, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class Province(MultilingualName):
    code = models.CharField(_("ISO 3166-2 code"), max_length=8, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("country")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=4, null=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=4, null=True)

    class Meta:
        ordering = ["country__alpha3", "name_en"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name

    @property
    def aliases(self) -> tuple:
        """Its main cities: a place named after one is shown in the reader's language."""
        from tradebridge.geo.cities import cities_of

        return cities_of(self.code)


class Zone(MultilingualName):
    class Kind(models.TextChoices):
        BORDER_GATE = "border_gate", _("Border gate")
        BORDER_ECONOMIC_ZONE = "border_economic_zone", _("Border economic zone")
        SPECIAL_ECONOMIC_ZONE = "special_economic_zone", _("Special economic zone")
        INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
        INDUSTRIAL_PARK_PLANNED = "industrial_park_planned", _("Industrial park (planned)")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="zones", verbose_name=_("country")
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="zones", verbose_name=_("province")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=4)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=4)
    partner_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="partner_zones",
        null=True,
        blank=True,
        verbose_name=_("partner country"),
    )
    partner_province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="partner_zones",
        null=True,
        blank=True,
        verbose_name=_("partner province"),
    )

    class Meta:
        ordering = ["kind", "name_en"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")

    def __str__(self) -> str:
        return self.name
