from __future__ import annotations

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from tradebridge.catalog.models import Sector
from tradebridge.geo.models import Country, Province, Zone
from tradebridge.registry.identifiers import scheme_for_country
from tradebridge.registry.models import Identifier, Organization, TradeItem
from tradebridge.registry.services import TRACKED_FIELDS, EditConflict, edit_snapshot

LOADED_SALT = "registry.organization-edit"


def sign_snapshot(snapshot: dict) -> str:
    return signing.dumps(snapshot, salt=LOADED_SALT, compress=True)


class CertificationsField(forms.CharField):
    """Certifications typed one per line or separated by commas."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        items = [part.strip() for line in text.splitlines() for part in line.split(",")]
        return [item for item in items if item][:30]


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    certifications = CertificationsField(label=_("certifications"), required=False,
                                         help_text=_("One per line, e.g. ISO 9001, OCOP 4 stars, VietGAP."))
    sectors = forms.ModelMultipleChoiceField(Sector.objects.all(), required=False,
                                             label=_("sectors"), widget=forms.CheckboxSelectMultiple)
    identifier = forms.CharField(label=_("registration number"), required=False, max_length=40)

    class Meta:
        model = Organization
        fields = ["name", "name_vi", "name_lo", "name_zh_hans", "name_en", "province", "zone",
                  "size", "sectors", "certifications", "address", "website", "description",
                  "contact_email", "contact_phone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, country: Country | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A new organisation has no country yet (an administrator belongs to none).
        country = country or (self.instance.country if self.instance.country_id else None)
        self.fields["province"].queryset = Province.objects.filter(country=country)
        self.fields["zone"].queryset = Zone.objects.filter(country=country)
        if self.instance.pk:
            # The values this editor starts from: the save writes only what they changed.
            self.fields["loaded"] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.fields["loaded"].initial = sign_snapshot(edit_snapshot(self.instance))
        scheme = scheme_for_country(country.alpha3 if country else None)
        if scheme is None:
            del self.fields["identifier"]
        else:
            self.fields["identifier"].label = Identifier.Scheme(scheme).label
            if self.instance.pk:
                current = self.instance.identifiers.filter(scheme=scheme).first()
                self.fields["identifier"].initial = current.value if current else ""

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("The name cannot be empty."))
        return name

    def clean_loaded(self) -> dict | None:
        """The values the editor started from; None where a client sent none (then every
        posted field counts as changed)."""
        raw = self.cleaned_data.get("loaded")
        if not raw:
            return None
        try:
            return signing.loads(raw, salt=LOADED_SALT)["values"]
        except (signing.BadSignature, KeyError, TypeError) as exc:
            raise forms.ValidationError(_("This form was damaged in transit: open the edit page "
                                          "again.")) from exc

    def after_conflict(self, conflict: EditConflict) -> OrganizationForm:
        """The form again after a refused save: the editor's own changes kept, every other
        field as it is now, the conflicting fields marked with their current value, and the
        current version carried, so that saving again keeps the editor's values on purpose."""
        data = self.data.copy()
        values = conflict.snapshot["values"]
        for name in TRACKED_FIELDS:
            if name in conflict.mine or name not in self.fields or name not in values:
                continue
            value = values[name]
            if name == "sectors":
                data.setlist(name, [str(pk) for pk in value])
            elif name == "certifications":
                data[name] = "\n".join(value)
            else:
                data[name] = "" if value is None else str(value)
        data["loaded"] = sign_snapshot(conflict.snapshot)
        form = type(self)(data, instance=Organization.objects.get(pk=self.instance.pk))
        form.is_valid()
        form.add_error(None, _("Nothing was saved: someone else changed this organisation while you were "
                               "editing it. Check the marked fields and save again to keep your values."))
        for item in conflict.conflicts:
            message = _("Changed meanwhile by someone else to “%(current)s”; you entered “%(yours)s”.") % {
                "current": item.current, "yours": item.yours}
            form.add_error(item.field if item.field in form.fields else None, message)
        return form


class NewOrganizationForm(OrganizationForm):
    kind = forms.ChoiceField(label=_("kind"), choices=Organization.Kind.choices)
    country = forms.ModelChoiceField(Country.objects.all(), label=_("country"), to_field_name="alpha3")

    field_order = ["kind", "country", "name"]

    def __init__(self, *args, **kwargs):
        data = kwargs.get("data") if "data" in kwargs else (args[0] if args else None)
        country = None
        if data and data.get("country"):
            country = Country.objects.filter(alpha3=str(data.get("country"))[:3].upper()).first()
        super().__init__(*args, country=country, **kwargs)
        if country is None:
            self.fields["province"].queryset = Province.objects.filter(
                country__alpha3__in=("VNM", "LAO", "CHN"))


class TradeItemForm(forms.Form):
    text = forms.CharField(label=_("product"), max_length=300,
                           help_text=_("In any language, e.g. “gừng tươi, 300 tấn/năm”."))
    hs = forms.CharField(label=_("HS code"), required=False, max_length=12,
                         help_text=_("Leave empty to find it from the text."))
    quantity = forms.DecimalField(label=_("quantity"), required=False, min_value=0,
                                  max_digits=14, decimal_places=2)
    unit = forms.ChoiceField(label=_("unit"), required=False,
                             choices=[("", "—"), *TradeItem.Unit.choices])
    markets = forms.ModelMultipleChoiceField(
        Country.objects.filter(alpha3__in=("VNM", "LAO", "CHN", "THA", "KHM", "MMR")),
        required=False, label=_("target markets"), to_field_name="alpha3",
        widget=forms.CheckboxSelectMultiple)
