"""Pages of this app: parse, check access, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.agreements import charts, followup, fx, party_consent_views, queries, sections, services
from tradebridge.agreements.access import (
    can_change_parties,
    can_edit_agreement,
    can_record_agreement,
    find_commitment_for_user,
    get_agreement_for_user,
    get_commitment_for_user,
    parties_locked_message,
    require_recorder,
    visible_agreements,
)
from tradebridge.agreements.form_actions import run_form_action
from tradebridge.agreements.forms import (
    REGION,
    AgreementForm,
    CommitmentEditForm,
    CommitmentForm,
    DocumentForm,
    PartyFormSet,
    ProgressForm,
    StatusForm,
)
from tradebridge.agreements.models import Category, Commitment, Level, Status
from tradebridge.core.access import is_agency_or_admin, require_agency_or_admin
from tradebridge.core.forms import attach_errors, form_values
from tradebridge.geo.models import Country

PAGE_SIZE = 50


def _attach(form, exc: ValidationError, formset=None) -> None:
    """Errors about the parties go to the parties' formset, the rest to the form."""
    by_field = getattr(exc, "message_dict", {None: exc.messages})
    if formset is not None and "parties" in by_field:
        formset._non_form_errors = formset.error_class(by_field.pop("parties"))
    if by_field:
        attach_errors(form, ValidationError(by_field))


def _party_countries(user) -> list[tuple[str, str]]:
    """The country filter's choices: the region's countries and those of any visible party."""
    used = visible_agreements(user).values_list("parties__organization__country__alpha3", flat=True)
    codes = {c for c in used if c} | set(REGION)
    return sorted(((c.alpha3, str(c.name)) for c in Country.objects.filter(alpha3__in=codes)),
                  key=lambda pair: pair[1])


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
        "country_choices": _party_countries(request.user),
        "querystring": params.urlencode(),
        "can_record": can_record_agreement(request.user),
        "can_follow_up": is_agency_or_admin(request.user),
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
        "state_choices": Commitment.State.choices,
        "today": today,
        "rates_illustrative": fx.is_illustrative(),
        **sections.sections_context(agreement, can_edit=can_edit),
        **party_consent_views.detail_context(request.user, agreement),
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
    # Parties and visibility are the recorder's: others see them and post them back unchanged.
    locked = not can_change_parties(request.user, agreement)
    form = AgreementForm(request.POST or None, instance=type(agreement).objects.get(pk=agreement.pk),
                         lock_visibility=locked)
    formset = PartyFormSet(request.POST or None, prefix="party", initial=_party_initial(agreement))
    status = 400 if request.method == "POST" else 200
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
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, _("Agreement saved.") if changed else _("Nothing changed."))
            return redirect("agreements:detail", agreement_id=agreement.pk)
    return render(
        request,
        "agreements/form.html",
        {"form": form, "formset": formset, "agreement": agreement, "parties_locked": locked,
         "locked_message": parties_locked_message(agreement) if locked else "",
         "current_parties": agreement.parties.select_related("organization")},
        status=status,
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


@login_required
@require_POST
def commitment_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    form = CommitmentForm(request.POST, agreement=agreement)
    return run_form_action(
        request, agreement, form, lambda d: services.do_add_commitment(agreement, actor=request.user, **d)
    )


def _commitment_form(commitment, data=None) -> CommitmentEditForm:
    """The edit form over the commitment as it stands: the fields a request leaves out keep
    their values (the agreement page's status control posts only the state)."""
    merged = {**form_values(CommitmentEditForm, commitment), **data.dict()} if data is not None else None
    initial = None if data is not None else form_values(CommitmentEditForm, commitment)
    return CommitmentEditForm(merged, agreement=commitment.agreement, initial=initial)


def _commitment_page(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    form = _commitment_form(commitment, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.do_update_commitment(commitment, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Changes saved.") if changed else _("Nothing changed."))
            return redirect("agreements:detail", agreement_id=commitment.agreement_id)
    return render(
        request,
        "agreements/commitment_form.html",
        {"form": form, "commitment": commitment, "agreement": commitment.agreement},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, agreement_id: int, commitment_id: int) -> HttpResponse:
    """The one page that changes a commitment: title, owner, due date, status, done date."""
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    return _commitment_page(request, get_commitment_for_user(request.user, agreement, commitment_id))


@login_required
@require_POST
def commitment_archive(request: HttpRequest, agreement_id: int, commitment_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    commitment = get_commitment_for_user(request.user, agreement, commitment_id)
    services.do_archive_commitment(commitment, actor=request.user)
    messages.success(request, _("Archived."))
    return redirect("agreements:detail", agreement_id=agreement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def commitment_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Old address of the commitment page (/agreements/items/commitment/<id>/edit/)."""
    return _commitment_page(request, find_commitment_for_user(request.user, pk))


@login_required
@require_POST
def commitment_item_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Old address of archiving a commitment (/agreements/items/commitment/<id>/archive/)."""
    commitment = find_commitment_for_user(request.user, pk)
    return commitment_archive(request, commitment.agreement_id, commitment.pk)


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
    require_agency_or_admin(request.user)
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
