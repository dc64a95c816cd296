"""Pages of the delegation-list imports: upload, progress and paginated preview, commit. The
preview and the commit are work of the task worker (`import_runs`); the page shows their
progress (htmx polling) until they are done."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from tradebridge.core.access import require_agency_or_admin
from tradebridge.registry import import_runs, imports
from tradebridge.registry.delegation import MAX_BYTES, ImportFileError
from tradebridge.registry.delegation.cells import format_of
from tradebridge.registry.models import ImportBatch

ROWS_PER_PAGE = 100


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Choose a file to upload.")
        elif upload.size > MAX_BYTES:
            error = _("%(name)s is larger than 5 MB.") % {"name": upload.name}
        else:
            content = upload.read()
            try:  # a file of a kind we cannot read is refused now, not after a wait for the worker
                format_of(upload.name, content)
            except ImportFileError as exc:
                error = str(exc)
            else:
                batch = import_runs.do_start_preview_import(content, upload.name, actor=request.user)
                return redirect("registry:import_preview", batch_id=batch.pk)
    recent = ImportBatch.objects.select_related("uploaded_by").defer("rows", "decisions", "content")[:10]
    return render(request, "registry/import_upload.html", {"error": error, "recent": recent},
                  status=400 if error else 200)


@login_required
@require_safe
def import_preview(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The batch's progress while the task worker reads or imports it; then its preview (or
    what it imported), a page of rows at a time, errors first."""
    require_agency_or_admin(request.user)
    batch = import_runs.refreshed(get_object_or_404(ImportBatch, pk=batch_id))
    if request.GET.get("part") == "progress" and request.htmx:
        if batch.is_active:
            return render(request, "registry/_import_progress.html", {"batch": batch})
        return HttpResponseClientRefresh()  # done: the whole page shows the outcome
    context = {"batch": batch, "to_check": request.GET.get("show") == "check"}
    if not batch.is_active:
        number = request.GET.get("page")
        errors = Paginator(batch.errors, ROWS_PER_PAGE).get_page(number) if batch.errors else None
        entries, counts = imports.preview_entries(batch, to_check=context["to_check"])
        page = Paginator(entries, ROWS_PER_PAGE).get_page(number) if entries else None
        context.update(
            errors=errors, page=page, counts=counts, rows=imports.with_names(list(page)) if page else [],
            skipped=set(batch.summary.get("skip", [])),
            to_check_count=sum(n for action, n in counts.items() if action != imports.CREATE))
    return render(request, "registry/import_preview.html", context)


def _lines(request: HttpRequest, name: str) -> list[int]:
    return [int(value) for value in request.POST.getlist(name) if value.isdigit()]


def _shown(request: HttpRequest) -> list[int] | None:
    """The lines of the page the form showed; None from a form without them (then the ticked
    lines are the whole choice)."""
    return _lines(request, "shown") if "shown" in request.POST else None


def _back_to(batch: ImportBatch, request: HttpRequest) -> HttpResponse:
    """The preview page the form was posted from."""
    query = {key: request.POST[key] for key in ("page", "show") if request.POST.get(key)}
    url = reverse("registry:import_preview", args=[batch.pk])
    return redirect(f"{url}?{urlencode(query)}" if query else url)


@login_required
@require_POST
def import_skip(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Leave the ticked rows out of the import and show the counts again."""
    require_agency_or_admin(request.user)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    try:
        imports.do_set_import_skip(batch, _lines(request, "skip"), actor=request.user, shown=_shown(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back_to(batch, request)


@login_required
@require_POST
def import_commit(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Queue the commit; the preview page follows it and then shows what was imported."""
    require_agency_or_admin(request.user)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    try:
        import_runs.do_start_commit_import(batch, actor=request.user, skip=_lines(request, "skip"),
                                           shown=_shown(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("registry:import_preview", batch_id=batch.pk)


@login_required
@require_POST
def import_discard(request: HttpRequest, batch_id: int) -> HttpResponse:
    require_agency_or_admin(request.user)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    try:
        imports.do_discard_import(batch, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("registry:import_preview", batch_id=batch.pk)
    messages.info(request, _("Import discarded: nothing was written."))
    return redirect("registry:import_upload")
