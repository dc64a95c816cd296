"""Background work of the events app, run by the task worker (`tradebridge db_worker`)."""

from __future__ import annotations

from django_tasks import task

from tradebridge.events.models import ScheduleRun
from tradebridge.events.planning import execute_run


@task()
def run_schedule_task(run_id: int) -> str:
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    return execute_run(run).status
