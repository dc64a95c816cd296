"""Border gates, corridors and trade facilitation (seeds 002, 004; issue 13).

A gate is the geo zone of kind "border gate" with what officers and forwarders need: its level,
crossings and modes, opening hours and exceptions, goods permitted, managing authorities, status
and advisories. Corridors are ordered nodes and segments. Clearance figures are per gate, period,
direction, measure and product group; crossing logs are the time stamps of one crossing (WCO
Time Release Study); obstacles are difficulties raised by enterprises and resolved by agencies
(ASEAN ASSIST); harvest calendars and capacities give the seasonal pressure. Nothing is deleted,
only archived; every change keeps its author (django-simple-history)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tradebridge.core.models import Archivable
from tradebridge.geo.models import MultilingualName, Province, Zone
from tradebridge.registry.models import Organization


class Mode(models.TextChoices):
    ROAD = "road", _("Road")
    ROAD_BRIDGE = "road_bridge", _("Road bridge")
    RAILWAY = "railway", _("Railway")
    RIVER = "river", _("River")
    SEA = "sea", _("Sea")
    PEDESTRIAN = "pedestrian", _("Pedestrian")


class Direction(models.TextChoices):
    EXPORT = "export", pgettext_lazy("flow", "Export")
    IMPORT = "import", pgettext_lazy("flow", "Import")
    TRANSIT = "transit", _("Transit")


class Gate(Archivable):
    class Level(models.TextChoices):
        INTERNATIONAL = "international", _("International")
        MAIN = "main", _("Main")
        SECONDARY = "secondary", _("Secondary")
        OPENING = "opening", _("Border opening")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("gate status", "Open")
        RESTRICTED = "restricted", _("Open with restrictions")
        SUSPENDED = "suspended", _("Suspended")
        CLOSED = "closed", _("Closed")

    zone = models.OneToOneField(Zone, on_delete=models.PROTECT, related_name="gate", verbose_name=_("zone"))
    # The partner side's own zone when it is recorded (e.g. Hà Khẩu); else the zone's partner fields.
    partner_zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner side"),
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    lanes = models.PositiveSmallIntegerField(_("lanes"), null=True, blank=True)
    authorities = models.ManyToManyField(
        Organization, blank=True, related_name="managed_gates", verbose_name=_("managing authorities")
    )
    truck_hour_cost_usd = models.DecimalField(
        _("cost of one truck-hour of waiting (USD)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    demo_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    history = HistoricalRecords(m2m_fields=[authorities])

    class Meta:
        ordering = ["zone__name_en"]
        verbose_name = _("border gate")
        verbose_name_plural = _("border gates")

    def __str__(self) -> str:
        return str(self.zone)

    def status_on(self, day) -> str:
        """The status readers see on `day`: the usual one, unless an advisory that closes or
        suspends the gate is in force (closed before suspended)."""
        kinds = set(
            self.advisories.filter(
                archived_at__isnull=True, kind__in=("closed", "suspended"), starts_on__lte=day
            )
            .filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day))
            .values_list("kind", flat=True)
        )
        for kind in ("closed", "suspended"):
            if kind in kinds:
                return kind
        return self.status

    @property
    def status_now(self) -> str:
        """Today's status (the geo zones map reads it through zone.gate)."""
        return self.status_on(timezone.localdate())

    @property
    def status_now_label(self) -> str:
        return str(self.Status(self.status_now).label)


class Crossing(MultilingualName, Archivable):
    """One physical crossing of a gate: a road bridge, a railway bridge, a river wharf…"""

    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="crossings", verbose_name=_("gate"))
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    lanes = models.PositiveSmallIntegerField(_("lanes"), null=True, blank=True)
    freight = models.BooleanField(_("freight"), default=True)
    passengers = models.BooleanField(_("passengers"), default=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["gate", "id"]
        verbose_name = _("crossing")
        verbose_name_plural = _("crossings")


class OpeningHours(models.Model):
    gate = models.ForeignKey(
        Gate, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("gate")
    )
    crossing = models.ForeignKey(
        Crossing,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opening_hours",
        verbose_name=_("crossing"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), help_text=_("0 = Monday … 6 = Sunday."))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["gate", "weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return f"{self.gate} {self.weekday} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(models.Model):
    """A holiday, Tết or any day the usual hours do not hold (closed, or other hours)."""

    gate = models.ForeignKey(
        Gate, on_delete=models.CASCADE, related_name="opening_exceptions", verbose_name=_("gate")
    )
    starts_on = models.DateField(pgettext_lazy("date range", "from"))
    ends_on = models.DateField(pgettext_lazy("date range", "to"))
    closed = models.BooleanField(_("closed"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["gate", "starts_on"]
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")

    def __str__(self) -> str:
        return f"{self.gate} {self.starts_on}–{self.ends_on}: {self.reason}"


class PermittedGoods(Archivable):
    """Goods a gate admits, e.g. fruit under a quarantine protocol: HS codes at 2, 4 or 6 digits."""

    gate = models.ForeignKey(
        Gate, on_delete=models.CASCADE, related_name="permitted_goods", verbose_name=_("gate")
    )
    hs_codes = models.JSONField(_("HS codes"), default=list)
    label = models.CharField(_("goods"), max_length=200)
    condition = models.CharField(
        _("condition"),
        max_length=300,
        blank=True,
        help_text=_("e.g. the quarantine protocol under which they are admitted"),
    )
    since = models.DateField(_("since"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["gate", "id"]
        verbose_name = _("permitted goods")
        verbose_name_plural = _("permitted goods")


class Advisory(Archivable):
    class Kind(models.TextChoices):
        CLOSED = "closed", _("Closed")
        SUSPENDED = "suspended", _("Suspended")
        RULE_CHANGE = "rule_change", _("Rules changed")
        CONGESTION = "congestion", _("Congestion")
        INFO = "info", _("Information")

    gate = models.ForeignKey(
        Gate, on_delete=models.CASCADE, related_name="advisories", verbose_name=_("gate")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("details"), blank=True)
    starts_on = models.DateField(pgettext_lazy("date range", "from"))
    ends_on = models.DateField(pgettext_lazy("date range", "to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("advisory")
        verbose_name_plural = _("advisories")

    def __str__(self) -> str:
        return self.title


class GateCapacity(models.Model):
    """How many vehicles a gate clears in a day by one mode (for the seasonal pressure)."""

    gate = models.ForeignKey(
        Gate, on_delete=models.CASCADE, related_name="capacities", verbose_name=_("gate")
    )
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    vehicles_per_day = models.PositiveIntegerField(_("vehicles per day"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["gate", "mode", "direction"]
        constraints = [
            models.UniqueConstraint(fields=["gate", "mode", "direction"], name="unique_gate_capacity")
        ]
        verbose_name = _("gate capacity")
        verbose_name_plural = _("gate capacities")

    def __str__(self) -> str:
        return f"{self.gate} {self.mode} {self.direction}: {self.vehicles_per_day}"


class Corridor(MultilingualName, Archivable):
    slug = models.SlugField(_("short name"), max_length=64, unique=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    demo_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("corridor")
        verbose_name_plural = _("corridors")


class CorridorNode(MultilingualName):
    class Kind(models.TextChoices):
        CITY = "city", _("City")
        GATE = "gate", _("Border gate")
        SEAPORT = "seaport", _("Seaport")
        DRY_PORT = "dry_port", _("Dry port")
        INDUSTRIAL = "industrial", _("Industrial or economic zone")

    corridor = models.ForeignKey(
        Corridor, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("corridor")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    gate = models.ForeignKey(
        Gate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corridor_nodes",
        verbose_name=_("gate"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=4)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        ordering = ["corridor", "position"]
        constraints = [models.UniqueConstraint(fields=["corridor", "position"], name="unique_corridor_node")]
        verbose_name = _("corridor node")
        verbose_name_plural = _("corridor nodes")


class CorridorSegment(models.Model):
    corridor = models.ForeignKey(
        Corridor, on_delete=models.CASCADE, related_name="segments", verbose_name=_("corridor")
    )
    start = models.ForeignKey(
        CorridorNode, on_delete=models.CASCADE, related_name="+", verbose_name=_("from")
    )
    end = models.ForeignKey(
        CorridorNode, on_delete=models.CASCADE, related_name="+", verbose_name=pgettext_lazy("place", "to")
    )
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    distance_km = models.DecimalField(
        _("distance (km)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    usual_hours = models.DecimalField(
        _("usual time (hours)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["corridor", "start__position", "mode"]
        verbose_name = _("corridor segment")
        verbose_name_plural = _("corridor segments")

    def __str__(self) -> str:
        return f"{self.start} → {self.end}"


class ClearanceImport(models.Model):
    """One imported file of clearance figures (all-or-nothing), or one session of entry by hand."""

    file_name = models.CharField(_("file"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("clearance import")
        verbose_name_plural = _("clearance imports")

    def __str__(self) -> str:
        return self.file_name or str(self.created_at)


class ClearanceFigure(models.Model):
    class Period(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    class Measure(models.TextChoices):
        VALUE_USD = "value_usd", _("Value (USD)")
        TONNES = "tonnes", _("Tonnes")
        VEHICLES = "vehicles", _("Vehicles")
        CONTAINERS = "containers", _("Containers")

    gate = models.ForeignKey(
        Gate, on_delete=models.PROTECT, related_name="clearance_figures", verbose_name=_("gate")
    )
    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    # First day of the day, month or year.
    period_start = models.DateField(_("period start"))
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices)
    # An HS chapter ("08"), a named product group, or empty for all goods.
    product = models.CharField(_("product group or HS chapter"), max_length=32, blank=True)
    value = models.DecimalField(pgettext_lazy("figure", "value"), max_digits=20, decimal_places=2)
    batch = models.ForeignKey(
        ClearanceImport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="figures",
        verbose_name=_("import"),
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        ordering = ["gate", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["gate", "period", "period_start", "direction", "measure", "product"],
                name="unique_clearance_figure",
            ),
        ]
        indexes = [
            models.Index(fields=["gate", "measure", "period", "period_start"], name="clearance_gate_period")
        ]
        verbose_name = _("clearance figure")
        verbose_name_plural = _("clearance figures")

    def __str__(self) -> str:
        return f"{self.gate} {self.period_start} {self.direction} {self.measure}"


class CrossingLog(Archivable):
    """The time stamps of one vehicle's crossing, logged by a forwarder or an enterprise (archived,
    never deleted, when its logger withdraws it)."""

    class Vehicle(models.TextChoices):
        TRUCK = "truck", _("Truck")
        CONTAINER_TRUCK = "container_truck", _("Container truck")
        WAGON = "wagon", _("Rail wagon")
        BOAT = "boat", _("Boat")
        OTHER = "other", pgettext_lazy("vehicle", "Other")

    gate = models.ForeignKey(
        Gate, on_delete=models.PROTECT, related_name="crossing_logs", verbose_name=_("gate")
    )
    crossing = models.ForeignKey(
        Crossing,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("crossing"),
    )
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    vehicle = models.CharField(_("vehicle"), max_length=16, choices=Vehicle.choices, default=Vehicle.TRUCK)
    product = models.CharField(_("product group or HS chapter"), max_length=32, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="crossing_logs", verbose_name=_("organisation")
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("logged by")
    )
    arrived_at = models.DateTimeField(_("arrival"))
    declared_at = models.DateTimeField(_("declaration lodged"), null=True, blank=True)
    inspected_at = models.DateTimeField(_("inspection"), null=True, blank=True)
    released_at = models.DateTimeField(_("release"), null=True, blank=True)
    exited_at = models.DateTimeField(_("exit"), null=True, blank=True)
    queue_length = models.PositiveIntegerField(_("vehicles queued on arrival"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-arrived_at"]
        indexes = [models.Index(fields=["gate", "direction", "arrived_at"], name="crossinglog_gate_time")]
        verbose_name = _("crossing log")
        verbose_name_plural = _("crossing logs")


class Obstacle(Archivable):
    """A difficulty an enterprise meets at the border, raised to the agencies and resolved."""

    class Kind(models.TextChoices):
        CUSTOMS = "customs", _("Customs procedure")
        QUARANTINE = "quarantine", _("Quarantine")
        TRANSPORT = "transport", _("Transport")
        PAYMENT = "payment", _("Payment")
        LABOUR = "labour", _("Labour")
        OTHER = "other", pgettext_lazy("obstacle kind", "Other")

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        TRIAGED = "triaged", _("Triaged")
        ASSIGNED = "assigned", _("Assigned")
        ON_AGENDA = "on_agenda", _("On the agenda of talks")
        ANSWERED = "answered", _("Answered")
        RESOLVED = "resolved", _("Resolved")
        REJECTED = "rejected", _("Not accepted")

    gate = models.ForeignKey(
        Gate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="obstacles",
        verbose_name=_("gate"),
    )
    hs_code = models.CharField(_("product (HS code)"), max_length=6, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reported by")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="obstacles",
        verbose_name=_("organisation"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REPORTED)
    assigned_to = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_obstacles",
        verbose_name=_("responsible agency"),
    )
    response_due = models.DateField(_("response due"), null=True, blank=True)
    talks = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="obstacles",
        verbose_name=_("on the agenda of"),
    )
    answer = models.TextField(_("answer"), blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # Shown, without who raised it, in the public list once staff have triaged it.
    is_public = models.BooleanField(_("public (anonymised)"), default=False)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    demo_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("obstacle")
        verbose_name_plural = _("obstacles")

    def __str__(self) -> str:
        return self.title


class ObstacleDocument(models.Model):
    obstacle = models.ForeignKey(
        Obstacle, on_delete=models.CASCADE, related_name="documents", verbose_name=_("obstacle")
    )
    file = models.FileField(_("file"), upload_to="obstacles/%Y/")
    name = models.CharField(_("name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.name


class ObstacleStatusChange(models.Model):
    obstacle = models.ForeignKey(
        Obstacle, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("obstacle")
    )
    old_status = models.CharField(_("from"), max_length=12, choices=Obstacle.Status.choices, blank=True)
    new_status = models.CharField(
        pgettext_lazy("status", "to"), max_length=12, choices=Obstacle.Status.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.old_status} → {self.new_status}"


class HarvestCalendar(models.Model):
    """When a province harvests a product, and how much goes across (seasonal pressure)."""

    hs_code = models.CharField(_("product (HS code)"), max_length=6)
    label = models.CharField(_("product"), max_length=200)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    starts_on = models.DateField(_("season starts"))
    peak_starts_on = models.DateField(_("peak starts"), null=True, blank=True)
    peak_ends_on = models.DateField(_("peak ends"), null=True, blank=True)
    ends_on = models.DateField(_("season ends"))
    expected_tonnes = models.DecimalField(
        _("expected tonnes across the border"), max_digits=14, decimal_places=1
    )
    tonnes_per_vehicle = models.DecimalField(
        _("tonnes per truck"), max_digits=6, decimal_places=1, default=20
    )
    gates = models.ManyToManyField(Gate, blank=True, related_name="harvests", verbose_name=_("usual gates"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords(m2m_fields=[gates])

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("harvest calendar")
        verbose_name_plural = _("harvest calendars")

    def __str__(self) -> str:
        return self.label


class LogisticsService(Archivable):
    """A logistics organisation of the registry and the gates it serves."""

    class Kind(models.TextChoices):
        WAREHOUSE = "warehouse", _("Warehouse")
        FORWARDER = "forwarder", _("Freight forwarder")
        CUSTOMS_BROKER = "customs_broker", _("Customs broker")
        CARRIER = "carrier", _("Carrier")
        LOADING = "loading", _("Loading and handling")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="logistics_services",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("service"), max_length=16, choices=Kind.choices)
    gates = models.ManyToManyField(
        Gate, blank=True, related_name="logistics_services", verbose_name=_("gates")
    )
    description = models.TextField(_("description"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords(m2m_fields=[gates])

    class Meta:
        ordering = ["organization__name", "kind"]
        verbose_name = _("logistics service")
        verbose_name_plural = _("logistics services")


# Part F keeps its rollups and pending uploads in their own module (imported here so that
# Django registers them with the app).
from tradebridge.border.figure_models import ClearanceMonthly, ClearanceUpload  # noqa: E402,F401
