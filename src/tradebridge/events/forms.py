from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tradebridge.catalog.models import Sector
from tradebridge.core.widgets import DatalistInput, DataSelect, SearchableCheckboxes
from tradebridge.core.zones import check_zone, country_zones, offset_label, ordered_zones
from tradebridge.events.models import Event, SectorRoom, Slot, Venue
from tradebridge.events.services import parse_pauses
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization

DEFAULT_ZONE = "Asia/Ho_Chi_Minh"
# The countries whose time zones come first in the lists (alpha-2), after the venue's own.
REGION_ZONES = ["VN", "LA", "CN", "KH", "TH"]


def event_zone(event: Event | None) -> ZoneInfo:
    """The zone an event's date-times are typed and shown in: its main venue's."""
    main = event.main_venue if event is not None and event.pk else None
    return main.zone if main else ZoneInfo(DEFAULT_ZONE)


def zone_options(countries: list[str]) -> list[tuple[str, str]]:
    return [(zone, offset_label(zone)) for zone in ordered_zones(countries)]


class ZonedDateTimeField(forms.DateTimeField):
    """A date-time typed in a named zone (`zone`): read as that zone's wall-clock time, stored as
    the instant (UTC in the database) and shown back in the same zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *, zone: ZoneInfo | None = None, **kwargs):
        super().__init__(**kwargs)
        self.zone = zone or ZoneInfo(DEFAULT_ZONE)

    def prepare_value(self, value):
        with timezone.override(self.zone):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(self.zone):
            return super().to_python(value)


class EventForm(forms.ModelForm):
    organizers = forms.ModelMultipleChoiceField(
        Organization.objects.active().filter(kind__in=(Organization.Kind.AGENCY, Organization.Kind.RESEARCH)),
        label=capfirst(_("organising agencies")), widget=SearchableCheckboxes)
    deadline_zone = forms.CharField(
        label=capfirst(_("time zone of the deadline")), required=False, widget=DatalistInput,
        help_text=_("Until the event has a main venue; then its time zone is used."))

    class Meta:
        model = Event
        fields = ["kind", "primary_language", "title_vi", "title_lo", "title_zh_hans", "title_en",
                  "description_vi", "description_lo", "description_zh_hans", "description_en",
                  "starts_on", "ends_on", "registration_deadline", "capacity", "max_requests", "source"]
        field_classes = {"registration_deadline": ZonedDateTimeField}
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{f"description_{s}": forms.Textarea(attrs={"rows": 3}) for s in ("vi", "lo", "zh_hans", "en")},
        }

    def __init__(self, *args, country: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        main = self.instance.main_venue if self.instance.pk else None
        deadline = self.fields["registration_deadline"]
        if main:
            deadline.zone = main.zone
            del self.fields["deadline_zone"]
            deadline.help_text = _("Local time of the main venue: %(zone)s (%(offset)s).") % {
                "zone": main.time_zone, "offset": offset_label(main.time_zone)}
        else:
            self.countries = [c for c in (country, *REGION_ZONES) if c]
            first = country_zones().get(country, [DEFAULT_ZONE])[0]
            self.fields["deadline_zone"].initial = first
            self.fields["deadline_zone"].widget.options = zone_options(self.countries)
            deadline.help_text = _("Local time in the time zone below.")

    def clean_deadline_zone(self):
        return check_zone(self.cleaned_data["deadline_zone"] or DEFAULT_ZONE, self.countries)

    def clean(self):
        data = super().clean()
        zone = data.pop("deadline_zone", None)
        deadline = data.get("registration_deadline")
        if zone and deadline:
            # Typed in the default zone; read the same wall-clock time in the chosen one.
            wall = timezone.make_naive(deadline, self.fields["registration_deadline"].zone)
            data["registration_deadline"] = timezone.make_aware(wall, ZoneInfo(zone))
        return data


class VenueForm(forms.ModelForm):
    country = forms.ModelChoiceField(Country.objects.filter(alpha3__in=("VNM", "LAO", "CHN", "KHM", "THA")),
                                     label=capfirst(_("country")), widget=DataSelect)
    province = forms.ModelChoiceField(
        Province.objects.filter(country__alpha3__in=("VNM", "LAO", "CHN")).order_by("country", "code"),
        label=capfirst(_("province")), required=False, widget=DataSelect,
        help_text=_("Only the provinces of the chosen country are listed."))
    time_zone = forms.CharField(label=capfirst(_("time zone")), max_length=64, widget=DatalistInput,
                                help_text=_("Type a city or pick from the list, e.g. Asia/Ho_Chi_Minh."))

    class Meta:
        model = Venue
        fields = ["name", "is_main", "country", "province", "time_zone", "tables", "booths"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        alpha2 = dict(Country.objects.values_list("pk", "alpha2"))
        in_country = dict(self.fields["province"].queryset.values_list("pk", "country_id"))
        country = self.fields["country"].widget
        country.option_data = lambda pk: {"zone": (country_zones().get(alpha2.get(int(pk)), []) or [""])[0]}
        country.attrs.update({"data-provinces": self["province"].auto_id,
                              "data-zone-input": self["time_zone"].auto_id})
        self.fields["province"].widget.option_data = lambda pk: {"country": in_country.get(int(pk), "")}
        own = self.instance.country.alpha2 if self.instance.pk and self.instance.country_id else ""
        self.fields["time_zone"].widget.options = zone_options([c for c in (own, *REGION_ZONES) if c])

    def clean_time_zone(self):
        country = self.cleaned_data.get("country")
        return check_zone(self.cleaned_data["time_zone"],
                          [c for c in (country.alpha2 if country else "", *REGION_ZONES) if c])

    def clean(self):
        data = super().clean()
        country, province = data.get("country"), data.get("province")
        if country and province and province.country_id != country.pk:
            self.add_error("province", _("This province is not in %(country)s.") % {"country": country.name})
        return data


class SectorRoomForm(forms.ModelForm):
    sectors = forms.ModelMultipleChoiceField(Sector.objects.all(), required=False, label=_("sectors"),
                                             widget=forms.CheckboxSelectMultiple)
    chapters = forms.CharField(label=_("HS chapters"), required=False,
                               help_text=_("Two-digit chapters separated by commas, e.g. 09, 50."))

    online_link = forms.URLField(label=_("online room link"), required=False, assume_scheme="https")

    class Meta:
        model = SectorRoom
        fields = ["name", "sectors", "online_link"]

    def clean_chapters(self):
        parts = [p.strip() for p in self.cleaned_data["chapters"].split(",") if p.strip()]
        bad = [p for p in parts if not (len(p) == 2 and p.isdigit() and 1 <= int(p) <= 97)]
        if bad:
            raise forms.ValidationError(_("Not an HS chapter: %(codes)s.") % {"codes": ", ".join(bad)})
        return parts


class MeetingDayForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("start (local time)"),
                                 widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("end (local time)"), widget=forms.TimeInput(attrs={"type": "time"}))
    slot_minutes = forms.IntegerField(label=_("slot length (minutes)"), min_value=5, max_value=240,
                                      initial=20)
    pauses = forms.CharField(label=_("pauses"), required=False,
                             help_text=_("One per line, e.g. 12:00-13:30."))

    def clean_pauses(self):
        pairs = []
        for line in self.cleaned_data["pauses"].splitlines():
            if line.strip():
                pairs.append([p.strip() for p in line.replace("–", "-").split("-", 1)])
        try:
            parse_pauses(pairs)
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["pauses"]) from None
        return pairs


class DelegatesField(forms.CharField):
    """Delegates typed one per line as “name, role”."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(f"{d['name']}, {d.get('role', '')}".rstrip(", ") for d in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        rows = []
        for line in text.splitlines():
            if line.strip():
                name, _sep, role = line.partition(",")
                rows.append({"name": name.strip(), "role": role.strip()})
        return rows[:50]


class RegistrationForm(forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label=_("organisation"))
    venue = forms.ModelChoiceField(Venue.objects.none(), label=_("venue or bridge point"))
    room = forms.ModelChoiceField(SectorRoom.objects.none(), label=_("sector trade room"), required=False)
    delegates = DelegatesField(label=_("delegates"), required=True,
                               help_text=_("One per line: name, role."))
    available_slots = forms.ModelMultipleChoiceField(
        Slot.objects.none(), label=_("availability"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if you are free in every slot."))
    max_meetings = forms.IntegerField(label=_("most meetings"), min_value=1, max_value=100, required=False)
    consent_to_contact = forms.BooleanField(label=_("We agree to be contacted by other participants."),
                                            required=False)

    def __init__(self, *args, event: Event, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = event.venues.active()
        self.fields["room"].queryset = event.rooms.active()
        self.fields["available_slots"].queryset = event.slots.all()
        main = event.main_venue
        zone = main.zone if main else timezone.get_current_timezone()
        self.fields["available_slots"].label_from_instance = (
            lambda s: f"{timezone.localtime(s.starts_at, zone):%d/%m %H:%M}–"
                      f"{timezone.localtime(s.ends_at, zone):%H:%M}")
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
        if not event.rooms.active().exists():
            del self.fields["room"]


class MeetingRequestForm(forms.Form):
    message = forms.CharField(label=_("message"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("What you offer or look for, in any language."))


def posted_slots(data, event: Event) -> list[Slot]:
    """The event's slots ticked in a posted form (`allowed_slots`), for a request's slot limits."""
    ids = [int(v) for v in data.getlist("allowed_slots") if v.isdigit()]
    return list(event.slots.filter(pk__in=ids))


def setup_form_kwargs(kind: str, item) -> dict:
    """The edit form's arguments for a venue, sector room or meeting day (see setup_views.setup_item);
    the form works on a copy, so the service compares against the stored values."""
    if kind == "venue":
        return {"instance": type(item).objects.get(pk=item.pk)}
    if kind == "room":
        return {"instance": type(item).objects.get(pk=item.pk),
                "initial": {"chapters": ", ".join(item.hs_chapters)}}
    return {"initial": {"date": item.date, "start_time": item.start_time, "end_time": item.end_time,
                        "slot_minutes": item.slot_minutes,
                        "pauses": "\n".join(f"{a}-{b}" for a, b in item.pauses)}}
