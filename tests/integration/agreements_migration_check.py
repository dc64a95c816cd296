"""Run by test_agreements_migrations in its own process on an empty database (DATABASE_URL):
migrate to the last state before the cooperation app, write rows the old way, migrate to the
end, read them back, then migrate back and read them again. Prints what it found as JSON."""

from __future__ import annotations

import datetime as dt
import json

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

OLD = [("agreements", "0003_illustrative_details_summaries_qualifiers"), ("contenttypes", "0002_remove_content_type_name")]
BEFORE = [*OLD, ("cooperation", None)]
AFTER = [*OLD[1:], ("cooperation", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def write_old_rows(apps) -> dict:
    Country, Province = apps.get_model("geo", "Country"), apps.get_model("geo", "Province")
    Organization, Agreement = apps.get_model("registry", "Organization"), apps.get_model("agreements", "Agreement")
    vnm = Country.objects.create(alpha2="VN", alpha3="VNM", name_en="Viet Nam")
    chn = Country.objects.create(alpha2="CN", alpha3="CHN", name_en="China")
    laocai = Province.objects.create(code="VN-02", country=vnm, name_en="Lao Cai")
    yunnan = Province.objects.create(code="CN-YN", country=chn, name_en="Yunnan")
    org = Organization.objects.create(slug="laocai-doit", kind="agency", name="Sở Công Thương", country=vnm)
    agreement = Agreement.objects.create(level="agency", title="MOU", category="labour")
    plan = apps.get_model("agreements", "WorkPlan").objects.create(
        agreement=agreement, title="Plan 2024", starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2024, 12, 31))
    apps.get_model("agreements", "HistoricalWorkPlan").objects.create(
        id=plan.pk, agreement_id=agreement.pk, title="Plan 2024", period="yearly", starts_on=plan.starts_on,
        ends_on=plan.ends_on, is_illustrative=False, history_date=dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
        history_type="+", history_change_reason="created")
    activity = apps.get_model("agreements", "Activity").objects.create(plan=plan, title="Survey", owner=org)
    focal = apps.get_model("agreements", "FocalPoint").objects.create(agreement=agreement, organization=org)
    group = apps.get_model("agreements", "WorkingGroup").objects.create(agreement=agreement, name="JWG")
    apps.get_model("agreements", "WorkingGroupMember").objects.create(group=group, organization=org)
    labour = apps.get_model("agreements", "LabourProgramme").objects.create(
        title="Labour", agreement=agreement, sending_province=laocai, receiving_province=yunnan,
        starts_on=dt.date(2017, 1, 1), workers_sent=1000, workers_qualifier="more_than")
    training = apps.get_model("agreements", "TrainingProgramme").objects.create(title="Training", organiser=org)
    apps.get_model("agreements", "TraineeGroup").objects.create(programme=training, country=vnm, trainees=20)
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="agreements", model="workplan")
    return {"agreement": agreement.pk, "plan": plan.pk, "activity": activity.pk, "focal": focal.pk,
            "group": group.pk, "labour": labour.pk, "training": training.pk}


def read_rows(apps, app: str, ids: dict) -> dict:
    def model(name):
        return apps.get_model(app, name)

    plan = model("WorkPlan").objects.get(pk=ids["plan"])
    history = model("HistoricalWorkPlan").objects.filter(id=plan.pk)
    return {
        "plan": [plan.title, plan.agreement_id, str(plan.ends_on)],
        "plan_history": [h.history_change_reason for h in history],
        "activity": [model("Activity").objects.get(pk=ids["activity"]).plan_id],
        "focal": model("FocalPoint").objects.filter(pk=ids["focal"], agreement_id=ids["agreement"]).count(),
        "members": model("WorkingGroupMember").objects.filter(group_id=ids["group"]).count(),
        "labour": [model("LabourProgramme").objects.get(pk=ids["labour"]).workers_qualifier],
        "trainees": [g.trainees for g in model("TraineeGroup").objects.filter(programme_id=ids["training"])],
        "content_types": sorted(apps.get_model("contenttypes", "ContentType").objects.filter(
            model="workplan").values_list("app_label", flat=True)),
    }


def main() -> None:
    executor = migrate(BEFORE)
    ids = write_old_rows(executor.loader.project_state(OLD).apps)
    executor = migrate(AFTER)
    after = read_rows(executor.loader.project_state(AFTER).apps, "cooperation", ids)
    # A new row after the move gets the next id (the sequence moved with its table).
    new_apps = executor.loader.project_state(AFTER).apps
    plan = new_apps.get_model("cooperation", "WorkPlan").objects.create(
        agreement_id=ids["agreement"], title="Plan 2025", starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31))
    after["next_plan_id"] = plan.pk > ids["plan"]
    plan.delete()
    executor = migrate(BEFORE)
    back = read_rows(executor.loader.project_state(OLD).apps, "agreements", ids)
    print(json.dumps({"after": after, "back": back}))


if __name__ == "__main__":
    main()
