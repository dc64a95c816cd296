"""What the agreement's page and PDF show about carrying the agreement out (registered with
agreements.sections by CooperationConfig.ready)."""

from __future__ import annotations

from tradebridge.agreements.models import Agreement
from tradebridge.agreements.sections import Section
from tradebridge.cooperation.forms import ActivityForm, FocalPointForm, WorkingGroupForm, WorkPlanForm
from tradebridge.cooperation.models import Activity
from tradebridge.cooperation.services import plan_progress


def agreement_section(agreement: Agreement, can_edit: bool) -> Section:
    plans = [
        (plan, plan_progress(plan), plan.activities.active().select_related("owner").prefetch_related(
            # The chains app (below this one) adds the links; named, not imported.
            "chain_links__chain", "chain_links__pilot__chain"))
        for plan in agreement.work_plans.active()
    ]
    context = {
        "focal_points": agreement.focal_points.active().select_related("organization"),
        "working_groups": [
            (g, g.members.select_related("organization__country")) for g in agreement.working_groups.active()
        ],
        "work_plans": plans,
        "training_programmes": agreement.training_programmes.active(),
        "labour_programmes": agreement.labour_programmes.active(),
        "focal_point_form": FocalPointForm() if can_edit else None,
        "work_plan_form": WorkPlanForm() if can_edit else None,
        "working_group_form": WorkingGroupForm() if can_edit else None,
        "activity_form": ActivityForm() if can_edit else None,
        "activity_states": Activity.State.choices,
    }
    return Section("cooperation/_agreement.html", "cooperation/_agreement_pdf.html", context)
