"""Delegation-list imports from the pages, as work of the task worker: the upload queues the
preview (`do_start_preview_import`), the commit button queues the commit
(`do_start_commit_import`); the worker carries them out (`import_tasks` → `import_work`) and
writes the batch's progress as it goes; the page polls the batch (`refreshed`) until it is
done. A 20,000-row list never holds a request.

The commit checks every row in memory first (reporting progress), then writes everything in one
transaction: all or nothing. A refused row, a task that failed or a worker that died leaves the
batch in preview, with the reason, and nothing written; a preview that failed leaves it failed.
The API and the command line keep the direct `imports.do_preview_import` and `do_commit_import`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tradebridge.core.signals import check_workers
from tradebridge.registry.import_work import end_failed_commit, end_failed_preview
from tradebridge.registry.imports import import_plan, merged_skip, plan_counts
from tradebridge.registry.models import ImportBatch

Status = ImportBatch.Status
# Work with no progress written for this long is given up (a queue with no worker): each stage
# writes its progress at least every few seconds.
STALE_AFTER = timedelta(minutes=15)


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def do_start_preview_import(content: bytes, file_name: str, *, actor: Any) -> ImportBatch:
    """Keep the uploaded file and queue its preview for the task worker."""
    from tradebridge.registry.import_tasks import preview_import_task

    batch = ImportBatch.objects.create(file_name=file_name[:255], uploaded_by=actor, status=Status.PREVIEWING,
                                       content=content, message=_("Waiting for the task worker…"))
    # Queued after the batch is saved (autocommit), so that the worker finds it.
    preview_import_task.enqueue(batch.pk, _language())
    batch.refresh_from_db()
    return batch


def do_start_commit_import(batch: ImportBatch, *, actor: Any, skip: list[int],
                           shown: list[int] | None = None) -> ImportBatch:
    """Queue the commit of a previewed import, with the rows left out (`imports.merged_skip`)."""
    from tradebridge.registry.import_tasks import commit_import_task

    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != Status.PREVIEW or batch.errors:
            raise ValidationError(
                _("this import cannot be committed (already done, discarded or has errors)"))
        lines = merged_skip(batch, skip, shown)
        batch.summary = {**batch.summary, "skip": lines, "plan": plan_counts(import_plan(batch, lines))}
        batch.status, batch.progress = Status.COMMITTING, 0.0
        batch.message = _("Waiting for the task worker…")
        batch.save(update_fields=["summary", "status", "progress", "message", "updated_at"])
    commit_import_task.enqueue(batch.pk, actor.pk, _language())
    batch.refresh_from_db()
    return batch


def refreshed(batch: ImportBatch) -> ImportBatch:
    """The batch as it stands now; work under way whose worker died, or that no worker took up
    for `STALE_AFTER`, is ended first (see `import_tasks.end_import_of_failed_task`)."""
    if batch.status not in ImportBatch.ACTIVE:
        return batch
    from tradebridge.registry import import_tasks  # noqa: F401 - listens for the failed tasks

    check_workers.send(sender=ImportBatch)
    if ImportBatch.objects.filter(pk=batch.pk, updated_at__lt=timezone.now() - STALE_AFTER).exists():
        end_failed_preview(batch.pk, _("No answer from the task worker: upload the file again."))
        end_failed_commit(batch.pk, _("No answer from the task worker: nothing was written; import again."))
    batch.refresh_from_db()
    return batch
