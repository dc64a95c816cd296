"""Pilot pages: the list, a pilot (its zone on the map, chain, products, members, milestones,
linked work-plan activities), the pilot and milestone forms, and linking a work-plan activity to
a chain or pilot."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.agreements.access import visible_agreements
from tradebridge.catalog.models import HSCode
from tradebridge.chains import pilots as services
from tradebridge.chains.access import (
    can_edit_chain,
    get_chain_for_user,
    get_pilot_for_user,
    visible_chains,
    visible_pilots,
)
from tradebridge.chains.models import ActivityLink, Pilot
from tradebridge.chains.pilot_forms import LinkActivityForm, MilestoneForm, PilotForm
from tradebridge.cooperation.models import Activity
from tradebridge.core.access import is_agency_or_admin, require_agency_or_admin
from tradebridge.core.forms import attach_errors, form_values


def _can_edit_pilot(user, pilot: Pilot) -> bool:
    if pilot.chain_id is not None:
        return can_edit_chain(user, pilot.chain)
    return is_agency_or_admin(user)


def pilot_list(request: HttpRequest) -> HttpResponse:
    rows = visible_pilots(request.user).select_related("chain", "zone").prefetch_related("milestones")
    return render(
        request, "chains/pilot_list.html", {"pilots": rows, "can_create": is_agency_or_admin(request.user)}
    )


def pilot_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = get_pilot_for_user(request.user, slug)
    products = list(HSCode.objects.filter(code__in=pilot.hs_codes))
    products.sort(key=lambda h: pilot.hs_codes.index(h.code))
    zone = pilot.zone
    markers = []
    if zone is not None:
        markers = [
            {
                "name": zone.name,
                "kind": zone.get_kind_display(),
                "lat": float(zone.latitude),
                "lon": float(zone.longitude),
            }
        ]
    can_edit = _can_edit_pilot(request.user, pilot)
    activities = _pilot_activities(pilot, request.user)
    context = {
        "pilot": pilot,
        "products": products,
        "members": pilot.members.select_related("country"),
        "milestones": pilot.milestones.active(),
        "activities": activities,
        "markers": markers,
        "can_edit": can_edit,
        "milestone_form": MilestoneForm() if can_edit else None,
        "link_form": _link_form(pilot) if can_edit else None,
    }
    return render(request, "chains/pilot_detail.html", context)


def _pilot_activities(pilot: Pilot, user):
    return (
        Activity.objects.active()
        .filter(chain_links__pilot=pilot, plan__agreement__in=visible_agreements(user).values("id"))
        .distinct()
        .select_related("plan")
    )


def _link_form(pilot: Pilot, data=None) -> LinkActivityForm | None:
    agreement_id = pilot.agreement_id or (pilot.chain.agreement_id if pilot.chain_id else None)
    if agreement_id is None:
        return None
    activities = Activity.objects.active().filter(plan__agreement_id=agreement_id).select_related("plan")
    return LinkActivityForm(data, activities=activities, pilots=Pilot.objects.filter(pk=pilot.pk))


def _save_pilot(request: HttpRequest, form: PilotForm, pilot: Pilot | None) -> Pilot | None:
    """The form's pilot saved (and its new planned park created), or None with the service's
    refusal shown on the form; nothing is kept when refused."""
    if not form.is_valid():
        return None
    fields = form.pilot_fields()
    chain = fields.get("chain")
    if chain is not None and not can_edit_chain(request.user, chain):
        raise PermissionDenied("agency staff of the chain's parties only")
    try:
        with transaction.atomic():
            new_zone = form.new_zone()
            if new_zone is not None:
                fields["zone"] = services.do_create_planned_zone(actor=request.user, **new_zone)
            return services.do_save_pilot(
                pilot, actor=request.user, members=list(form.cleaned_data["members"]), **fields
            )
    except ValidationError as exc:
        attach_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def pilot_new(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    initial = {}
    if request.GET.get("chain"):
        chain = get_chain_for_user(request.user, request.GET["chain"], for_edit=True)
        initial = {"chain": chain.slug, "agreement": chain.agreement_id, "kind": Pilot.Kind.CHAIN_MODEL}
    form = PilotForm(request.POST or None, initial=initial)
    if request.method == "POST":
        pilot = _save_pilot(request, form, None)
        if pilot is not None:
            messages.success(request, _("Pilot saved."))
            return redirect("chains:pilot", slug=pilot.slug)
    return render(
        request,
        "chains/pilot_form.html",
        {"form": form, "pilot": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def pilot_edit(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = get_pilot_for_user(request.user, slug, for_edit=True)
    if request.method == "POST":
        form = PilotForm(request.POST)
        saved = _save_pilot(request, form, pilot)
        if saved is not None:
            messages.success(request, _("Pilot saved."))
            return redirect("chains:pilot", slug=saved.slug)
    else:
        values = form_values(PilotForm, pilot)
        values["hs_codes"] = ", ".join(pilot.hs_codes)
        values["members"] = list(pilot.members.values_list("slug", flat=True))
        form = PilotForm(initial=values)
    return render(
        request,
        "chains/pilot_form.html",
        {"form": form, "pilot": pilot},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def pilot_archive(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = get_pilot_for_user(request.user, slug, for_edit=True)
    services.do_archive_pilot(pilot, actor=request.user)
    messages.success(request, _("Archived."))
    return redirect("chains:pilots")


@login_required
@require_POST
def milestone_add(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = get_pilot_for_user(request.user, slug, for_edit=True)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.do_add_milestone(pilot, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Milestone added."))
            return redirect("chains:pilot", slug=pilot.slug)
    return render(
        request,
        "chains/pilot_milestone_form.html",
        {"form": form, "pilot": pilot, "milestone": None},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, slug: str, milestone_id: int) -> HttpResponse:
    pilot = get_pilot_for_user(request.user, slug, for_edit=True)
    milestone = pilot.milestones.active().filter(pk=milestone_id).first()
    if milestone is None:
        raise Http404("no such milestone")
    form = MilestoneForm(request.POST or None, initial=form_values(MilestoneForm, milestone))
    if request.method == "POST" and form.is_valid():
        try:
            services.do_update_milestone(milestone, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("chains:pilot", slug=pilot.slug)
    return render(
        request,
        "chains/pilot_milestone_form.html",
        {"form": form, "pilot": pilot, "milestone": milestone},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def activity_link(request: HttpRequest, slug: str) -> HttpResponse:
    """Link an activity of the chain's agreement's work plans to the chain, or to one of its
    pilots (`pilot` in the form)."""
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    form = LinkActivityForm(
        request.POST, activities=services.linkable_activities(chain), pilots=chain.pilots.active()
    )
    back = request.POST.get("next") or ""
    if form.is_valid():
        try:
            services.do_link_activity(
                form.cleaned_data["activity"],
                actor=request.user,
                chain=chain,
                pilot=form.cleaned_data["pilot"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Activity linked."))
    else:
        messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return redirect(back if back.startswith("/chains/") else _chain_url(chain))


@login_required
@require_POST
def pilot_activity_link(request: HttpRequest, slug: str) -> HttpResponse:
    pilot = get_pilot_for_user(request.user, slug, for_edit=True)
    form = _link_form(pilot, request.POST)
    if form is None:
        raise Http404("the pilot has no agreement whose work plans it could follow")
    if form.is_valid():
        try:
            services.do_link_activity(
                form.cleaned_data["activity"],
                actor=request.user,
                pilot=pilot,
                chain=pilot.chain if pilot.chain_id else None,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Activity linked."))
    else:
        messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return redirect("chains:pilot", slug=pilot.slug)


@login_required
@require_POST
def activity_unlink(request: HttpRequest, link_id: int) -> HttpResponse:
    link = ActivityLink.objects.select_related("chain", "pilot__chain").filter(pk=link_id).first()
    if link is None:
        raise Http404("no such link")
    chain = link.chain or (link.pilot.chain if link.pilot_id else None)
    if chain is not None:
        if not visible_chains(request.user).filter(pk=chain.pk).exists():
            raise Http404("no such link")
        if not can_edit_chain(request.user, chain):
            raise PermissionDenied("agency staff of the chain's parties only")
    else:
        require_agency_or_admin(request.user)
    target = link.pilot
    services.do_unlink_activity(link, actor=request.user)
    messages.success(request, _("Link removed."))
    if target is not None:
        return redirect("chains:pilot", slug=target.slug)
    return redirect(_chain_url(chain))


def _chain_url(chain) -> str:
    return reverse("chains:detail", kwargs={"slug": chain.slug})
