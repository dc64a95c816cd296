"""Forms of part F: a file of clearance figures, one figure by hand, a harvest calendar, a
gate's daily capacity."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.border.clearance_files import UPLOAD_LIMITS
from tradebridge.border.models import ClearanceFigure, Direction, Gate, GateCapacity, HarvestCalendar
from tradebridge.catalog.resolve import normalize_hs


class ClearanceUploadForm(forms.Form):
    file = forms.FileField(label=_("File (.csv or .xlsx)"))
    source = forms.CharField(
        label=_("source"),
        max_length=300,
        required=False,
        help_text=_("Where the figures come from, e.g. the customs branch's monthly report."),
    )
    is_illustrative = forms.BooleanField(
        label=_("These figures are illustrative (not real statistics)"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_LIMITS.max_bytes:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": UPLOAD_LIMITS.max_bytes // (1024 * 1024)}
            )
        return upload


class ClearanceFigureForm(forms.Form):
    gate = forms.ModelChoiceField(label=_("gate"), queryset=Gate.objects.active().select_related("zone"))
    period = forms.ChoiceField(label=_("period"), choices=ClearanceFigure.Period.choices)
    period_start = forms.DateField(
        label=_("period start"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For a month or a year, any day of it: its first day is kept."),
    )
    direction = forms.ChoiceField(label=_("direction"), choices=Direction.choices)
    measure = forms.ChoiceField(label=_("measure"), choices=ClearanceFigure.Measure.choices)
    product = forms.RegexField(
        label=_("product group or HS chapter"),
        required=False,
        max_length=32,
        regex=r"^(\d{2}|[a-z][a-z0-9_-]{0,31})$",
        help_text=_("An HS chapter of two digits (08), a product group key, or empty for all goods."),
    )
    value = forms.DecimalField(label=_("value"), min_value=0, max_digits=19, decimal_places=2)
    source = forms.CharField(label=_("source"), max_length=300, required=False)
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)


class HarvestCalendarForm(forms.ModelForm):
    # Longer than the stored code: "0810.90" is typed with its dot and normalised.
    hs_code = forms.CharField(label=_("product (HS code)"), max_length=12)

    class Meta:
        model = HarvestCalendar
        fields = [
            "hs_code",
            "label",
            "province",
            "starts_on",
            "peak_starts_on",
            "peak_ends_on",
            "ends_on",
            "expected_tonnes",
            "tonnes_per_vehicle",
            "gates",
            "source",
            "is_illustrative",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"})
            for name in ("starts_on", "peak_starts_on", "peak_ends_on", "ends_on")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gates"].queryset = Gate.objects.active().select_related("zone")

    def clean_hs_code(self):
        try:
            return normalize_hs(self.cleaned_data["hs_code"])
        except ValueError:
            raise forms.ValidationError(
                _("Enter an HS code of 2, 4 or 6 digits, such as 08, 0810 or 0810.90.")
            ) from None

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The season ends before it starts."))
        peak_starts, peak_ends = data.get("peak_starts_on"), data.get("peak_ends_on")
        if bool(peak_starts) != bool(peak_ends):
            self.add_error("peak_ends_on", _("Give both the start and the end of the peak, or neither."))
        elif peak_starts and starts and ends and not (starts <= peak_starts <= peak_ends <= ends):
            self.add_error("peak_starts_on", _("The peak must lie within the season."))
        if data.get("tonnes_per_vehicle") is not None and data["tonnes_per_vehicle"] <= 0:
            self.add_error("tonnes_per_vehicle", _("Enter a number above zero."))
        return data


class GateCapacityForm(forms.ModelForm):
    class Meta:
        model = GateCapacity
        fields = ["mode", "direction", "vehicles_per_day", "source", "is_illustrative"]
