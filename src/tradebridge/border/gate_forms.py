"""Forms of the gate pages: a gate, a crossing, the week's opening hours, an exception, goods
permitted, an advisory and its end, a logistics service. Each form parses; the services check
and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tradebridge.border.gate_hours import parse_interval
from tradebridge.border.models import Advisory, Crossing, Gate, LogisticsService, Mode
from tradebridge.geo.models import Zone
from tradebridge.registry.models import Organization

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
WEEKDAYS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


class GateForm(forms.Form):
    zone = forms.ModelChoiceField(
        Zone.objects.filter(kind=Zone.Kind.BORDER_GATE), to_field_name="code", label=_("zone")
    )
    partner_zone = forms.ModelChoiceField(
        Zone.objects.all(), to_field_name="code", label=_("partner side"), required=False
    )
    level = forms.ChoiceField(label=_("level"), choices=Gate.Level.choices)
    status = forms.ChoiceField(
        label=_("usual status"),
        choices=Gate.Status.choices,
        help_text=_("An advisory that closes or suspends the gate overrides it while in force."),
    )
    lanes = forms.IntegerField(label=_("lanes"), min_value=0, max_value=500, required=False)
    truck_hour_cost_usd = forms.DecimalField(
        label=_("cost of one truck-hour of waiting (USD)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
    )
    authorities = forms.ModelMultipleChoiceField(
        Organization.objects.active().filter(kind=Organization.Kind.AGENCY).order_by("name"),
        to_field_name="slug",
        label=_("managing authorities"),
        required=False,
    )
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    source = forms.CharField(label=_("source"), max_length=300, required=False)
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)

    def gate_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("authorities")
        return data


class CrossingForm(forms.Form):
    name_en = forms.CharField(label=_("name (English)"), max_length=200)
    name_vi = forms.CharField(label=_("name (Vietnamese)"), max_length=200, required=False)
    name_lo = forms.CharField(label=_("name (Lao)"), max_length=200, required=False)
    name_zh_hans = forms.CharField(label=_("name (Chinese)"), max_length=200, required=False)
    mode = forms.ChoiceField(label=_("mode"), choices=Mode.choices)
    lanes = forms.IntegerField(label=_("lanes"), min_value=0, max_value=500, required=False)
    freight = forms.BooleanField(label=_("freight"), required=False)
    passengers = forms.BooleanField(label=_("passengers"), required=False)
    source = forms.CharField(label=_("source"), max_length=300, required=False)
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)

    @staticmethod
    def initial_for(crossing: Crossing) -> dict:
        return {name: getattr(crossing, name) for name in CrossingForm.base_fields}


class HoursForm(forms.Form):
    """One line per weekday, "07:00-19:00" (or two intervals "07:00-11:30, 13:30-19:00"); empty
    for closed. Hours run past midnight when the closing time is not after the opening one."""

    crossing = forms.ModelChoiceField(
        Crossing.objects.none(), label=_("crossing"), required=False, empty_label=_("the whole gate")
    )
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)

    def __init__(self, *args, gate: Gate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crossing"].queryset = gate.crossings.active()
        for day, name in enumerate(WEEKDAYS):
            self.fields[f"day{day}"] = forms.CharField(
                label=name,
                required=False,
                max_length=60,
                help_text=_("e.g. 07:00-19:00; empty for closed") if day == 0 else "",
            )

    def clean(self):
        data = super().clean()
        hours = {}
        for day in range(7):
            text = data.get(f"day{day}", "") or ""
            intervals = []
            for part in filter(None, (p.strip() for p in text.split(","))):
                try:
                    interval = parse_interval(part)
                except ValueError as exc:
                    self.add_error(f"day{day}", str(exc))
                    continue
                if interval:
                    intervals.append(interval)
            if intervals:
                hours[day] = intervals
        data["hours"] = hours
        return data

    @staticmethod
    def initial_for(gate: Gate, crossing: Crossing | None = None) -> dict:
        initial: dict = {"crossing": crossing}
        for row in gate.opening_hours.filter(crossing=crossing):
            initial["is_illustrative"] = initial.get("is_illustrative") or row.is_illustrative
            key = f"day{row.weekday}"
            text = f"{row.opens:%H:%M}-{row.closes:%H:%M}"
            initial[key] = f"{initial[key]}, {text}" if initial.get(key) else text
        return initial


class ExceptionForm(forms.Form):
    starts_on = forms.DateField(label=pgettext_lazy("date range", "from"), widget=DATE)
    ends_on = forms.DateField(label=pgettext_lazy("date range", "to"), widget=DATE)
    reason = forms.CharField(label=_("reason"), max_length=200)
    closed = forms.BooleanField(label=_("closed"), required=False, initial=True)
    opens = forms.TimeField(label=_("opens"), required=False, widget=TIME)
    closes = forms.TimeField(label=_("closes"), required=False, widget=TIME)
    source = forms.CharField(label=_("source"), max_length=300, required=False)
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)


class GoodsForm(forms.Form):
    hs_codes = forms.CharField(
        label=_("HS codes"),
        max_length=300,
        help_text=_("HS 2022 codes separated by commas, such as 0810, 0803."),
    )
    label = forms.CharField(label=_("goods"), max_length=200)
    condition = forms.CharField(
        label=_("condition"),
        max_length=300,
        required=False,
        help_text=_("e.g. the quarantine protocol under which they are admitted"),
    )
    since = forms.DateField(label=_("since"), required=False, widget=DATE)
    source = forms.CharField(label=_("source"), max_length=300, required=False)
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)


class AdvisoryForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Advisory.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=300)
    body = forms.CharField(label=_("details"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    starts_on = forms.DateField(label=pgettext_lazy("date range", "from"), widget=DATE)
    ends_on = forms.DateField(label=pgettext_lazy("date range", "to"), widget=DATE, required=False)
    source = forms.CharField(label=_("source"), max_length=300, required=False)
    source_url = forms.URLField(label=_("source address"), required=False, assume_scheme="https")
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)


class EndAdvisoryForm(forms.Form):
    ends_on = forms.DateField(label=_("last day in force"), widget=DATE, required=False)


class LogisticsForm(forms.Form):
    organization = forms.ModelChoiceField(
        Organization.objects.none(), to_field_name="slug", label=_("organisation")
    )
    kind = forms.ChoiceField(label=_("service"), choices=LogisticsService.Kind.choices)
    gates = forms.ModelMultipleChoiceField(
        Gate.objects.active().select_related("zone"),
        label=_("gates"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations.order_by("name")
        self.fields["gates"].label_from_instance = lambda gate: gate.zone.name
