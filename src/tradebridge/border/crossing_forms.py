"""The crossing log form: time stamps typed as the wall-clock time of one side of the gate (its
zone chosen in the form), stored as instants; and the CSV import form."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tradebridge.border import crossings
from tradebridge.border.models import Crossing, CrossingLog, Direction, Gate
from tradebridge.core.zones import country_zones, offset_label

# The zones offered: the sides of the region's gates (Vietnam, Laos, China, Cambodia, Thailand).
REGION = ("VN", "LA", "CN", "KH", "TH")
STAMP_FORMAT = "%Y-%m-%dT%H:%M"


def zone_choices() -> list[tuple[str, str]]:
    names = [zones[0] for code in REGION if (zones := country_zones().get(code))]
    return [(name, f"{name} ({offset_label(name)})") for name in dict.fromkeys(names)]


def _stamp_field(name: str, required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=capfirst(CrossingLog._meta.get_field(name).verbose_name), required=required,
        input_formats=[STAMP_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=STAMP_FORMAT))


class CrossingLogForm(forms.Form):
    gate = forms.ModelChoiceField(Gate.objects.active().select_related("zone"), to_field_name="pk",
                                  label=capfirst(_("gate")))
    crossing = forms.ModelChoiceField(Crossing.objects.active(), required=False,
                                      label=capfirst(_("crossing")))
    direction = forms.ChoiceField(choices=Direction.choices, label=capfirst(_("direction")))
    vehicle = forms.ChoiceField(choices=CrossingLog.Vehicle.choices, initial=CrossingLog.Vehicle.TRUCK,
                                label=capfirst(_("vehicle")))
    product = forms.CharField(max_length=32, required=False, label=capfirst(_("product group or HS chapter")))
    time_zone = forms.ChoiceField(
        label=capfirst(_("time zone of the times below")),
        help_text=_("The local time of the side of the gate where you noted them: Vietnam and Laos "
                    "UTC+7, China UTC+8."))
    arrived_at = _stamp_field("arrived_at", required=True)
    declared_at = _stamp_field("declared_at")
    inspected_at = _stamp_field("inspected_at")
    released_at = _stamp_field("released_at")
    exited_at = _stamp_field("exited_at")
    queue_length = forms.IntegerField(min_value=0, required=False,
                                      label=capfirst(_("vehicles queued on arrival")))
    note = forms.CharField(max_length=300, required=False, label=capfirst(_("note")))

    def __init__(self, data=None, *, log: CrossingLog | None = None, gate: Gate | None = None, **kwargs):
        initial = kwargs.pop("initial", {}) or {}
        gate = log.gate if log is not None else gate
        zone_name = crossings.gate_zone_names(gate)[0] if gate is not None else zone_choices()[0][0]
        initial.setdefault("time_zone", zone_name)
        if gate is not None:
            initial.setdefault("gate", gate.pk)
        if log is not None:
            zone = ZoneInfo(zone_name)
            for name in ("crossing", "direction", "vehicle", "product", "queue_length", "note"):
                value = getattr(log, name)
                initial[name] = value.pk if hasattr(value, "pk") else value
            for name in crossings.STAMPS:
                wall = crossings.local_wall(getattr(log, name), zone)
                initial[name] = wall.strftime(STAMP_FORMAT) if wall else None
        super().__init__(data, initial=initial, **kwargs)
        self.fields["time_zone"].choices = zone_choices()
        self.fields["gate"].label_from_instance = lambda g: str(g)
        self.fields["crossing"].label_from_instance = lambda c: f"{c.gate} · {c.name}"

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        if zone_name:
            zone = ZoneInfo(zone_name)
            for name in crossings.STAMPS:
                value = data.get(name)
                if isinstance(value, dt.datetime):
                    # Parsed in the site's zone; read the same wall-clock time in the chosen one.
                    data[name] = timezone.make_aware(timezone.make_naive(value), zone)
        return data

    def log_values(self) -> dict:
        data = self.cleaned_data
        values = {name: data.get(name) for name in crossings.EDITABLE}
        values["product"] = (values["product"] or "").strip()
        values["note"] = (values["note"] or "").strip()
        return values


class CrossingImportForm(forms.Form):
    file = forms.FileField(label=capfirst(_("CSV file")))
