"""Background work of the events app, run by the task worker (`tradebridge worker`)."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus, task_finished

from tradebridge.events.models import ScheduleRun
from tradebridge.events.planning import execute_run


@task()
def run_schedule_task(run_id: int) -> str:
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    return execute_run(run).status


@receiver(task_finished, dispatch_uid="events.fail_run_of_failed_task")
def fail_run_of_failed_task(sender, task_result, **kwargs) -> None:
    """A scheduler task that failed (an unexpected error, or its worker died) fails its run,
    which would otherwise stay "running" and block the event."""
    if task_result.status != TaskResultStatus.FAILED or not task_result.args:
        return
    if task_result.task.func is not run_schedule_task.func:
        return
    ScheduleRun.objects.filter(pk=task_result.args[0], status__in=ScheduleRun.ACTIVE).update(
        status=ScheduleRun.Status.FAILED, finished_at=timezone.now(),
        message=_("The task worker stopped during the run: start it again."))
