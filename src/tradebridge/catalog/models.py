from django.db import models
from django.utils.translation import gettext_lazy as _

from tradebridge.core.i18n import FIELD_SUFFIX, current_language, localized
from tradebridge.core.text import fold


class HSSection(models.Model):
    """One of the 21 sections of the Harmonized System (I … XXI)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    roman = models.CharField(_("section"), max_length=5, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255, blank=True)
    name_lo = models.CharField(_("name (Lao)"), max_length=255, blank=True)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=255, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("HS section")
        verbose_name_plural = _("HS sections")

    def __str__(self) -> str:
        return f"{self.roman} {self.name}"

    @property
    def name(self) -> str:
        return localized(self)


class HSCode(models.Model):
    """A chapter (2 digits), heading (4) or subheading (6) of HS 2022."""

    class Level(models.IntegerChoices):
        CHAPTER = 2, _("Chapter")
        HEADING = 4, _("Heading")
        SUBHEADING = 6, _("Subheading")

    code = models.CharField(_("HS code"), max_length=6, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    section = models.ForeignKey(
        HSSection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="codes",
        verbose_name=_("section"),
        help_text=_("Empty for chapter 99, commodities not specified according to kind."),
    )
    description_en = models.TextField(_("description (English)"))
    # Primary glossary names, for display in the user's language (empty where none exists).
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200, blank=True)
    name_lo = models.CharField(_("name (Lao)"), max_length=200, blank=True)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("HS code")
        verbose_name_plural = _("HS codes")

    def __str__(self) -> str:
        return f"{self.dotted} {self.name}"

    @property
    def dotted(self) -> str:
        return f"{self.code[:4]}.{self.code[4:]}" if self.level == 6 else self.code

    @property
    def name(self) -> str:
        # The glossary name in the reader's language, else its heading's or chapter's name in that
        # language, and only then English (the glossary's, else the official text).
        suffix = FIELD_SUFFIX[current_language()]
        own = getattr(self, f"name_{suffix}", "")
        if not own and suffix != "en" and self.level > 2:
            ancestors = HSCode.objects.filter(code__in=[self.code[:4], self.code[:2]]).exclude(
                **{f"name_{suffix}": ""}).order_by("-level").values_list(f"name_{suffix}", flat=True)
            own = next(iter(ancestors), "")
        return own or self.name_en or self.description_en


class GlossaryTerm(models.Model):
    """A product name or synonym in one language, keyed to an HS subheading."""

    class Language(models.TextChoices):
        VI = "vi", _("Vietnamese")
        LO = "lo", _("Lao")
        ZH_HANS = "zh-hans", _("Simplified Chinese")
        EN = "en", _("English")

    hs = models.ForeignKey(
        HSCode, on_delete=models.CASCADE, related_name="terms", verbose_name=_("HS code")
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    term = models.CharField(_("term"), max_length=200)
    folded = models.CharField(_("folded term"), max_length=200, db_index=True)
    primary = models.BooleanField(_("primary name"), default=False)

    class Meta:
        ordering = ["hs__code", "language", "-primary", "term"]
        constraints = [
            models.UniqueConstraint(fields=["hs", "language", "term"], name="unique_glossary_term")
        ]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return f"{self.term} ({self.language}, {self.hs.code})"

    def save(self, *args, **kwargs):
        self.folded = fold(self.term)
        super().save(*args, **kwargs)


class Sector(models.Model):
    """An economic sector (agro-processing, handicrafts, textiles…) with the HS chapters its
    goods fall in; used to group organisations and to split events into sector rooms."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_lo = models.CharField(_("name (Lao)"), max_length=200)
    name_zh_hans = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    chapters = models.JSONField(_("HS chapters"), default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self)
