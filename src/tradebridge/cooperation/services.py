"""Writes of the cooperation app: focal points, joint working groups, work plans and cooperation programmes
(`do_<verb>_<noun>`): checked before saving, kept in history, archived instead of deleted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tradebridge.agreements.models import Agreement, Currency
from tradebridge.cooperation.models import (
    Activity,
    FocalPoint,
    LabourProgramme,
    TraineeGroup,
    TrainingProgramme,
    WorkingGroup,
    WorkingGroupMember,
    WorkPlan,
)
from tradebridge.core.history import stamp_history
from tradebridge.registry.models import Organization

# A yearly plan covers at most a year, a two-yearly one two (a few days' slack for dates).
PERIOD_MAX_DAYS = {WorkPlan.Period.YEARLY: 366, WorkPlan.Period.TWO_YEARLY: 731}


def _save(obj, actor, reason):
    obj.full_clean()
    stamp_history(obj, actor, reason)
    obj.save()
    return obj


def _check_money(value: Decimal | None, currency: str, field: str = "budget") -> None:
    if value is not None and value < 0:
        raise ValidationError({field: _("The value cannot be negative.")})
    if value is not None and not currency:
        raise ValidationError({"currency": _("A declared value needs its currency.")})
    if currency and currency not in Currency.values:
        raise ValidationError({"currency": _("Unknown currency %(code)s.") % {"code": currency}})


@transaction.atomic
def do_add_focal_point(
    agreement: Agreement,
    *,
    actor: Any,
    organization: Organization,
    person: str = "",
    role: str = "",
    email: str = "",
    is_illustrative: bool = False,
) -> FocalPoint:
    return _save(
        FocalPoint(
            agreement=agreement,
            organization=organization,
            person=person.strip(),
            role=role.strip(),
            email=email.strip(),
            is_illustrative=is_illustrative,
        ),
        actor,
        "added",
    )


@transaction.atomic
def do_create_working_group(
    agreement: Agreement,
    *,
    actor: Any,
    name: str,
    members: list[tuple[Organization, str, str]] = (),
    established_on: dt.date | None = None,
    is_illustrative: bool = False,
) -> WorkingGroup:
    """A joint working group with members (organisation, person, role) from each side."""
    if not name.strip():
        raise ValidationError({"name": _("Give the group a name.")})
    group = _save(
        WorkingGroup(
            agreement=agreement,
            name=name.strip(),
            established_on=established_on,
            is_illustrative=is_illustrative,
        ),
        actor,
        "created",
    )
    for organization, person, role in members:
        do_add_group_member(
            group,
            actor=actor,
            organization=organization,
            person=person,
            role=role,
            is_illustrative=is_illustrative,
        )
    return group


@transaction.atomic
def do_add_group_member(
    group: WorkingGroup,
    *,
    actor: Any,
    organization: Organization,
    person: str = "",
    role: str = WorkingGroupMember.Role.MEMBER,
    is_illustrative: bool = False,
):
    return _save(
        WorkingGroupMember(
            group=group,
            organization=organization,
            person=person.strip(),
            role=role,
            is_illustrative=is_illustrative,
        ),
        actor,
        "added",
    )


@transaction.atomic
def do_create_work_plan(
    agreement: Agreement,
    *,
    actor: Any,
    title: str,
    period: str,
    starts_on: dt.date,
    ends_on: dt.date,
    is_illustrative: bool = False,
) -> WorkPlan:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    if period in PERIOD_MAX_DAYS and (ends_on - starts_on).days > PERIOD_MAX_DAYS[period]:
        raise ValidationError({"ends_on": _("The plan is longer than its period.")})
    return _save(
        WorkPlan(
            agreement=agreement,
            title=title.strip(),
            period=period,
            starts_on=starts_on,
            ends_on=ends_on,
            is_illustrative=is_illustrative,
        ),
        actor,
        "created",
    )


@transaction.atomic
def do_add_activity(
    plan: WorkPlan,
    *,
    actor: Any,
    title: str,
    owner: Organization | None = None,
    due_on: dt.date | None = None,
    budget: Decimal | None = None,
    currency: str = "",
    state: str = Activity.State.PLANNED,
    is_illustrative: bool = False,
) -> Activity:
    _check_money(budget, currency)
    if due_on and not plan.starts_on <= due_on <= plan.ends_on:
        raise ValidationError({"due_on": _("The due date is outside the plan's period.")})
    return _save(
        Activity(
            plan=plan,
            title=title.strip(),
            owner=owner,
            due_on=due_on,
            budget=budget,
            currency=currency,
            state=state,
            is_illustrative=is_illustrative,
        ),
        actor,
        "added",
    )


@transaction.atomic
def do_set_activity_state(activity: Activity, state: str, *, actor: Any) -> Activity:
    if state not in Activity.State.values:
        raise ValidationError({"state": _("Unknown status %(state)s.") % {"state": state}})
    activity.state = state
    stamp_history(activity, actor, f"status: {state}")
    activity.save(update_fields=["state"])
    return activity


def plan_progress(plan: WorkPlan) -> dict[str, int]:
    """Activities per state and the share done (cancelled ones left out)."""
    counts = {state: 0 for state in Activity.State.values}
    for state in plan.activities.active().values_list("state", flat=True):
        counts[state] += 1
    planned = sum(counts.values()) - counts[Activity.State.CANCELLED]
    counts["percent_done"] = round(100 * counts[Activity.State.DONE] / planned) if planned else 0
    return counts


@transaction.atomic
def do_create_labour_programme(*, actor: Any, **fields: Any) -> LabourProgramme:
    programme = LabourProgramme(**fields)
    _check_labour(programme)
    return _save(programme, actor, "created")


def _check_labour(programme: LabourProgramme) -> None:
    errors: dict[str, list[str]] = {}
    if programme.ends_on and programme.ends_on < programme.starts_on:
        errors["ends_on"] = [_("The end date is before the start date.")]
    share = programme.ethnic_minority_share
    if share is not None and not 0 <= share <= 100:
        errors["ethnic_minority_share"] = [_("A share is between 0 and 100 per cent.")]
    if (
        programme.sending_province_id
        and programme.receiving_province_id
        and programme.sending_province.country_id == programme.receiving_province.country_id
    ):
        errors["receiving_province"] = [_("A cross-border programme sends workers to another country.")]
    if errors:
        raise ValidationError(errors)


def _check_dates(obj: Any) -> None:
    if obj.starts_on and obj.ends_on and obj.ends_on < obj.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})


def _check_plan(plan: WorkPlan) -> None:
    _check_dates(plan)
    if plan.period in PERIOD_MAX_DAYS and (plan.ends_on - plan.starts_on).days > PERIOD_MAX_DAYS[plan.period]:
        raise ValidationError({"ends_on": _("The plan is longer than its period.")})
    outside = plan.activities.active().exclude(due_on=None).exclude(
        due_on__gte=plan.starts_on, due_on__lte=plan.ends_on
    )
    if plan.pk and outside.exists():
        raise ValidationError({"ends_on": _("An activity of the plan is due outside the new period.")})


def _check_activity(activity: Activity) -> None:
    _check_money(activity.budget, activity.currency)
    plan = activity.plan
    if activity.due_on and not plan.starts_on <= activity.due_on <= plan.ends_on:
        raise ValidationError({"due_on": _("The due date is outside the plan's period.")})


def _check_group(group: WorkingGroup) -> None:
    if not group.name.strip():
        raise ValidationError({"name": _("Give the group a name.")})


CHECKS = {
    LabourProgramme: _check_labour,
    TrainingProgramme: _check_dates,
    WorkPlan: _check_plan,
    Activity: _check_activity,
    WorkingGroup: _check_group,
}


@transaction.atomic
def do_update_item(obj: Any, changes: dict[str, Any], *, actor: Any) -> list[str]:
    """Apply checked changes to a focal point, group, plan, activity or programme
    (kept in history with its author); a bad field changes nothing. Returns the changed fields."""
    copy = type(obj).objects.get(pk=obj.pk)
    changed = [name for name, value in changes.items() if getattr(copy, name) != value]
    for name in changed:
        value = changes[name]
        setattr(copy, name, value.strip() if isinstance(value, str) else value)
    check = CHECKS.get(type(obj))
    if check is not None:
        check(copy)
    if changed:
        copy.full_clean()
        stamp_history(copy, actor, ("edited " + ", ".join(changed))[:100])
        copy.save(update_fields=changed)
    obj.refresh_from_db()
    return changed


@transaction.atomic
def do_archive_item(obj: Any, *, actor: Any) -> None:
    obj.mark_archived()
    stamp_history(obj, actor, "archived")
    obj.save(update_fields=["archived_at"])


@transaction.atomic
def do_create_training_programme(*, actor: Any, groups: list[dict] = (), **fields: Any) -> TrainingProgramme:
    if fields.get("starts_on") and fields.get("ends_on") and fields["ends_on"] < fields["starts_on"]:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    programme = _save(TrainingProgramme(**fields), actor, "created")
    for group in groups:
        do_add_trainee_group(programme, actor=actor, **group)
    return programme


@transaction.atomic
def do_add_trainee_group(programme: TrainingProgramme, *, actor: Any, **fields: Any) -> TraineeGroup:
    group = TraineeGroup(programme=programme, **fields)
    if group.trainees is not None and group.completed is not None and group.completed > group.trainees:
        raise ValidationError({"completed": _("More completions than trainees.")})
    return _save(group, actor, "added")
