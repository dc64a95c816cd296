"""Editing and archiving the records that carry an agreement out (focal points, working groups,
work plans, activities, labour and training programmes): one table of kinds, the form that
checks each, and the form data of a record as it stands (so that a partial change from the API
is checked like a whole form from the pages). Commitments belong to the register: the
agreements app edits them (`agreements.services.do_update_commitment`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from tradebridge.cooperation.forms import (
    ActivityEditForm,
    FocalPointForm,
    LabourProgrammeForm,
    TrainingProgrammeEditForm,
    WorkingGroupEditForm,
    WorkPlanForm,
)
from tradebridge.cooperation.models import (
    Activity,
    FocalPoint,
    LabourProgramme,
    TrainingProgramme,
    WorkingGroup,
    WorkPlan,
)
from tradebridge.core.forms import form_values


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
    "labour": Kind(LabourProgramme, LabourProgrammeForm, is_programme=True),
    "training": Kind(TrainingProgramme, TrainingProgrammeEditForm, is_programme=True),
}


def agreement_of(obj: Any):
    return obj.plan.agreement if isinstance(obj, Activity) else obj.agreement


def make_form(kind: str, obj: Any, data: dict | None = None) -> forms.Form:
    return KINDS[kind].form(data, initial=None if data else initial_of(kind, obj))


def initial_of(kind: str, obj: Any) -> dict:
    """The record's values in the form's terms (slugs and codes for linked records)."""
    return form_values(KINDS[kind].form, obj)


def cleaned_changes(form: forms.Form) -> dict:
    data = dict(form.cleaned_data)
    if "currency" in data:
        data["currency"] = data["currency"] or ""
    return data
