"""Editing and archiving the records that carry an agreement out (focal points, working groups,
work plans, activities, commitments, labour and training programmes): one table of kinds, the
form that checks each, and the form data of a record as it stands (so that a partial change
from the API is checked like a whole form from the pages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.agreements.forms import (
    DATE,
    ActivityForm,
    CommitmentForm,
    FocalPointForm,
    LabourProgrammeForm,
    WorkPlanForm,
)
from tradebridge.agreements.models import (
    Activity,
    Commitment,
    FocalPoint,
    LabourProgramme,
    TrainingProgramme,
    WorkingGroup,
    WorkPlan,
)
from tradebridge.registry.models import Organization


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


@dataclass(frozen=True)
class Kind:
    model: type
    form: type
    is_programme: bool = False


KINDS: dict[str, Kind] = {
    "focal-point": Kind(FocalPoint, FocalPointForm),
    "working-group": Kind(WorkingGroup, WorkingGroupEditForm),
    "work-plan": Kind(WorkPlan, WorkPlanForm),
    "activity": Kind(Activity, ActivityEditForm),
    "commitment": Kind(Commitment, CommitmentForm),
    "labour": Kind(LabourProgramme, LabourProgrammeForm, is_programme=True),
    "training": Kind(TrainingProgramme, TrainingProgrammeEditForm, is_programme=True),
}


def agreement_of(obj: Any):
    return obj.plan.agreement if isinstance(obj, Activity) else obj.agreement


def make_form(kind: str, obj: Any, data: dict | None = None) -> forms.Form:
    form_class = KINDS[kind].form
    if form_class is CommitmentForm:
        return CommitmentForm(data, agreement=obj.agreement, initial=None if data else initial_of(kind, obj))
    form = form_class(data, initial=None if data else initial_of(kind, obj))
    return form


def initial_of(kind: str, obj: Any) -> dict:
    """The record's values in the form's terms (slugs and codes for linked records)."""
    form_class = KINDS[kind].form
    fields = form_class.base_fields
    values = {}
    for name, field in fields.items():
        value = getattr(obj, name, None)
        if isinstance(field, forms.ModelChoiceField):
            value = field.prepare_value(value) if value is not None else ""
        values[name] = "" if value is None else value
    return values


def cleaned_changes(kind: str, form: forms.Form) -> dict:
    data = dict(form.cleaned_data)
    if "currency" in data:
        data["currency"] = data["currency"] or ""
    return data
