"""The task worker's side of the delegation-list imports (see `import_runs`): the preview and
the commit of a batch, with their progress written as they go, and how they end when they fail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tradebridge.core.access import is_agency_or_admin
from tradebridge.registry.delegation import ImportFileError
from tradebridge.registry.import_commit import build_plan
from tradebridge.registry.imports import ACTIONS, import_plan, preview_fields
from tradebridge.registry.models import ImportBatch

Status = ImportBatch.Status


def _report(batch_id: int, fraction: float, message: str) -> None:
    """Progress of active work, written at once (outside any transaction) for the page to read."""
    ImportBatch.objects.filter(pk=batch_id, status__in=ImportBatch.ACTIVE).update(
        progress=max(0.0, min(1.0, fraction)), message=message[:500], updated_at=timezone.now())


def _end(batch_id: int, stage: str, **fields: Any) -> int:
    """End the work of `stage` (previewing or committing) if it is still under way."""
    return ImportBatch.objects.filter(pk=batch_id, status=stage).update(updated_at=timezone.now(), **fields)


def end_failed_preview(batch_id: int, message: str) -> int:
    return _end(batch_id, Status.PREVIEWING, status=Status.FAILED, message=message, content=b"", progress=1.0)


def end_failed_commit(batch_id: int, message: str) -> int:
    """A commit that wrote nothing: the batch is a preview again, with the reason."""
    return _end(batch_id, Status.COMMITTING, status=Status.PREVIEW, message=message, progress=0.0)


def run_preview(batch_id: int, language: str) -> str:
    """The task worker's preview: parse, check and match the kept file, in the uploader's
    language (messages and reasons are stored as they will be read)."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=Status.PREVIEWING).first()
    if batch is None:  # given up meanwhile
        return "gone"
    with translation.override(language):
        _report(batch_id, 0.0, _("Reading the file…"))
        try:
            fields = preview_fields(bytes(batch.content), batch.file_name,
                                    progress=lambda fraction, message: _report(batch_id, fraction, message))
        except ImportFileError as exc:
            end_failed_preview(batch_id, str(exc))
            return Status.FAILED
        _end(batch_id, Status.PREVIEWING, status=Status.PREVIEW, message="", content=b"", progress=1.0,
             **fields)
    return Status.PREVIEW


def run_commit(batch_id: int, user_id: int, language: str) -> str:
    """The task worker's commit: check every row in memory (progress), then write all in one
    transaction. Returns the batch's new status."""
    batch = ImportBatch.objects.filter(pk=batch_id, status=Status.COMMITTING).first()
    if batch is None:
        return "gone"
    actor = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    with translation.override(language):
        if actor is None or not is_agency_or_admin(actor):
            end_failed_commit(batch_id, _("Only agency staff may import a delegation list."))
            return Status.PREVIEW
        skip = batch.summary.get("skip", [])
        try:
            work, done = build_plan(
                batch, import_plan(batch, skip), actor=actor, actions=ACTIONS,
                progress=lambda count, total: _report(
                    batch_id, 0.8 * count / max(total, 1),
                    _("%(count)s of %(total)s rows checked") % {"count": count, "total": total}))
            _report(batch_id, 0.8, _("Writing %(count)s organisations, their offers and needs…")
                    % {"count": len(work.organizations)})
            with transaction.atomic():
                locked = ImportBatch.objects.select_for_update().get(pk=batch_id)
                if locked.status != Status.COMMITTING:
                    return locked.status
                work.write()
                locked.status, locked.committed_at = Status.COMMITTED, timezone.now()
                locked.progress, locked.message = 1.0, ""
                locked.summary = {**locked.summary, "committed": done, "skipped_lines": sorted(skip)}
                locked.save(update_fields=["status", "committed_at", "progress", "message", "summary",
                                           "updated_at"])
        except ValidationError as exc:
            end_failed_commit(batch_id, " ".join(exc.messages))
            return Status.PREVIEW
        except IntegrityError:  # a slug or an identifier taken meanwhile by another change
            end_failed_commit(batch_id, _("The registry changed during the import; import again."))
            return Status.PREVIEW
    return Status.COMMITTED
