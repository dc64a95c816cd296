from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tradebridge.catalog.models import HSCode, Sector
from tradebridge.core.access import is_agency_or_admin, require_agency_or_admin
from tradebridge.core.forms import attach_errors
from tradebridge.geo.models import Country, Province
from tradebridge.registry import imports, queries, services
from tradebridge.registry.access import (
    Moved,
    access_organization,
    access_trade_item,
    can_edit_organization,
    can_see_contacts,
)
from tradebridge.registry.forms import NewOrganizationForm, OrganizationForm, TradeItemForm
from tradebridge.registry.models import DuplicateCandidate, Identifier, Organization, TradeItem
from tradebridge.registry.recommendations import is_rebuilding, recommendations_for, unmatched_for

PAGE_SIZE = 25
IDENTIFIER_SCHEMES = frozenset(Identifier.Scheme.values)


def _attach_errors(form, exc: ValidationError) -> None:
    """A service's errors on the organisation form; an identifier's (named by its scheme) on the
    form's identifier field."""
    if hasattr(exc, "error_dict"):
        exc = ValidationError({("identifier" if field in IDENTIFIER_SCHEMES else field): errors
                               for field, errors in exc.error_dict.items()})
    attach_errors(form, exc)


def directory(request: HttpRequest) -> HttpResponse:
    filters = queries.DirectoryFilters.from_params(request.GET)
    result = queries.search_directory(filters)
    page = Paginator(result.organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = queries.facet_counts(result.organizations)
    labels = {
        "country": {c.alpha3: c.name for c in Country.objects.filter(
            alpha3__in=[k for k, _n in facets["country"]])},
        "province": {p.code: p.name for p in Province.objects.filter(
            code__in=[k for k, _n in facets["province"]])},
        "sector": {s.code: s.name for s in Sector.objects.all()},
        "kind": dict(Organization.Kind.choices),
        "chapter": {h.code: h.name for h in HSCode.objects.filter(level=2)},
    }
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "facets": {name: [(key, labels[name].get(key, key), n) for key, n in rows]
                   for name, rows in facets.items()},
        "product_codes": HSCode.objects.filter(code__in=result.product_codes),
        "querystring": params.urlencode(),
        "can_create": is_agency_or_admin(request.user),
    }
    template = "registry/_directory_results.html" if request.htmx else "registry/directory.html"
    return render(request, template, context)


def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organization = access_organization(request.user, slug)
    except Moved as moved:
        return redirect("registry:organization", slug=moved.organization.slug, permanent=True)
    items = list(organization.trade_items.active().select_related("hs").prefetch_related("markets"))
    context = {
        "organization": organization,
        "offers": [i for i in items if i.direction == TradeItem.Direction.OFFER],
        "needs": [i for i in items if i.direction == TradeItem.Direction.NEED],
        "identifiers": organization.identifiers.all(),
        "sectors": organization.sectors.all(),
        "can_edit": can_edit_organization(request.user, organization),
        "show_contacts": can_see_contacts(request.user),
        "recommendations": recommendations_for(organization, top=8) if not organization.is_archived else [],
        "recommendations_updating": is_rebuilding(),
        "recommendations_unmatched": unmatched_for(organization),
    }
    return render(request, "registry/organization_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organization = access_organization(request.user, slug, for_edit=True)
    form = OrganizationForm(request.POST or None, instance=Organization.objects.get(pk=organization.pk))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.do_update_organization(organization, form.cleaned_data, actor=request.user,
                                                      loaded=form.cleaned_data.get("loaded"))
        except services.EditConflict as conflict:
            form, status = form.after_conflict(conflict), 409
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, _("Organisation saved.") if changed else _("Nothing changed."))
            return redirect("registry:organization", slug=organization.slug)
    return render(request, "registry/organization_edit.html",
                  {"organization": organization, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    form = NewOrganizationForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = services.do_create_organization(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _attach_errors(form, exc)
        else:
            messages.success(request, _("Organisation created."))
            return redirect("registry:organization", slug=organization.slug)
    return render(request, "registry/organization_new.html", {"form": form})


@login_required
def organization_history(request: HttpRequest, slug: str) -> HttpResponse:
    organization = access_organization(request.user, slug, for_edit=True)
    return render(request, "registry/organization_history.html",
                  {"organization": organization, "entries": queries.organization_history(organization)})


@login_required
@require_http_methods(["GET", "POST"])
def trade_item_add(request: HttpRequest, slug: str, direction: str) -> HttpResponse:
    organization = access_organization(request.user, slug, for_edit=True)
    if direction not in TradeItem.Direction.values:
        return HttpResponse(status=404)
    form = TradeItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.do_add_trade_item(organization, actor=request.user, direction=direction,
                                              **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if item.hs is None:
                messages.warning(request, _("No HS code found for “%(text)s”: add one so that partners "
                                            "can find it.") % {"text": item.text})
            return redirect("registry:organization", slug=organization.slug)
    return render(request, "registry/trade_item_form.html",
                  {"organization": organization, "form": form, "direction": direction})


@login_required
@require_http_methods(["GET", "POST"])
def trade_item_edit(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    organization = access_organization(request.user, slug, for_edit=True)
    item = access_trade_item(request.user, organization, item_id)
    initial = {"text": item.text, "hs": item.hs.dotted if item.hs and not item.hs_resolved else "",
               "quantity": item.quantity, "unit": item.unit, "markets": list(item.markets.all())}
    form = TradeItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_update_trade_item(item, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect("registry:organization", slug=organization.slug)
    return render(request, "registry/trade_item_form.html",
                  {"organization": organization, "form": form, "direction": item.direction,
                   "item": item})


@login_required
@require_POST
def trade_item_archive(request: HttpRequest, slug: str, item_id: int) -> HttpResponse:
    organization = access_organization(request.user, slug, for_edit=True)
    item = access_trade_item(request.user, organization, item_id)
    services.do_archive_trade_item(item, actor=request.user)
    messages.success(request, _("Removed “%(text)s”.") % {"text": item.text})
    return redirect(reverse("registry:organization", args=[organization.slug]))


@login_required
@require_safe
def duplicate_queue(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    pending = DuplicateCandidate.objects.filter(status=DuplicateCandidate.Status.PENDING).select_related(
        "organization__country", "organization__province", "candidate__country", "candidate__province")
    decided = DuplicateCandidate.objects.exclude(status=DuplicateCandidate.Status.PENDING).select_related(
        "organization", "candidate", "decided_by").order_by("-decided_at")[:20]
    return render(request, "registry/duplicates.html", {"pending": pending, "decided": decided})


@login_required
@require_POST
def duplicate_merge(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """The pair is one organisation: merge the imported record into the existing one."""
    return _decide_duplicate(request, candidate_id, same=True)


@login_required
@require_POST
def duplicate_keep_apart(request: HttpRequest, candidate_id: int) -> HttpResponse:
    """The pair is two organisations: keep both."""
    return _decide_duplicate(request, candidate_id, same=False)


def _decide_duplicate(request: HttpRequest, candidate_id: int, *, same: bool) -> HttpResponse:
    require_agency_or_admin(request.user)
    candidate = get_object_or_404(DuplicateCandidate, pk=candidate_id)
    try:
        imports.do_decide_duplicate(candidate, same=same, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Merged.") if same else _("Kept apart."))
    return redirect("registry:duplicates")
