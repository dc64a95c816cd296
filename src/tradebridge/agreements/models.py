"""Signed agreements (MOUs, cooperation agreements, contracts, minutes of talks), their parties,
documents, status history, commitments and progress. Nothing is deleted, only archived, and
every change keeps its author, time and previous value (django-simple-history)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tradebridge.catalog.models import HSCode
from tradebridge.core.i18n import join_list, localized
from tradebridge.core.models import Archivable
from tradebridge.geo.models import Country
from tradebridge.registry.models import Organization


class Level(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    MINISTRY = "ministry", _("Ministry")
    PROVINCE = "province", _("Province or city")
    AGENCY = "agency", _("Agency")
    ENTERPRISE = "enterprise", _("Enterprise")


class Kind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    COOPERATION = "cooperation", _("Cooperation agreement")
    CONTRACT = "contract", _("Contract")
    MINUTES = "minutes", _("Minutes of talks")


class Category(models.TextChoices):
    RAW_MATERIALS = "raw_materials", _("Raw-material area development")
    PRODUCTION_CONSUMPTION = "production_consumption", _("Production and consumption")
    INVESTMENT = "investment", _("Investment")
    LINKAGE_CHAIN = "linkage_chain", _("Industrial linkage chain")
    LOGISTICS = "logistics", _("Logistics")
    LABOUR = "labour", _("Labour")
    TRAINING = "training", _("Training")
    TRADE_PROMOTION = "trade_promotion", _("Trade promotion")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTIES = "parties", _("Parties and agencies")
    PRIVATE = "private", _("Private to the recording organisation")


class Status(models.TextChoices):
    SIGNED = "signed", _("Signed")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    COMPLETED = "completed", _("Completed")
    LAPSED = "lapsed", _("Lapsed")
    TERMINATED = "terminated", _("Terminated")


class Currency(models.TextChoices):
    USD = "USD", "USD"
    VND = "VND", "VND"
    LAK = "LAK", "LAK"
    CNY = "CNY", "CNY"


ACTIVE_STATUSES = (Status.SIGNED, Status.IN_IMPLEMENTATION)


class IllustrativeField(models.TextChoices):
    """Details of a record that its source does not give: shown with an "illustrative" label
    wherever they appear (pages, Excel, PDF)."""

    TITLE = "title", _("title")
    SUMMARY = "summary", _("summary")
    PARTIES = "parties", _("parties")
    PRODUCTS = "products", _("products")
    DIRECTION = "direction", _("direction of goods")
    SIGNED_ON = "signed_on", _("signing date")
    SIGNED_PLACE = "signed_place", _("signing place")
    VALID_FROM = "valid_from", _("start of validity")
    VALID_UNTIL = "valid_until", _("end of validity")
    EVENT = "event", _("event")


class Agreement(Archivable):
    level = models.CharField(pgettext_lazy("agreement", "level"), max_length=12, choices=Level.choices)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.MOU)
    title = models.CharField(_("title"), max_length=300, help_text=_("In the language it was signed in."))
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=300, blank=True)
    title_lo = models.CharField(_("title (Lao)"), max_length=300, blank=True)
    title_zh_hans = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_vi = models.TextField(_("summary (Vietnamese)"), blank=True)
    summary_lo = models.TextField(_("summary (Lao)"), blank=True)
    summary_zh_hans = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    date_note = models.CharField(_("note on the dates"), max_length=200, blank=True)
    signed_place = models.CharField(_("signing place"), max_length=200, blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("signed at event"),
    )
    # For an event the events app does not hold (such as the April 2023 Hanoi trade mission).
    event_label = models.CharField(
        _("other event (not in the system)"), max_length=200, blank=True, db_index=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    category = models.CharField(_("main category"), max_length=24, choices=Category.choices)
    # Further categories as ",code,code," so that a portable `contains` finds them.
    other_categories = models.CharField(_("other categories"), max_length=200, blank=True)
    origin = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goods or investment from"),
    )
    destination = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goods or investment to"),
    )
    products = models.ManyToManyField(HSCode, blank=True, related_name="+", verbose_name=_("products"))
    declared_value = models.DecimalField(
        _("declared value"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SIGNED)
    status_since = models.DateField(_("status since"), null=True, blank=True)
    recording_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by organisation"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    is_illustrative = models.BooleanField(
        _("illustrative details"),
        default=False,
        help_text=_("Some details (such as the parties) are illustrative, not from the source."),
    )
    illustrative_note = models.CharField(_("what is illustrative"), max_length=300, blank=True)
    # The details the source does not give, as ",title,parties," (IllustrativeField codes).
    illustrative_fields = models.CharField(_("illustrative details"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    demo_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return localized(self, "title") or self.title

    @property
    def display_summary(self) -> str:
        return localized(self, "summary") or self.summary

    @property
    def illustrative_set(self) -> frozenset[str]:
        """The codes of the details that are illustrative (for `{% if "title" in ... %}`)."""
        return frozenset(code for code in self.illustrative_fields.split(",") if code)

    def illustrative_labels(self) -> list[str]:
        """The illustrative details by name, in the active language, in a fixed order."""
        chosen = self.illustrative_set
        return [str(label) for code, label in IllustrativeField.choices if code in chosen]

    def illustrative_text(self) -> str:
        """One line for exports: "title, parties, products — note"."""
        labels = join_list(self.illustrative_labels())
        return " — ".join(part for part in (labels, self.illustrative_note) if part)

    @property
    def declared_value_usd(self):
        """The declared value at the signing year's average rate, if that rate is known."""
        from tradebridge.agreements.fx import to_usd

        return to_usd(self.declared_value, self.currency, self.signed_on.year if self.signed_on else None)

    @property
    def event_name(self) -> str:
        return self.event.title if self.event_id else self.event_label

    @property
    def event_key(self) -> str:
        """What the register's `event` filter takes: the event's slug, else the label."""
        return self.event.slug if self.event_id else self.event_label

    @property
    def categories(self) -> list[str]:
        return [self.category, *[c for c in self.other_categories.split(",") if c and c != self.category]]

    def category_labels(self) -> list[str]:
        labels = dict(Category.choices)
        return [str(labels.get(code, code)) for code in self.categories]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES and self.archived_at is None


class Party(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("organisation"),
    )
    signatory = models.CharField(_("signatory"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "organization"], name="unique_party")]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return str(self.organization)


class StatusChange(models.Model):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("agreement")
    )
    from_status = models.CharField(pgettext_lazy("status change", "from"), max_length=20,
                                   choices=Status.choices,
                                   blank=True)
    to_status = models.CharField(pgettext_lazy("status change", "to"), max_length=20,
                                 choices=Status.choices)
    effective_on = models.DateField(_("date"))
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.effective_on}: {self.to_status}"


def document_path(instance: "Document", filename: str) -> str:
    return f"agreements/{instance.agreement_id}/{filename}"


class Document(Archivable):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="documents", verbose_name=_("agreement")
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title or self.original_name


class Commitment(Archivable):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("agreement")
    )
    title = models.CharField(_("commitment"), max_length=300)
    owner = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner party"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.state in (self.State.DONE, self.State.CANCELLED)


def progress_path(instance: "ProgressUpdate", filename: str) -> str:
    return f"agreements/{instance.agreement_id}/progress/{filename}"


class ProgressUpdate(Archivable):
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="progress_updates", verbose_name=_("agreement")
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
        verbose_name=_("commitment"),
    )
    reported_on = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    attachment = models.FileField(_("attachment"), upload_to=progress_path, max_length=300, blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=255, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.reported_on}: {self.text[:60]}"


class PartyChangeProposal(models.Model):
    """A change of the parties and/or visibility of an agreement that a party proposes and that
    applies once every party concerned consents (`party_consent`): the parties when it was made
    and the organisations it would add. `base_*` keep what it was made against: it no longer
    applies (superseded) once the parties or visibility change otherwise."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting the parties' answers")
        APPLIED = "applied", _("Change applied")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Refused")
        SUPERSEDED = "superseded", _("No longer applies")

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="party_proposals", verbose_name=_("agreement")
    )
    # [{"organization": id, "signatory": "..."}, ...] in their order (signatories of new parties).
    proposed_parties = models.JSONField(_("proposed parties"))
    proposed_visibility = models.CharField(_("proposed visibility"), max_length=8, choices=Visibility.choices)
    base_parties = models.JSONField(_("parties when proposed"))  # organisation ids, in their order
    base_visibility = models.CharField(
        _("visibility when proposed"), max_length=8, choices=Visibility.choices
    )
    proposing_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by organisation")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    reason = models.TextField(_("reason"))
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"], condition=models.Q(state="pending"), name="one_pending_party_proposal"
            )
        ]
        verbose_name = _("proposed change of parties")
        verbose_name_plural = _("proposed changes of parties")

    def __str__(self) -> str:
        names = Organization.objects.in_bulk(self.proposed_organization_ids)
        parties = ", ".join(names[pk].display_name for pk in self.proposed_organization_ids if pk in names)
        return f"#{self.pk} ({self.state}): {parties}; {self.proposed_visibility}"

    @property
    def proposed_organization_ids(self) -> list[int]:
        return [int(item["organization"]) for item in self.proposed_parties]

    @property
    def concerned_organization_ids(self) -> list[int]:
        """Every organisation whose consent it needs: the parties then and those it adds."""
        return list(dict.fromkeys([*map(int, self.base_parties), *self.proposed_organization_ids]))

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING


class PartyChangeAnswer(models.Model):
    """One organisation's consent to, or refusal of, a proposed change, given by one member."""

    proposal = models.ForeignKey(
        PartyChangeProposal, on_delete=models.CASCADE, related_name="answers", verbose_name=_("proposal")
    )
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="+", verbose_name=_("agreement")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    consents = models.BooleanField(_("consents"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["answered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "organization"], name="one_answer_per_party")
        ]
        verbose_name = _("answer to a proposed change of parties")
        verbose_name_plural = _("answers to proposed changes of parties")

    def __str__(self) -> str:
        answer = "consents" if self.consents else "refuses"
        return f"#{self.proposal_id}: {self.organization.display_name} {answer} {self.note}".strip()
