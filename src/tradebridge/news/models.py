"""Articles, the records proposed from their facts, and the sources of accepted records.

An article is stored once: its address (when given) and the hash of its text are unique, so a
second import of the same article is refused. The facts the extraction found are kept with the
article (the format of ``spec/facts.md``); each candidate record waits for staff to accept
(creating the real record through its owning app) or discard it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Language(models.TextChoices):
    VI = "vi", _("Vietnamese")
    LO = "lo", _("Lao")
    ZH_HANS = "zh-hans", _("Simplified Chinese")
    EN = "en", _("English")


class Article(models.Model):
    url = models.URLField(_("address"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    published = models.DateField(_("publication date"))
    language = models.CharField(_("language"), max_length=8, choices=Language.choices,
                                default=Language.VI)
    text = models.TextField(_("text"))
    # sha256 of the text in NFC with its whitespace collapsed: the same article copied again
    # (other line breaks, NFD) is the same text.
    text_hash = models.CharField(_("text hash"), max_length=64, unique=True, editable=False)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("added by"))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["facts"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="news_article_unique_url"),
        ]
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def __str__(self) -> str:
        return self.title or self.url or f"#{self.pk}"

    @property
    def label(self) -> str:
        return str(self)


class Candidate(models.Model):
    """A record proposed from one sentence of an article: `proposed` holds the fields as the
    extraction found them, `fields` what staff accepted (after their corrections)."""

    class Kind(models.TextChoices):
        TRADE_FIGURE = "trade_figure", _("Reported trade figure")
        INVESTMENT = "investment", _("Investment record")
        EVENT = "event", _("Event")
        AGREEMENTS = "agreements", _("Agreements signed")
        LABOUR = "labour", _("Labour programme")

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("candidate record", "Proposed")
        ACCEPTED = "accepted", pgettext_lazy("candidate record", "Accepted")
        DISCARDED = "discarded", pgettext_lazy("candidate record", "Discarded")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="candidates",
                                verbose_name=_("article"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    sentence = models.TextField(_("sentence"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    proposed = models.JSONField(_("proposed fields"), default=dict, blank=True)
    fields = models.JSONField(_("accepted fields"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "start", "pk"]
        verbose_name = _("candidate record")
        verbose_name_plural = _("candidate records")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.sentence[:60]}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PROPOSED


class SourceCitation(models.Model):
    """The article behind a record: an ORM record by content type and id, or a row of the trade
    store (reported figures are not in the ORM) by its key, e.g. ``reported:2022/VN-HN/LAO/export/TOTAL``."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="citations",
                                verbose_name=_("article"))
    candidate = models.OneToOneField(Candidate, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="citation", verbose_name=_("candidate record"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    record_key = models.CharField(_("record key"), max_length=200, blank=True, db_index=True)
    sentence = models.TextField(_("quoted sentence"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="news_citation_record")]
        verbose_name = _("source citation")
        verbose_name_plural = _("source citations")

    def __str__(self) -> str:
        return f"{self.article} — {self.sentence[:60]}"
