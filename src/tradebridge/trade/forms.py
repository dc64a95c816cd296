from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.geo.models import Province
from tradebridge.trade.models import InvestmentRecord
from tradebridge.trade.services import EDITABLE_FIELDS


class InvestmentForm(forms.ModelForm):
    class Meta:
        model = InvestmentRecord
        fields = list(EDITABLE_FIELDS)
        widgets = {"citation": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"capital_usd": _("Statistics are reported in USD: convert at the rate of the year.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = Province.objects.filter(country__alpha3__in=["VNM", "LAO", "CHN"])
        for name in ("source_province", "destination_province"):
            self.fields[name].queryset = provinces


class ReportedUploadForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_(
        "CSV with the columns year, reporter, partner, flow, hs_or_group, value, currency, source; "
        "countries as ISO3 (LAO), provinces as ISO 3166-2 (VN-HN), values in USD; flow export, "
        "import or total (two-way). Optional columns: qualifier (exact, more_than, at_least, nearly, "
        "approximately, estimated, expected), derived (true or false), growth_pct, "
        "share_of_total_pct, rank, rank_of."))
    source = forms.CharField(label=_("source"), required=False, max_length=255)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
