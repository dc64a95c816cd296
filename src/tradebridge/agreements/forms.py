"""Forms of the agreements register: the agreement with its parties, documents, status,
commitments and progress."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tradebridge.agreements.models import Agreement, Category, Commitment, Party, Status
from tradebridge.catalog.models import HSCode
from tradebridge.catalog.resolve import normalize_hs
from tradebridge.events.models import Event
from tradebridge.geo.models import Country
from tradebridge.registry.models import Organization

REGION = ("VNM", "LAO", "CHN", "THA", "KHM", "MMR")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def selectable_events(current_id: int | None = None):
    """Events an agreement can be linked to: those anyone may see, plus the one it has."""
    shown = Q(archived_at__isnull=True) & ~Q(status=Event.Status.DRAFT)
    if current_id:
        shown |= Q(pk=current_id)
    return Event.objects.filter(shown).order_by("-starts_on", "slug")


SUMMARY_CODES = ("vi", "lo", "zh_hans", "en")


class AgreementForm(forms.ModelForm):
    other_categories = forms.MultipleChoiceField(
        label=_("other categories"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    origin = forms.ModelChoiceField(
        Country.objects.filter(alpha3__in=REGION),
        required=False,
        to_field_name="alpha3",
        label=_("goods or investment from"),
    )
    destination = forms.ModelChoiceField(
        Country.objects.filter(alpha3__in=REGION),
        required=False,
        to_field_name="alpha3",
        label=_("goods or investment to"),
    )
    event = forms.ModelChoiceField(
        Event.objects.none(),
        required=False,
        to_field_name="slug",
        label=_("signed at event"),
        help_text=_("An event of the events app; for another event, fill in the next field."),
    )
    products = forms.CharField(
        label=_("products (HS codes)"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, e.g. 0910.11, 0803.90."),
    )

    class Meta:
        model = Agreement
        fields = [
            "level",
            "kind",
            "title",
            "title_vi",
            "title_lo",
            "title_zh_hans",
            "title_en",
            "summary",
            "summary_vi",
            "summary_lo",
            "summary_zh_hans",
            "summary_en",
            "signed_on",
            "date_note",
            "signed_place",
            "event",
            "event_label",
            "valid_from",
            "valid_until",
            "category",
            "other_categories",
            "origin",
            "destination",
            "products",
            "declared_value",
            "currency",
            "visibility",
            "source",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            **{f"summary_{code}": forms.Textarea(attrs={"rows": 2}) for code in SUMMARY_CODES},
            "signed_on": DATE,
            "valid_from": DATE,
            "valid_until": DATE,
        }
        # Next to the row of the title in each language (templates/_form_fields.html).
        labels = {"title": _("Title as signed")}

    def __init__(self, *args, lock_visibility: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = selectable_events(self.instance.event_id)
        if lock_visibility:
            # Shown as text by the page; posted back unchanged (a change is refused by the service).
            self.fields["visibility"].widget = forms.HiddenInput()
        if self.instance.pk:
            self.initial["event"] = self.instance.event.slug if self.instance.event_id else None
            self.initial["other_categories"] = self.instance.categories[1:]
            self.initial["products"] = ", ".join(h.dotted for h in self.instance.products.all())

    def clean_products(self):
        codes = []
        for raw in (self.cleaned_data.get("products") or "").split(","):
            if not raw.strip():
                continue
            try:
                code = normalize_hs(raw)
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from exc
            if not HSCode.objects.filter(code=code).exists():
                raise forms.ValidationError(
                    _("HS code %(code)s does not exist in HS 2022.") % {"code": raw.strip()}
                )
            codes.append(code)
        return list(HSCode.objects.filter(code__in=codes))


class PartyForm(forms.Form):
    organization = forms.ModelChoiceField(
        Organization.objects.active(), to_field_name="slug", label=_("organisation"), required=False
    )
    signatory = forms.CharField(label=_("signatory"), max_length=200, required=False)


class BasePartyFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        chosen = [f.cleaned_data["organization"] for f in self.forms if f.cleaned_data.get("organization")]
        if len(chosen) < 2:
            raise forms.ValidationError(_("An agreement needs two or more different parties."))
        if len({o.pk for o in chosen}) != len(chosen):
            raise forms.ValidationError(_("The same organisation is listed twice."))


PartyFormSet = forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=0, min_num=4, max_num=12)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("document (PDF, JPEG or PNG)"))
    title = forms.CharField(label=_("title"), max_length=200, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=Status.choices)
    effective_on = forms.DateField(label=_("date"), widget=DATE)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, Status(s).label) for s in allowed]


class CommitmentForm(forms.Form):
    title = forms.CharField(label=_("commitment"), max_length=300)
    owner = forms.ModelChoiceField(Party.objects.none(), label=_("owner party"), required=False)
    due_on = forms.DateField(label=_("due date"), required=False, widget=DATE)

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = agreement.parties.select_related("organization")


class CommitmentEditForm(CommitmentForm):
    """The whole of a commitment as one form: the edit page posts every field, the status
    control of the agreement's page only the state (the others keep their values)."""

    state = forms.ChoiceField(label=_("status"), choices=Commitment.State.choices)
    done_on = forms.DateField(label=_("done on"), required=False, widget=DATE)


class ProgressForm(forms.Form):
    reported_on = forms.DateField(label=_("date"), widget=DATE)
    text = forms.CharField(label=_("progress"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    commitment = forms.ModelChoiceField(Commitment.objects.none(), label=_("commitment"), required=False)
    attachment = forms.FileField(label=_("attachment (PDF, JPEG or PNG)"), required=False)

    def __init__(self, *args, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commitment"].queryset = agreement.commitments.active()
