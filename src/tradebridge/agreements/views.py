"""Pages of this app: parse, check access, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.agreements import charts, exports, followup, fx, queries, reports, services
from tradebridge.agreements.access import (
    can_edit_agreement,
    can_record_agreement,
    get_agreement_for_user,
    get_commitment_for_user,
    require_agency,
    require_recorder,
    visible_agreements,
)
from tradebridge.agreements.forms import (
    AgreementForm,
    CommitmentForm,
    CommitmentStateForm,
    DocumentForm,
    PartyFormSet,
    ProgressForm,
    StatusForm,
)
from tradebridge.agreements.models import Category, Level, Status
from tradebridge.agreements.views_plans import plans_context, run_form_action
from tradebridge.core.access import is_administrator, is_agency_staff
from tradebridge.core.forms import attach_errors
from tradebridge.core.i18n import UnknownLanguage, check_language
from tradebridge.geo.models import Country
from tradebridge.registry.models import Organization

PAGE_SIZE = 50


def _attach(form, exc: ValidationError, formset=None) -> None:
    """Errors about the parties go to the parties' formset, the rest to the form."""
    by_field = getattr(exc, "message_dict", {None: exc.messages})
    if formset is not None and "parties" in by_field:
        formset._non_form_errors = formset.error_class(by_field.pop("parties"))
    if by_field:
        attach_errors(form, ValidationError(by_field))


def register(request: HttpRequest) -> HttpResponse:
    filters = queries.RegisterFilters.from_params(request.GET)
    found = queries.filter_register(visible_agreements(request.user), filters)
    found = found.select_related("origin", "destination", "event").prefetch_related(
        "parties__organization__country"
    )
    params = request.GET.copy()
    params.pop("page", None)
    facets = queries.facet_counts(found)
    breakdown = queries.category_breakdown(found)
    countries = {
        c.alpha3: c.name for c in Country.objects.filter(alpha3__in=[k for k, _n in facets["country"]])
    }
    context = {
        "filters": filters,
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
        "breakdown": breakdown,
        "chart": charts.breakdown_chart(breakdown),
        "facets": {
            "level": [(k, Level(k).label, n) for k, n in facets["level"]],
            "status": [(k, Status(k).label, n) for k, n in facets["status"]],
            "country": [(k, countries.get(k, k), n) for k, n in facets["country"]],
            "event": facets["event"],
        },
        "levels": Level.choices,
        "categories": Category.choices,
        "statuses": Status.choices,
        "querystring": params.urlencode(),
        "can_record": can_record_agreement(request.user),
        "can_follow_up": is_administrator(request.user) or is_agency_staff(request.user),
    }
    return render(request, "agreements/register.html", context, status=400 if filters.errors else 200)


def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id)
    can_edit = can_edit_agreement(request.user, agreement)
    today = followup.local_today(followup.time_zone_for(request.user))
    commitments = list(agreement.commitments.active().select_related("owner__organization"))
    facts = {
        c.pk: followup.CommitmentFacts(c.pk, agreement.pk, c.title, c.due_on, c.is_closed)
        for c in commitments
    }
    context = {
        "agreement": agreement,
        "parties": agreement.parties.select_related("organization__country"),
        "documents": agreement.documents.active(),
        "commitments": [(c, followup.is_overdue(facts[c.pk], today)) for c in commitments],
        "progress": agreement.progress_updates.active().select_related("commitment", "author"),
        "status_changes": agreement.status_changes.select_related("actor"),
        "products": agreement.products.all(),
        "can_edit": can_edit,
        "status_form": StatusForm(allowed=services.allowed_transitions(agreement)) if can_edit else None,
        "document_form": DocumentForm() if can_edit else None,
        "commitment_form": CommitmentForm(agreement=agreement) if can_edit else None,
        "progress_form": ProgressForm(agreement=agreement, initial={"reported_on": today})
        if can_edit
        else None,
        "state_choices": CommitmentStateForm.base_fields["state"].choices,
        "today": today,
        "rates_illustrative": fx.is_illustrative(),
        **plans_context(agreement, can_edit),
    }
    return render(request, "agreements/detail.html", context)


def _party_initial(agreement=None) -> list[dict]:
    if agreement is None:
        return []
    return [
        {"organization": p.organization.slug, "signatory": p.signatory}
        for p in agreement.parties.select_related("organization")
    ]


def _parties_from(formset) -> list[services.PartyIn]:
    return [
        services.PartyIn(f.cleaned_data["organization"], f.cleaned_data.get("signatory", ""))
        for f in formset.forms
        if f.cleaned_data.get("organization")
    ]


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    require_recorder(request.user)
    initial_parties = []
    if getattr(request.user, "organization", None) is not None:
        initial_parties = [{"organization": request.user.organization.slug}]
    form = AgreementForm(request.POST or None, initial={"event": request.GET.get("event", "")})
    formset = PartyFormSet(request.POST or None, prefix="party", initial=initial_parties)
    document = DocumentForm(request.POST or None, request.FILES or None, prefix="doc")
    document.fields["file"].required = False
    if request.method == "POST" and form.is_valid() & formset.is_valid() & document.is_valid():
        data = dict(form.cleaned_data)
        other, products = data.pop("other_categories"), data.pop("products")
        try:
            agreement = services.do_create_agreement(
                actor=request.user,
                parties=_parties_from(formset),
                other_categories=other,
                products=products,
                document=document.cleaned_data.get("file"),
                **data,
            )
        except ValidationError as exc:
            if "file" in getattr(exc, "message_dict", {}):
                document.add_error("file", exc.message_dict["file"])
            else:
                _attach(form, exc, formset)
        else:
            messages.success(request, _("Agreement recorded."))
            return redirect("agreements:detail", agreement_id=agreement.pk)
    return render(
        request,
        "agreements/form.html",
        {"form": form, "formset": formset, "document": document},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    form = AgreementForm(request.POST or None, instance=type(agreement).objects.get(pk=agreement.pk))
    formset = PartyFormSet(request.POST or None, prefix="party", initial=_party_initial(agreement))
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        data = dict(form.cleaned_data)
        other, products = data.pop("other_categories"), data.pop("products")
        try:
            changed = services.do_update_agreement(
                agreement,
                data,
                actor=request.user,
                parties=_parties_from(formset),
                other_categories=other,
                products=products,
            )
        except ValidationError as exc:
            _attach(form, exc, formset)
        else:
            messages.success(request, _("Agreement saved.") if changed else _("Nothing changed."))
            return redirect("agreements:detail", agreement_id=agreement.pk)
    return render(
        request,
        "agreements/form.html",
        {"form": form, "formset": formset, "agreement": agreement},
        status=400 if request.method == "POST" else 200,
    )



@login_required
@require_POST
def status_change(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    form = StatusForm(request.POST, allowed=services.allowed_transitions(agreement))
    return run_form_action(
        request,
        agreement,
        form,
        lambda d: services.do_change_status(
            agreement, d["status"], actor=request.user, effective_on=d["effective_on"], reason=d["reason"]
        ),
    )


@login_required
@require_POST
def document_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    form = DocumentForm(request.POST, request.FILES)
    return run_form_action(
        request,
        agreement,
        form,
        lambda d: services.do_attach_document(agreement, d["file"], actor=request.user, title=d["title"]),
    )


def document_download(request: HttpRequest, agreement_id: int, document_id: int) -> FileResponse:
    """Documents are served here, after the visibility check, never from /media/."""
    agreement = get_agreement_for_user(request.user, agreement_id)
    document = agreement.documents.active().filter(pk=document_id).first()
    if document is None:
        raise Http404("no such document")
    return FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        filename=document.original_name,
        as_attachment=False,
    )


def progress_attachment(request: HttpRequest, agreement_id: int, update_id: int) -> FileResponse:
    agreement = get_agreement_for_user(request.user, agreement_id)
    update = agreement.progress_updates.active().filter(pk=update_id).exclude(attachment="").first()
    if update is None:
        raise Http404("no such attachment")
    return FileResponse(update.attachment.open("rb"), filename=update.attachment_name)


@login_required
@require_POST
def commitment_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    form = CommitmentForm(request.POST, agreement=agreement)
    return run_form_action(
        request, agreement, form, lambda d: services.do_add_commitment(agreement, actor=request.user, **d)
    )


@login_required
@require_POST
def commitment_state(request: HttpRequest, agreement_id: int, commitment_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    commitment = get_commitment_for_user(request.user, agreement, commitment_id)
    form = CommitmentStateForm(request.POST)
    return run_form_action(
        request,
        agreement,
        form,
        lambda d: services.do_update_commitment(
            commitment, actor=request.user, state=d["state"], done_on=d["done_on"]
        ),
    )


@login_required
@require_POST
def progress_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    form = ProgressForm(request.POST, request.FILES, agreement=agreement)
    return run_form_action(
        request,
        agreement,
        form,
        lambda d: services.do_add_progress(
            agreement,
            actor=request.user,
            reported_on=d["reported_on"],
            text=d["text"],
            commitment=d["commitment"],
            attachment=d["attachment"],
        ),
    )


@login_required
def agreement_history(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    return render(
        request,
        "agreements/history.html",
        {"agreement": agreement, "entries": queries.agreement_history(agreement)},
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What the agency must act on, with "today" in the officer's own time zone."""
    require_agency(request.user)
    tz = followup.time_zone_for(request.user)
    today = followup.local_today(tz)
    visible = visible_agreements(request.user)
    attention = queries.attention_for(visible, today)
    titles = {
        a.pk: a.display_title
        for a in visible.filter(pk__in={c.agreement_id for c in attention.overdue + attention.due_soon})
    }
    return render(
        request,
        "agreements/dashboard.html",
        {
            "attention": attention,
            "time_zone": tz,
            "overdue_rows": [(c, titles.get(c.agreement_id, "")) for c in attention.overdue],
            "due_soon_rows": [(c, titles.get(c.agreement_id, "")) for c in attention.due_soon],
            "breakdown": queries.category_breakdown(visible),
        },
    )


def export_register(request: HttpRequest) -> HttpResponse:
    filters = queries.RegisterFilters.from_params(request.GET)
    found = queries.filter_register(visible_agreements(request.user), filters)
    response = HttpResponse(
        exports.register_workbook(found),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="agreements.xlsx"'
    return response


def periodic_report(request: HttpRequest) -> HttpResponse:
    filters = queries.RegisterFilters.from_params(request.GET)
    found = queries.filter_register(visible_agreements(request.user), filters)
    today = followup.local_today(followup.time_zone_for(request.user))
    language = None
    if request.GET.get("lang"):
        try:  # ?lang=lo gives the report in Lao whatever the page language
            language = check_language(request.GET["lang"])
        except UnknownLanguage as exc:
            return HttpResponse(f"lang: {exc}", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(
        reports.periodic_report_pdf(found, filters, today=today, language=language),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = 'attachment; filename="agreements-report.pdf"'
    return response


def calendar_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Due commitments of the agreements an agency is party to (or recorded), as iCalendar."""
    organization = Organization.objects.active().filter(slug=slug).first()
    if organization is None:
        raise Http404("no such organisation")
    body = exports.commitments_calendar(visible_agreements(request.user), organization)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-commitments.ics"'
    return response


@login_required
@require_POST
def agreement_archive(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """Archive, never delete: the record and its history stay for administrators."""
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    reason = (request.POST.get("reason") or "").strip()
    if not reason:
        messages.error(request, _("Give the reason for archiving."))
        return redirect("agreements:detail", agreement_id=agreement.pk)
    services.do_archive_agreement(agreement, actor=request.user, reason=reason)
    messages.success(request, _("Agreement archived."))
    return redirect("agreements:register")
