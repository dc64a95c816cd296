"""Forms of the pilot pages and of the report to the ministers: a pilot (which may create its
planned park as a new zone), a milestone, an activity to link, and a report's period."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tradebridge.agreements.forms import DATE, REGION
from tradebridge.agreements.models import Agreement
from tradebridge.chains.models import Chain, Milestone, Pilot
from tradebridge.core.widgets import SearchableCheckboxes
from tradebridge.geo.models import Country, Province, Zone
from tradebridge.registry.models import Organization


class PilotForm(forms.Form):
    slug = forms.SlugField(label=_("short name"), max_length=64)
    kind = forms.ChoiceField(label=_("kind"), choices=Pilot.Kind.choices)
    name_en = forms.CharField(label=_("name (English)"), max_length=200)
    name_vi = forms.CharField(label=_("name (Vietnamese)"), max_length=200, required=False)
    name_lo = forms.CharField(label=_("name (Lao)"), max_length=200, required=False)
    name_zh_hans = forms.CharField(label=_("name (Chinese)"), max_length=200, required=False)
    chain = forms.ModelChoiceField(
        Chain.objects.active(), to_field_name="slug", label=_("chain"), required=False
    )
    agreement = forms.ModelChoiceField(Agreement.objects.active(), label=_("agreement"), required=False)
    zone = forms.ModelChoiceField(Zone.objects.all(), to_field_name="code", label=_("zone"), required=False)
    hs_codes = forms.CharField(
        label=_("products (HS codes)"),
        required=False,
        help_text=_("HS 2022 codes separated by commas, such as 2523, 7214."),
    )
    members = forms.ModelMultipleChoiceField(
        Organization.objects.active().filter(country__alpha3__in=REGION).order_by("name"),
        to_field_name="slug",
        label=_("members"),
        required=False,
        widget=SearchableCheckboxes,
    )
    state = forms.ChoiceField(label=_("status"), choices=Pilot.State.choices)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    source = forms.CharField(label=_("source"), max_length=300, required=False)
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)
    # A planned park that is not on the zones map yet: filled in, it becomes a new zone.
    new_zone_name = forms.CharField(label=_("new planned park: name"), max_length=200, required=False)
    new_zone_country = forms.ModelChoiceField(
        Country.objects.filter(alpha3__in=REGION),
        to_field_name="alpha3",
        label=_("new planned park: country"),
        required=False,
    )
    new_zone_province = forms.ModelChoiceField(
        Province.objects.filter(country__alpha3__in=REGION).select_related("country"),
        to_field_name="code",
        label=_("new planned park: province"),
        required=False,
    )
    new_zone_latitude = forms.DecimalField(
        label=_("new planned park: latitude"), required=False, min_value=-90, max_value=90, decimal_places=4
    )
    new_zone_longitude = forms.DecimalField(
        label=_("new planned park: longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=4,
    )

    NEW_ZONE = (
        "new_zone_name",
        "new_zone_country",
        "new_zone_province",
        "new_zone_latitude",
        "new_zone_longitude",
    )

    def clean(self):
        data = super().clean()
        given = [name for name in self.NEW_ZONE if data.get(name) not in (None, "")]
        if given and len(given) < len(self.NEW_ZONE):
            for name in self.NEW_ZONE:
                if name not in given:
                    self.add_error(
                        name, _("A new planned park needs a name, country, province and coordinates.")
                    )
        if given and data.get("zone"):
            self.add_error("zone", _("Choose an existing zone or describe a new planned park, not both."))
        return data

    def new_zone(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("new_zone_name"):
            return None
        return {
            "name_en": data["new_zone_name"],
            "country": data["new_zone_country"],
            "province": data["new_zone_province"],
            "latitude": data["new_zone_latitude"],
            "longitude": data["new_zone_longitude"],
        }

    def pilot_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in self.NEW_ZONE and k != "members"}


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("milestone"), max_length=300)
    due_on = forms.DateField(label=_("due date"), required=False, widget=DATE)
    done_on = forms.DateField(label=_("done on"), required=False, widget=DATE)
    state = forms.ChoiceField(label=_("status"), choices=Milestone.State.choices)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class LinkActivityForm(forms.Form):
    activity = forms.ModelChoiceField(None, label=_("work-plan activity"))
    pilot = forms.ModelChoiceField(
        None, to_field_name="slug", label=_("pilot"), required=False, empty_label=_("the chain itself")
    )

    def __init__(self, *args, activities, pilots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = lambda a: f"{a.plan.title} · {a.title}"
        self.fields["pilot"].queryset = pilots


class ReportForm(forms.Form):
    period_start = forms.DateField(label=pgettext_lazy("date range", "from"), widget=DATE)
    period_end = forms.DateField(label=pgettext_lazy("date range", "to"), widget=DATE)
    submitted_to = forms.CharField(
        label=_("submitted to"),
        max_length=300,
        required=False,
        help_text=_("Needed to submit, not to preview."),
    )
    language = forms.ChoiceField(label=_("language of the report"), choices=settings.LANGUAGES)
