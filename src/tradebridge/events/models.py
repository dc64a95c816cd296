"""Trade-promotion events: venues and bridge points, sector rooms, meeting days and their
slots, registrations, meeting requests and the meetings the scheduler places.

Instants are stored in UTC; a meeting day's window is written in the main venue's local time
(an IANA zone) and turned into UTC slots by `services.do_generate_slots`.
"""

from __future__ import annotations

import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tradebridge.catalog.models import Sector
from tradebridge.core.i18n import FIELD_SUFFIX, current_language, place_name
from tradebridge.core.models import Archivable
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError(_("%(zone)s is not an IANA time zone (e.g. Asia/Ho_Chi_Minh)."),
                              params={"zone": value}) from None


def validate_chapters(value: object) -> None:
    if not isinstance(value, list) or not all(
            isinstance(c, str) and len(c) == 2 and c.isdigit() and 1 <= int(c) <= 97 for c in value):
        raise ValidationError(_("HS chapters are two-digit codes from 01 to 97, e.g. [\"09\", \"50\"]."))


def new_room_token() -> str:
    # An unguessable video-room name: 128 bits from the system's CSPRNG.
    return secrets.token_urlsafe(16)


class Language(models.TextChoices):
    VI = "vi", _("Vietnamese")
    LO = "lo", _("Lao")
    ZH_HANS = "zh-hans", _("Simplified Chinese")
    EN = "en", _("English")


class Event(Archivable):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        TRADE_MISSION = "trade_mission", _("Trade mission")
        FAIR = "fair", _("Trade fair")
        BILATERAL_TALKS = "bilateral_talks", _("Bilateral talks")
        STUDY_TOUR = "study_tour", _("Study tour")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Registration open")
        CLOSED = "closed", _("Registration closed")
        PUBLISHED = "published", _("Schedule published")

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    primary_language = models.CharField(_("primary language"), max_length=8, choices=Language.choices,
                                        default=Language.VI)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=300, blank=True)
    title_lo = models.CharField(_("title (Lao)"), max_length=300, blank=True)
    title_zh_hans = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_lo = models.TextField(_("description (Lao)"), blank=True)
    description_zh_hans = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    organizers = models.ManyToManyField(Organization, related_name="organized_events",
                                        verbose_name=_("organising agencies"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity (organisations)"), null=True, blank=True,
                                           help_text=_("Empty: no limit."))
    max_requests = models.PositiveSmallIntegerField(
        _("meeting requests per participant"), default=10,
        help_text=_("How many requests one participant may send."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    is_illustrative = models.BooleanField(_("illustrative demo record"), default=False)
    # Details of a real event that its source does not give (shown on the page with a label).
    illustrative_note = models.CharField(_("what is illustrative"), max_length=500, blank=True)
    # A conference held within a trade mission: the mission's agreements include the conference's.
    part_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="parts", verbose_name=_("part of"))
    source = models.CharField(_("source"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day is before the first day.")
        title_field = f"title_{FIELD_SUFFIX.get(self.primary_language, 'vi')}"
        if not getattr(self, title_field, ""):
            errors[title_field] = _("The title in the primary language is required.")
        if errors:
            raise ValidationError(errors)

    def _text(self, prefix: str) -> str:
        for code in (current_language(), self.primary_language, *FIELD_SUFFIX):
            value = getattr(self, f"{prefix}_{FIELD_SUFFIX[code]}", "")
            if value:
                return value
        return ""

    @property
    def title(self) -> str:
        return self._text("title")

    @property
    def description(self) -> str:
        return self._text("description")

    @property
    def main_venue(self) -> Venue | None:
        return self.venues.active().filter(is_main=True).first()

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Venue(Archivable):
    """The main venue or a bridge point: where participants sit, in which time zone, with how
    many tables (in-person meetings) and booths (online meetings) at once."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="venues",
                              verbose_name=_("event"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    is_main = models.BooleanField(_("main venue"), default=False)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True,
                                 verbose_name=_("province"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_time_zone])
    tables = models.PositiveIntegerField(_("tables"), default=0)
    booths = models.PositiveIntegerField(_("booths"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_main", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="events_venue_unique_code"),
            models.UniqueConstraint(fields=["event"], condition=models.Q(is_main=True),
                                    name="events_one_main_venue"),
        ]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language when it is its province's or one of its cities'."""
        return place_name(self.name, self.province)

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")


class SectorRoom(Archivable):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms",
                              verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=200)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="+", verbose_name=_("sectors"))
    hs_chapters = models.JSONField(_("HS chapters"), default=list, blank=True, validators=[validate_chapters])
    online_link = models.URLField(_("online room link"), blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative name"), default=False,
        help_text=_("The name is not from the source (which may say only that the room existed)."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector trade room")
        verbose_name_plural = _("sector trade rooms")

    def __str__(self) -> str:
        return self.name


class MeetingDay(Archivable):
    """A day of one-to-one meetings; times are local to the main venue."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="days",
                              verbose_name=_("event"))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start (local time)"))
    end_time = models.TimeField(_("end (local time)"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=20)
    # [["12:00", "13:30"], ...]: local times without meetings.
    pauses = models.JSONField(_("pauses"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [models.UniqueConstraint(fields=["event", "date"], name="events_one_day_per_date")]
        verbose_name = _("meeting day")
        verbose_name_plural = _("meeting days")

    def __str__(self) -> str:
        return f"{self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class Slot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots",
                              verbose_name=_("event"))
    day = models.ForeignKey(MeetingDay, on_delete=models.CASCADE, related_name="slots",
                            verbose_name=_("meeting day"))
    code = models.CharField(_("code"), max_length=12)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="events_slot_unique_code")]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")

    def __str__(self) -> str:
        return f"{self.code} {self.starts_at:%Y-%m-%d %H:%M}Z"


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations",
                              verbose_name=_("event"))
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="event_registrations", verbose_name=_("organisation"))
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="registrations", verbose_name=_("venue"))
    room = models.ForeignKey(SectorRoom, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="registrations", verbose_name=_("sector trade room"))
    # [{"name": "...", "role": "..."}]
    delegates = models.JSONField(_("delegates"), default=list, blank=True)
    # Empty: available in every slot.
    available_slots = models.ManyToManyField(Slot, blank=True, related_name="+",
                                             verbose_name=_("availability"))
    max_meetings = models.PositiveSmallIntegerField(_("most meetings"), null=True, blank=True)
    consent_to_contact = models.BooleanField(_("consents to be contacted"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.REGISTERED)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="+", verbose_name=_("registered by"))
    is_illustrative = models.BooleanField(_("illustrative demo record"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organization__name"]
        constraints = [models.UniqueConstraint(fields=["event", "organization"],
                                               name="events_one_registration_per_org")]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.organization} @ {self.event.slug}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.REGISTERED


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("meeting request", "Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.PENDING, Status.ACCEPTED)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests",
                              verbose_name=_("event"))
    sender = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="sent_requests",
                               verbose_name=_("from"))
    recipient = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="received_requests",
                                  verbose_name=_("to"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    # Empty: any slot. Set by the recipient when accepting, or by an organiser.
    allowed_slots = models.ManyToManyField(
        Slot, blank=True, related_name="+", verbose_name=_("allowed slots"),
        help_text=_("The only slots this meeting may take (empty: any)."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("sent by"))
    is_illustrative = models.BooleanField(_("illustrative demo record"), default=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["reminded_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")

    def __str__(self) -> str:
        return f"{self.sender.organization} → {self.recipient.organization}"


class Meeting(models.Model):
    """A request placed in a slot, by the scheduler or by an organiser."""

    class Mode(models.TextChoices):
        TABLE = "table", _("At a table")
        ONLINE = "online", _("Online")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings",
                              verbose_name=_("event"))
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting",
                                   verbose_name=_("meeting request"))
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("slot"))
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices)
    # Table meetings: the venue both sit at. Online: the two venues whose booths it uses.
    venues = models.ManyToManyField(Venue, related_name="meetings", verbose_name=_("venues"))
    room_token = models.CharField(_("video room"), max_length=40, default=new_room_token, editable=False)
    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("Not recorded")
        HELD = "held", _("Held")
        NO_SHOW = "no_show", _("No-show")

    attendance = models.CharField(_("attendance"), max_length=8, choices=Attendance.choices,
                                  default=Attendance.UNKNOWN)
    locked = models.BooleanField(
        _("locked"), default=False,
        help_text=_("A locked meeting keeps its slot when the scheduler runs again."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["slot__starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.request} @ {self.slot.code}"


class ScheduleRun(models.Model):
    """One run of the scheduler for an event, with its progress while it works in the task
    worker and its figures when done."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs",
                              verbose_name=_("event"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(_("progress"), default=0.0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), default=30)
    # objective, bound, breaks, seconds, placed, moved, dropped, unscheduled
    result = models.JSONField(_("result"), default=dict, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")

    def __str__(self) -> str:
        return f"{self.event.slug} {self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def percent(self) -> int:
        return round(100 * max(0.0, min(1.0, self.progress)))


class MeetingFeedback(models.Model):
    """What one side says came of a meeting."""

    class Outcome(models.TextChoices):
        NO_FURTHER_CONTACT = "none", _("No further contact")
        VALUABLE_CONTACT = "contact", _("Valuable contact")
        NEGOTIATION = "negotiation", _("Negotiation started")
        AGREEMENT = "agreement", _("Agreement reached")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback",
                                verbose_name=_("meeting"))
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="feedback",
                                     verbose_name=_("participant"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    is_illustrative = models.BooleanField(_("illustrative demo record"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "registration"],
                                               name="events_one_feedback_per_side")]
        verbose_name = _("meeting feedback")
        verbose_name_plural = _("meeting feedback")

    def __str__(self) -> str:
        return f"{self.meeting} {self.outcome}"
