"""Obstacle pages: the public anonymised list with its figures, the report form, "my obstacles",
the staff queue with filters, one obstacle with its timeline and the staff steps, its documents,
and a periodic talks' agenda of obstacles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.border import obstacles as services
from tradebridge.border.access import (
    can_manage_border,
    can_report_obstacle,
    public_obstacles,
    require_border_staff,
    visible_obstacles,
)
from tradebridge.border.models import Obstacle
from tradebridge.border.obstacle_forms import DocumentsForm, ObstacleReportForm, QueueFilterForm, action_form
from tradebridge.core import responses
from tradebridge.core.access import organization_id_of
from tradebridge.core.forms import attach_errors
from tradebridge.events.models import Event


def obstacle_list(request: HttpRequest) -> HttpResponse:
    """The public list: only what staff made public, without who raised it."""
    rows = services.with_relations(public_obstacles())
    kind = request.GET.get("kind", "")
    if kind in Obstacle.Kind.values:
        rows = rows.filter(kind=kind)
    context = {
        "obstacles": rows.order_by("-created_at")[:200],
        "figures": services.obstacle_figures(public_obstacles()),
        "kinds": Obstacle.Kind.choices,
        "kind": kind,
        "can_report": can_report_obstacle(request.user),
        "is_staff": can_manage_border(request.user),
    }
    return render(request, "border/obstacle_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def obstacle_report(request: HttpRequest) -> HttpResponse:
    if not can_report_obstacle(request.user):
        raise PermissionDenied("members of an organisation only")
    initial = {"gate": request.GET.get("gate", "")}
    form = ObstacleReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            obstacle = services.do_report_obstacle(
                request.user, kind=data["kind"], title=data["title"], description=data["description"],
                gate=data["gate"], hs_code=data["hs_code"], uploads=data["documents"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Obstacle reported. You will be e-mailed at each step."))
            return redirect("border:obstacle", pk=obstacle.pk)
    return render(request, "border/obstacle_report.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def obstacle_mine(request: HttpRequest) -> HttpResponse:
    org_id = organization_id_of(request.user)
    rows = Obstacle.objects.none()
    if org_id is not None:
        rows = services.with_relations(Obstacle.objects.active().filter(organization_id=org_id))
    return render(request, "border/obstacle_mine.html", {
        "obstacles": rows.order_by("-created_at"), "can_report": can_report_obstacle(request.user)})


@login_required
def obstacle_queue(request: HttpRequest) -> HttpResponse:
    require_border_staff(request.user)
    form = QueueFilterForm(request.GET or None)
    rows = services.with_relations(visible_obstacles(request.user))
    if form.is_valid():
        data = form.cleaned_data
        if data["status"] == "":
            rows = rows.exclude(status__in=services.CLOSED)
        elif data["status"] != "all":
            rows = rows.filter(status=data["status"])
        if data["kind"]:
            rows = rows.filter(kind=data["kind"])
        if data["gate"]:
            rows = rows.filter(gate=data["gate"])
        if data["overdue"]:
            rows = rows.filter(response_due__lt=timezone.localdate()).exclude(status__in=services.CLOSED)
    else:
        rows = rows.exclude(status__in=services.CLOSED)
    return render(request, "border/obstacle_queue.html", {
        "form": form, "obstacles": rows.order_by("response_due", "created_at")[:500],
        "figures": services.obstacle_figures(visible_obstacles(request.user)),
        "today": timezone.localdate()})


def _detail_context(request: HttpRequest, obstacle: Obstacle, full: bool, forms: dict | None = None) -> dict:
    is_staff = full and can_manage_border(request.user)
    actions = services.available_actions(obstacle) if is_staff else []
    forms = forms or {}
    labels = services.action_labels()
    return {
        "obstacle": obstacle,
        "full": full,
        "is_staff": is_staff,
        "changes": obstacle.status_changes.select_related("actor"),
        "documents": obstacle.documents.all() if full else [],
        "action_forms": [(name, labels[name], forms.get(name) or action_form(name, obstacle))
                         for name in actions],
        "documents_form": DocumentsForm(prefix="documents") if full and services.can_add_documents(
            request.user, obstacle) else None,
        "days_to_resolve": services.days_to_resolve(obstacle),
    }


def obstacle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obstacle, full = services.obstacle_for_page(request.user, pk)
    return render(request, "border/obstacle_detail.html", _detail_context(request, obstacle, full))


def _run_action(request, obstacle: Obstacle, action: str, data: dict) -> None:
    actor = request.user
    if action == "triage":
        services.do_triage(obstacle, actor, accept=data["decision"] == "accept", note=data["note"],
                           is_public=data["is_public"])
    elif action == "assign":
        services.do_assign(obstacle, actor, agency=data["agency"], response_due=data["response_due"],
                           note=data["note"])
    elif action == "agenda":
        services.do_put_on_agenda(obstacle, actor, talks=data["talks"], note=data["note"])
    elif action == "answer":
        services.do_answer(obstacle, actor, answer=data["answer"], note=data["note"])
    else:
        services.do_resolve(obstacle, actor, resolution=data["resolution"], note=data["note"])


@login_required
@require_POST
def obstacle_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in services.ACTIONS:
        raise Http404(f"no step {action}")
    obstacle = services.with_relations(visible_obstacles(request.user)).filter(pk=pk).first()
    if obstacle is None:
        raise Http404(f"no obstacle {pk}")
    require_border_staff(request.user)
    form = action_form(action, obstacle, request.POST)
    if form.is_valid():
        try:
            _run_action(request, obstacle, action, form.cleaned_data)
        except ValidationError as exc:
            obstacle.refresh_from_db()
            attach_errors(form, exc)
        else:
            messages.success(request, _("Saved: %(status)s.") % {"status": obstacle.get_status_display()})
            return redirect("border:obstacle", pk=obstacle.pk)
    context = _detail_context(request, obstacle, True, {action: form})
    return render(request, "border/obstacle_detail.html", context, status=400)


@login_required
@require_POST
def obstacle_documents(request: HttpRequest, pk: int) -> HttpResponse:
    obstacle = services.with_relations(visible_obstacles(request.user)).filter(pk=pk).first()
    if obstacle is None:
        raise Http404(f"no obstacle {pk}")
    form = DocumentsForm(request.POST, request.FILES, prefix="documents")
    if form.is_valid():
        try:
            services.do_add_documents(obstacle, request.user, form.cleaned_data["documents"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Documents added."))
            return redirect("border:obstacle", pk=obstacle.pk)
    context = _detail_context(request, obstacle, True)
    context["documents_form"] = form
    return render(request, "border/obstacle_detail.html", context, status=400)


def obstacle_document(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    """A document, after the visibility check (never for the public list's readers)."""
    obstacle = visible_obstacles(request.user).filter(pk=pk).first()
    document = obstacle.documents.filter(pk=document_id).first() if obstacle else None
    if document is None:
        raise Http404("no such document")
    return responses.stored_file_response(document.file, document.name, inline=True)


def talks_agenda(request: HttpRequest, slug: str) -> HttpResponse:
    """The obstacles on a periodic talks' agenda: in full for staff and the reporting
    organisations, the public ones anonymised for everyone."""
    talks = services.talks_events().filter(slug=slug).first()
    if talks is None:
        raise Http404(f"no talks {slug}")
    rows = services.talks_obstacles(request.user, talks)
    mine = set(visible_obstacles(request.user).filter(talks=talks).values_list("pk", flat=True))
    return render(request, "border/obstacle_talks.html", {
        "talks": talks, "obstacles": rows, "full_ids": mine, "is_staff": can_manage_border(request.user),
        "kind_bilateral": Event.Kind.BILATERAL_TALKS})
