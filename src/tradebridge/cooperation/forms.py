"""Forms of the cooperation app: adding focal points, working groups, work plans, activities and
programmes, and editing each of them (`edits.KINDS`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.agreements.forms import DATE, REGION
from tradebridge.agreements.models import Currency
from tradebridge.cooperation.models import Activity, LabourProgramme, TrainingProgramme, WorkPlan
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization


class FocalPointForm(forms.Form):
    organization = forms.ModelChoiceField(
        Organization.objects.active(), to_field_name="slug", label=_("organisation")
    )
    person = forms.CharField(label=_("person"), max_length=200, required=False)
    role = forms.CharField(label=_("role"), max_length=200, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)


class WorkPlanForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    period = forms.ChoiceField(label=_("period"), choices=WorkPlan.Period.choices)
    starts_on = forms.DateField(label=_("starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("activity"), max_length=300)
    owner = forms.ModelChoiceField(
        Organization.objects.active(), to_field_name="slug", label=_("owner"), required=False
    )
    due_on = forms.DateField(label=_("due date"), required=False, widget=DATE)
    budget = forms.DecimalField(
        label=_("budget"), required=False, min_value=0, max_digits=18, decimal_places=2
    )
    currency = forms.ChoiceField(label=_("currency"), required=False, choices=[("", "—"), *Currency.choices])


class ActivityStateForm(forms.Form):
    state = forms.ChoiceField(label=_("status"), choices=Activity.State.choices)


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    established_on = forms.DateField(label=_("established on"), required=False, widget=DATE)
    chair_one = forms.ModelChoiceField(
        Organization.objects.active(), to_field_name="slug", label=_("co-chair (first side)")
    )
    chair_two = forms.ModelChoiceField(
        Organization.objects.active(), to_field_name="slug", label=_("co-chair (second side)")
    )
    members = forms.ModelMultipleChoiceField(
        Organization.objects.active(), to_field_name="slug", label=_("other members"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("chair_one") and data.get("chair_one") == data.get("chair_two"):
            self.add_error("chair_two", _("The same organisation is listed twice."))
        return data


class LabourProgrammeForm(forms.ModelForm):
    sending_province = forms.ModelChoiceField(
        Province.objects.filter(country__alpha3__in=REGION), to_field_name="code", label=_("sending province")
    )
    receiving_province = forms.ModelChoiceField(
        Province.objects.filter(country__alpha3__in=REGION),
        to_field_name="code",
        label=_("receiving province"),
    )
    employer = forms.ModelChoiceField(
        Organization.objects.active(), to_field_name="slug", required=False, label=_("employer")
    )

    class Meta:
        model = LabourProgramme
        fields = [
            "title",
            "sending_province",
            "receiving_province",
            "employer",
            "starts_on",
            "ends_on",
            "workers_sent",
            "workers_qualifier",
            "workers_note",
            "ethnic_minority_share",
            "ethnic_minority_share_qualifier",
            "sector",
            "conditions",
            "source",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "conditions": forms.Textarea(attrs={"rows": 3})}


class TrainingProgrammeForm(forms.ModelForm):
    organiser = forms.ModelChoiceField(
        Organization.objects.active(), to_field_name="slug", label=_("organiser")
    )
    trainee_country = forms.ModelChoiceField(
        Country.objects.filter(alpha3__in=REGION),
        to_field_name="alpha3",
        required=False,
        label=_("trainees from"),
    )
    trainee_agency = forms.ModelChoiceField(
        Organization.objects.active(), to_field_name="slug", required=False, label=_("trainees' agency")
    )
    trainees = forms.IntegerField(label=_("trainees"), required=False, min_value=0)
    completed = forms.IntegerField(label=_("completed"), required=False, min_value=0)

    class Meta:
        model = TrainingProgramme
        fields = ["title", "organiser", "courses", "starts_on", "ends_on", "source"]
        widgets = {"starts_on": DATE, "ends_on": DATE, "courses": forms.Textarea(attrs={"rows": 4})}


class WorkingGroupEditForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    established_on = forms.DateField(label=_("established on"), required=False, widget=DATE)


class ActivityEditForm(ActivityForm):
    state = forms.ChoiceField(label=_("status"), choices=Activity.State.choices)


class TrainingProgrammeEditForm(forms.ModelForm):
    organiser = forms.ModelChoiceField(
        Organization.objects.active(), to_field_name="slug", label=_("organiser")
    )

    class Meta:
        model = TrainingProgramme
        fields = ["title", "organiser", "courses", "starts_on", "ends_on", "source"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
