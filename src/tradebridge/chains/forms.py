"""Forms of the chain pages: a chain with its stages (an ordered list of rows), a definition
file, a member, the gap report's pickers."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.agreements.forms import REGION
from tradebridge.catalog.models import Sector
from tradebridge.chains.models import BecStage, Chain, Member
from tradebridge.core.widgets import DatalistInput, DataSelect
from tradebridge.geo.models import Country, Zone
from tradebridge.registry.models import Organization

FORMAT = "tradebridge.chain/1"
NAME_CODES = {"vi": "vi", "lo": "lo", "zh_hans": "zh-hans", "en": "en"}
# At most this many bytes in an uploaded definition (the seven MOU chains are a few KB each).
MAX_DEFINITION_BYTES = 1_000_000


def split_codes(text: str) -> list[str]:
    """HS codes as typed: separated by commas, semicolons or spaces; dots ignored."""
    return [code.replace(".", "") for code in re.split(r"[\s,;]+", text or "") if code]


class ChainForm(forms.Form):
    slug = forms.SlugField(
        label=_("short name"),
        max_length=64,
        help_text=_("Letters, digits and hyphens; it is the chain's address and file id."),
    )
    name_vi = forms.CharField(label=_("name (Vietnamese)"), max_length=200, required=False)
    name_lo = forms.CharField(label=_("name (Lao)"), max_length=200, required=False)
    name_zh_hans = forms.CharField(label=_("name (Chinese)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("name (English)"), max_length=200)
    sector = forms.ModelChoiceField(Sector.objects.all(), label=_("sector"), required=False)
    horizon_year = forms.IntegerField(label=_("horizon year"), min_value=2000, max_value=2100, required=False)
    agreement = forms.ModelChoiceField(None, label=_("agreement it implements"), required=False)
    is_public = forms.BooleanField(
        label=_("public"),
        required=False,
        initial=True,
        help_text=_("Anyone may see a public chain and its members."),
    )
    is_project_mapping = forms.BooleanField(label=_("the project's own mapping"), required=False)
    is_illustrative = forms.BooleanField(label=_("illustrative"), required=False)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    hs = forms.CharField(
        label=_("HS codes of the chain"),
        required=False,
        max_length=4000,
        help_text=_(
            "For stages given by a BEC stage of processing: the chain's products, "
            "HS codes separated by commas."
        ),
    )

    def __init__(self, *args, agreements=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
        if editing:
            self.fields["slug"].disabled = True

    def chain_fields(self) -> dict:
        data = self.cleaned_data
        return {
            k: data[k]
            for k in (
                "agreement",
                "sector",
                "horizon_year",
                "is_public",
                "is_project_mapping",
                "is_illustrative",
                "description",
            )
        }

    @staticmethod
    def initial_for(chain: Chain) -> dict:
        return {
            "slug": chain.slug,
            "name_vi": chain.name_vi,
            "name_lo": chain.name_lo,
            "name_zh_hans": chain.name_zh_hans,
            "name_en": chain.name_en,
            "sector": chain.sector_id,
            "horizon_year": chain.horizon_year,
            "agreement": chain.agreement_id,
            "is_public": chain.is_public,
            "is_project_mapping": chain.is_project_mapping,
            "is_illustrative": chain.is_illustrative,
            "description": chain.description,
            "hs": ", ".join(chain.hs_codes or []),
        }


class StageForm(forms.Form):
    position = forms.IntegerField(label=_("position"), min_value=1, max_value=99, required=False)
    key = forms.SlugField(label=_("stage id"), max_length=64, required=False)
    name_en = forms.CharField(label=_("name (English)"), max_length=200, required=False)
    name_vi = forms.CharField(label=_("name (Vietnamese)"), max_length=200, required=False)
    name_lo = forms.CharField(label=_("name (Lao)"), max_length=200, required=False)
    name_zh_hans = forms.CharField(label=_("name (Chinese)"), max_length=200, required=False)
    hs = forms.CharField(
        label=_("HS codes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    bec_stage = forms.ChoiceField(
        label=_("BEC stage of processing"), required=False, choices=[("", "—"), *BecStage.choices]
    )
    remove = forms.BooleanField(label=_("remove this stage"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("key") and not data.get("remove") and not data.get("name_en"):
            self.add_error("name_en", _("A stage needs its English name."))
        return data


class BaseStageFormSet(forms.BaseFormSet):
    def stage_dicts(self) -> list[dict]:
        """The kept rows in their order (position, then row), as tradebridge.chain/1 stages."""
        rows = [
            (f.cleaned_data.get("position") or 1000 + index, index, f.cleaned_data)
            for index, f in enumerate(self.forms)
            if f.cleaned_data.get("key") and not f.cleaned_data.get("remove")
        ]
        stages = []
        for _position, _index, data in sorted(rows, key=lambda r: (r[0], r[1])):
            stage = {
                "id": data["key"],
                "name": {
                    code: data[f"name_{suffix}"]
                    for suffix, code in NAME_CODES.items()
                    if data[f"name_{suffix}"]
                },
                "hs": split_codes(data["hs"]),
            }
            if data.get("bec_stage"):
                stage["bec_stage"] = data["bec_stage"]
            stages.append(stage)
        return stages


StageFormSet = forms.formset_factory(StageForm, formset=BaseStageFormSet, extra=2, max_num=40)


def stage_initial(chain: Chain) -> list[dict]:
    return [
        {
            "position": s.position,
            "key": s.key,
            "name_en": s.name_en,
            "name_vi": s.name_vi,
            "name_lo": s.name_lo,
            "name_zh_hans": s.name_zh_hans,
            "hs": ", ".join(s.hs_codes or []),
            "bec_stage": s.bec_stage,
        }
        for s in chain.stages.all()
    ]


def definition_dict(form: ChainForm, formset: BaseStageFormSet, slug: str) -> dict:
    """The tradebridge.chain/1 document the chain form describes."""
    data = form.cleaned_data
    return {
        "format": FORMAT,
        "id": slug,
        "name": {
            code: data[f"name_{suffix}"] for suffix, code in NAME_CODES.items() if data[f"name_{suffix}"]
        },
        "hs": split_codes(data.get("hs", "")),
        "stages": formset.stage_dicts(),
    }


class DefinitionUploadForm(forms.Form):
    file = forms.FileField(label=_("definition file (tradebridge.chain/1 JSON)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DEFINITION_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload.read()


def _region_organizations():
    return (
        Organization.objects.active()
        .filter(merged_into__isnull=True, country__alpha3__in=REGION)
        .exclude(kind__in=(Organization.Kind.AGENCY, Organization.Kind.RESEARCH))
        .order_by("name")
    )


class MemberForm(forms.Form):
    """A new member: the country first (it narrows the zones), then the organisation of that
    country, its stage, role and zone."""

    country = forms.ModelChoiceField(
        Country.objects.filter(alpha3__in=REGION), to_field_name="alpha3", label=_("country")
    )
    organization = forms.ModelChoiceField(
        _region_organizations(),
        to_field_name="slug",
        label=_("organisation"),
        help_text=_("Its short name in the registry."),
    )
    stage = forms.ModelChoiceField(None, label=_("stage"))
    role = forms.ChoiceField(label=_("role"), choices=Member.Role.choices)
    zone = forms.ModelChoiceField(
        None,
        to_field_name="code",
        label=_("zone"),
        required=False,
        help_text=_("Industrial park, special economic zone or border economic zone."),
    )
    is_sme = forms.BooleanField(label=_("small or medium enterprise"), required=False)
    status = forms.ChoiceField(
        label=_("status"), choices=Member.Status.choices, initial=Member.Status.CANDIDATE
    )
    agreement = forms.ModelChoiceField(None, label=_("committed in agreement"), required=False)
    note = forms.CharField(
        label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args, chain: Chain, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = chain.stages.all()
        self.fields["agreement"].queryset = agreements
        # forms.js hides the zones of other countries than the one chosen (data-country).
        zones = Zone.objects.exclude(kind=Zone.Kind.BORDER_GATE).select_related("country")
        zone_countries = {z.code: z.country.alpha3 for z in zones}
        self.fields["zone"].widget = DataSelect(lambda code: {"country": zone_countries.get(code, "")})
        self.fields["zone"].queryset = zones
        self.fields["country"].widget.attrs["data-provinces"] = (
            f"id_{self.prefix}-zone" if self.prefix else "id_zone"
        )
        options = [
            (o.slug, o.display_name)
            for o in _region_organizations().only(
                "slug", "name", "name_vi", "name_lo", "name_zh_hans", "name_en"
            )
        ]
        self.fields["organization"].widget = DatalistInput(options)

    def clean(self):
        data = super().clean()
        organization, country = data.get("organization"), data.get("country")
        if organization and country and organization.country_id != country.pk:
            self.add_error(
                "organization",
                _("%(organization)s is in %(its)s, not in %(country)s.")
                % {
                    "organization": organization.display_name,
                    "its": organization.country.name,
                    "country": country.name,
                },
            )
        return data

    def member_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("country")
        return data


class MemberEditForm(forms.Form):
    stage = forms.ModelChoiceField(None, label=_("stage"))
    role = forms.ChoiceField(label=_("role"), choices=Member.Role.choices)
    zone = forms.ModelChoiceField(None, to_field_name="code", label=_("zone"), required=False)
    is_sme = forms.BooleanField(label=_("small or medium enterprise"), required=False)
    status = forms.ChoiceField(label=_("status"), choices=Member.Status.choices)
    agreement = forms.ModelChoiceField(None, label=_("committed in agreement"), required=False)
    note = forms.CharField(
        label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )

    def __init__(self, *args, member: Member, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = member.chain.stages.all()
        # The member's country is its organisation's: only that country's zones are offered.
        self.fields["zone"].queryset = Zone.objects.filter(country_id=member.country_id).exclude(
            kind=Zone.Kind.BORDER_GATE
        )
        self.fields["agreement"].queryset = agreements

    @staticmethod
    def initial_for(member: Member) -> dict:
        return {
            "stage": member.stage_id,
            "role": member.role,
            "zone": member.zone.code if member.zone_id else "",
            "is_sme": member.is_sme,
            "status": member.status,
            "agreement": member.agreement_id,
            "note": member.note,
        }


class GapForm(forms.Form):
    year = forms.TypedChoiceField(label=_("year"), coerce=int, choices=())
    exporter = forms.ModelChoiceField(
        Country.objects.filter(alpha3__in=REGION), to_field_name="alpha3", label=_("exporter")
    )
    importer = forms.ModelChoiceField(
        Country.objects.filter(alpha3__in=REGION), to_field_name="alpha3", label=_("importer")
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in sorted(years, reverse=True)]

    def clean(self):
        data = super().clean()
        if data.get("exporter") and data.get("exporter") == data.get("importer"):
            self.add_error("importer", _("Choose two different countries."))
        return data
