"""The article form and one form per kind of candidate record, filled in from what the
extraction proposed (``initial_for``); their cleaned data go to the owning app's service."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.agreements.models import Category, Kind, Level
from tradebridge.core.access import organization_id_of
from tradebridge.core.figures import Qualifier
from tradebridge.events.models import Event
from tradebridge.geo.models import Country, Province
from tradebridge.news import prefill
from tradebridge.news.models import Candidate, Language
from tradebridge.registry.models import Organization
from tradebridge.trade.models import InvestmentRecord

MAX_UPLOAD = 1024 * 1024
PLACE = re.compile(r"[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}")


class ArticleForm(forms.Form):
    url = forms.URLField(label=_("Address of the article"), required=False, max_length=500,
                         assume_scheme="https")
    published = forms.DateField(label=_("Publication date"), widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.VI)
    title = forms.CharField(label=_("Title"), required=False, max_length=300,
                            help_text=_("Empty: the first line of the text."))
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("Paste the article as copied from the news site."))
    file = forms.FileField(label=_("or upload a text file"), required=False,
                           help_text=_("UTF-8 plain text, at most 1 MB."))

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_UPLOAD:
                raise forms.ValidationError({"file": _("The file is larger than 1 MB.")})
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError({"file": _("The file is not UTF-8 text.")}) from None
        if not (data.get("text") or "").strip():
            raise forms.ValidationError({"text": _("Paste the text of the article or upload it as a file.")})
        return data


class TradeFigureForm(forms.Form):
    reporter = forms.CharField(label=_("Reporter"), max_length=8,
                               help_text=_("Country (ISO3, e.g. LAO) or province (ISO 3166-2, e.g. VN-HN)."))
    partner = forms.CharField(label=_("Partner"), max_length=8)
    flow = forms.ChoiceField(label=_("Flow"), choices=[
        ("export", _("Exports")), ("import", _("Imports")), ("total", _("Two-way trade"))])
    hs_or_group = forms.CharField(label=_("Product or group"), max_length=64, initial="TOTAL",
                                  help_text=_("TOTAL for all goods, an HS code or a group name."))
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    value = forms.DecimalField(label=_("Value (USD)"), min_value=0, max_digits=20, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    qualifier = forms.ChoiceField(label=_("As stated"), choices=Qualifier.choices, required=False)
    growth_pct = forms.DecimalField(label=_("Growth (%)"), required=False, max_digits=8, decimal_places=2)

    def clean_reporter(self):
        return self._place("reporter")

    def clean_partner(self):
        return self._place("partner")

    def _place(self, name: str) -> str:
        code = self.cleaned_data[name].strip().upper()
        if not PLACE.fullmatch(code):
            raise forms.ValidationError(_("Give a country (ISO3, e.g. LAO) or province (e.g. VN-HN) code."))
        return code

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().upper()
        if currency != "USD":
            raise forms.ValidationError(_("Reported figures are kept in USD: convert the value at the "
                                          "rate of the year and enter it in USD."))
        return currency

    @staticmethod
    def initial_for(fields: dict, candidate: Candidate, user: Any) -> dict:
        return {"reporter": fields.get("reporter") or "", "partner": fields.get("partner") or "",
                "flow": fields.get("flow") or "export", "hs_or_group": fields.get("product") or "TOTAL",
                "year": prefill.year_of(fields.get("year") or fields.get("period")),
                "value": prefill.number(fields.get("value")), "currency": fields.get("currency") or "USD",
                "qualifier": prefill.qualifier(fields.get("qualifier")),
                "growth_pct": prefill.number(fields.get("growth_pct"))}


class InvestmentForm(forms.ModelForm):
    source_country = forms.ModelChoiceField(Country.objects.all(), to_field_name="alpha3",
                                            label=_("investor country"))
    destination_country = forms.ModelChoiceField(Country.objects.all(), to_field_name="alpha3",
                                                 label=_("destination country"))

    class Meta:
        model = InvestmentRecord
        fields = ["source_country", "destination_country", "year", "period", "kind", "projects",
                  "capital", "currency", "capital_usd", "qualifier", "growth_pct"]

    @staticmethod
    def initial_for(fields: dict, candidate: Candidate, user: Any) -> dict:
        capital, currency = prefill.number(fields.get("capital")), fields.get("currency") or "USD"
        period = str(fields.get("period") or "")
        return {"source_country": fields.get("investor_country"),
                "destination_country": fields.get("host_country"),
                "year": prefill.year_of(period) or candidate.article.published.year,
                "period": "cumulative" if "/" in period or "cumulative" in period else "year",
                "kind": "total", "projects": prefill.number(fields.get("projects")), "capital": capital,
                "currency": currency, "capital_usd": capital if currency == "USD" else None}


def _agencies():
    kinds = [Organization.Kind.AGENCY, Organization.Kind.RESEARCH]
    return Organization.objects.active().filter(kind__in=kinds)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=Event.Kind.choices)
    title_vi = forms.CharField(label=_("title (Vietnamese)"), max_length=300)
    description_vi = forms.CharField(label=_("description (Vietnamese)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = forms.DateField(label=_("first day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("last day"), widget=forms.DateInput(attrs={"type": "date"}))
    organizers = forms.ModelMultipleChoiceField(Organization.objects.none(), to_field_name="slug",
                                                label=_("organising agencies"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizers"].queryset = _agencies()

    @staticmethod
    def initial_for(fields: dict, candidate: Candidate, user: Any) -> dict:
        start, end = prefill.day_range(fields.get("date"))
        start = start or candidate.article.published
        facts = candidate.article.facts
        organizers = prefill.match_organizations(fields.get("organisers"), _agencies(), facts)
        own = _agencies().filter(pk=organization_id_of(user)).values_list("slug", flat=True).first()
        if not organizers and own:
            organizers = [own]
        return {"kind": prefill.event_kind(fields.get("kind") or fields.get("title")),
                "title_vi": fields.get("title") or candidate.sentence[:300],
                "description_vi": " ".join(candidate.sentence.split()),
                "starts_on": start, "ends_on": max(end or start, start),
                "organizers": organizers}


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    level = forms.ChoiceField(label=_("level"), choices=Level.choices, initial=Level.AGENCY)
    kind = forms.ChoiceField(label=_("type"), choices=Kind.choices, initial=Kind.MOU)
    category = forms.ChoiceField(label=_("main category"), choices=Category.choices)
    other_categories = forms.MultipleChoiceField(label=_("other categories"), choices=Category.choices,
                                                 required=False)
    signed_on = forms.DateField(label=_("signing date"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    parties = forms.ModelMultipleChoiceField(Organization.objects.none(), to_field_name="slug",
                                             label=_("parties"))
    summary = forms.CharField(label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = Organization.objects.active()

    @staticmethod
    def initial_for(fields: dict, candidate: Candidate, user: Any) -> dict:
        found = prefill.categories(fields.get("categories"))
        start, _end = prefill.date_range(fields.get("date"))
        count = prefill.number(fields.get("count"))
        return {"title": candidate.sentence[:300], "kind": prefill.agreement_kind(fields.get("categories")),
                "category": found[0] if found else Category.OTHER,
                "other_categories": found[1:], "signed_on": start,
                "parties": prefill.match_organizations(fields.get("parties"), Organization.objects.active(),
                                                       candidate.article.facts),
                "summary": _("The article counts %(count)s agreements.") % {"count": count} if count else ""}


class LabourForm(forms.Form):
    """The fields of cooperation.models.LabourProgramme that an article gives."""

    title = forms.CharField(label=_("title"), max_length=300)
    sending_province = forms.ModelChoiceField(Province.objects.all(), to_field_name="code",
                                              label=_("sending province"))
    receiving_province = forms.ModelChoiceField(Province.objects.all(), to_field_name="code",
                                                label=_("receiving province"))
    starts_on = forms.DateField(label=_("from"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    workers_sent = forms.IntegerField(label=_("workers sent"), min_value=0, required=False)
    workers_qualifier = forms.ChoiceField(label=_("workers sent: as stated"), choices=Qualifier.choices,
                                          required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        provinces = Province.objects.filter(country__alpha3__in=["VNM", "LAO", "CHN"])
        for name in ("sending_province", "receiving_province"):
            self.fields[name].queryset = provinces

    @staticmethod
    def initial_for(fields: dict, candidate: Candidate, user: Any) -> dict:
        start, end = prefill.date_range(fields.get("period"))
        workers = fields.get("workers")
        qualifier = prefill.qualifier(workers.get("qualifier")) if isinstance(workers, dict) else ""
        return {"title": fields.get("programme") or candidate.sentence[:300], "starts_on": start,
                "ends_on": end, "workers_sent": prefill.number(workers), "workers_qualifier": qualifier}


FORMS = {
    Candidate.Kind.TRADE_FIGURE: TradeFigureForm,
    Candidate.Kind.INVESTMENT: InvestmentForm,
    Candidate.Kind.EVENT: EventForm,
    Candidate.Kind.AGREEMENTS: AgreementForm,
    Candidate.Kind.LABOUR: LabourForm,
}


def proposed_values(candidate: Candidate, user: Any) -> dict:
    """Every field's first value: the form's defaults, then what the candidate proposes."""
    form_class = FORMS[candidate.kind]
    fields = form_class().fields
    defaults = {name: field.initial for name, field in fields.items() if field.initial is not None}
    return {**defaults, **form_class.initial_for(candidate.proposed or {}, candidate, user)}


def candidate_form(candidate: Candidate, user: Any, data: Any = None):
    """The candidate's form: bound to `data` when given, else filled in from its proposal."""
    form_class = FORMS[candidate.kind]
    prefix = f"c{candidate.pk}"
    if data is not None:
        return form_class(data, prefix=prefix)
    initial = form_class.initial_for(candidate.proposed or {}, candidate, user)
    return form_class(initial=initial, prefix=prefix)
