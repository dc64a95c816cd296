"""Background work of the delegation-list imports, run by the task worker (`tradebridge worker`);
see `import_runs` and `import_work`."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus, task_finished

from tradebridge.registry.import_work import end_failed_commit, end_failed_preview, run_commit, run_preview


@task()
def preview_import_task(batch_id: int, language: str) -> str:
    return run_preview(batch_id, language)


@task()
def commit_import_task(batch_id: int, user_id: int, language: str) -> str:
    return run_commit(batch_id, user_id, language)


@receiver(task_finished, dispatch_uid="registry.end_import_of_failed_task")
def end_import_of_failed_task(sender, task_result, **kwargs) -> None:
    """An import task that failed (an unexpected error, or its worker died) ends its batch,
    which would otherwise show as under way for ever: a failed preview, or — the commit's
    transaction rolled back — the preview again, nothing written."""
    if task_result.status != TaskResultStatus.FAILED or not task_result.args:
        return
    if task_result.task.func is preview_import_task.func:
        end_failed_preview(task_result.args[0], _("The task worker stopped while reading the file: upload it "
                                                  "again."))
    elif task_result.task.func is commit_import_task.func:
        end_failed_commit(task_result.args[0], _("The task worker stopped during the import: nothing was "
                                                 "written; import again."))
