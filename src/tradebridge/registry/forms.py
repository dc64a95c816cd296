from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.geo.models import Province, Zone
from tradebridge.registry.models import Organization
from tradebridge.registry.services import EDITABLE_FIELDS


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = list(EDITABLE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        country = self.instance.country
        self.fields["province"].queryset = Province.objects.filter(country=country)
        self.fields["zone"].queryset = Zone.objects.filter(country=country)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("The name cannot be empty."))
        return name
