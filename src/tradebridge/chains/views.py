"""Chain pages: parse, check access (chains.access), call a service, render. Pilots and reports
to the ministers have their own views (pilot_views, report_views); the chain page includes
their sections."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tradebridge.agreements.access import visible_agreements
from tradebridge.chains import candidates, gaps, pages, pilots, services
from tradebridge.chains.access import (
    can_edit_chain,
    get_chain_for_user,
    require_chain_editor,
    visible_chains,
    visible_members,
)
from tradebridge.chains.definition import (
    DefinitionError,
    definition_of_chain,
    definition_to_json,
    parse_definition,
)
from tradebridge.chains.forms import (
    ChainForm,
    DefinitionUploadForm,
    GapForm,
    MemberEditForm,
    MemberForm,
    StageFormSet,
    definition_dict,
    stage_initial,
)
from tradebridge.chains.models import Chain, Member
from tradebridge.core import responses
from tradebridge.core.forms import attach_errors
from tradebridge.geo.models import Country
from tradebridge.trade.exports import to_csv, to_xlsx
from tradebridge.trade.store import TradeStore


def chain_list(request: HttpRequest) -> HttpResponse:
    chains = list(visible_chains(request.user).select_related("sector", "agreement"))
    counts = pages.members_by_country(chains)
    return render(
        request,
        "chains/list.html",
        {
            "rows": [(chain, counts.get(chain.pk, [])) for chain in chains],
            "can_create": can_edit_chain(request.user),
        },
    )


def _agreements(user):
    return visible_agreements(user).order_by("-signed_on", "-id")


def _gap_form(request: HttpRequest, countries: list[Country]) -> GapForm:
    years = gaps.available_years()
    params = request.GET if "year" in request.GET else None
    initial = {"year": max(years) if years else None}
    if len(countries) == 2:
        initial.update(exporter=countries[1].alpha3, importer=countries[0].alpha3)
    return GapForm(params, years=years, initial=initial)


def _gap_context(chain: Chain, form: GapForm, stages, members) -> dict:
    if not form.is_bound or not form.is_valid():
        return {"gap_form": form, "gaps": None}
    data = form.cleaned_data
    report = gaps.gap_report(
        definition_of_chain(chain),
        year=data["year"],
        exporter=data["exporter"].alpha3,
        importer=data["importer"].alpha3,
        top=20,
    )
    return {
        "gap_form": form,
        "gaps": pages.gap_view(report, stages, members),
        "gap_query": urlencode(
            {"year": data["year"], "exporter": data["exporter"].alpha3, "importer": data["importer"].alpha3}
        ),
        "exporter": data["exporter"],
        "importer": data["importer"],
        "gap_synthetic": data["year"] in TradeStore().synthetic_years(),
    }


def chain_detail(request: HttpRequest, slug: str) -> HttpResponse:
    chain = get_chain_for_user(request.user, slug)
    can_edit = can_edit_chain(request.user, chain)
    stages = list(chain.stages.all())
    members = list(visible_members(request.user, chain).select_related("agreement"))
    pair_countries = pages.pair_countries(chain)
    columns, grid = pages.member_grid(stages, members, pair_countries)
    glance = (
        pages.glance(definition_of_chain(chain), stages, *pair_countries)
        if len(pair_countries) == 2
        else None
    )
    context = {
        "chain": chain,
        "stages": stages,
        "columns": columns,
        "grid": grid,
        "glance": glance,
        "pair": pair_countries,
        "can_edit": can_edit,
        "member_form": MemberForm(chain=chain, agreements=_agreements(request.user)) if can_edit else None,
        "upload_form": DefinitionUploadForm() if can_edit else None,
        "illustrative_members": any(m.is_illustrative for m in members),
        **_gap_context(chain, _gap_form(request, pair_countries), stages, members),
    }
    context.update(pilots.chain_page_context(request.user, chain))
    return render(request, "chains/detail.html", context)


def chain_gaps(request: HttpRequest, slug: str) -> HttpResponse:
    """The gap report section alone (htmx); without htmx, the chain page at that section."""
    chain = get_chain_for_user(request.user, slug)
    if not request.htmx:
        return redirect(f"{reverse('chains:detail', args=[chain.slug])}?{request.GET.urlencode()}#gaps")
    stages = list(chain.stages.all())
    members = list(visible_members(request.user, chain))
    form = _gap_form(request, pages.pair_countries(chain))
    return render(
        request,
        "chains/_gaps.html",
        {"chain": chain, **_gap_context(chain, form, stages, members)},
        status=400 if form.is_bound and form.errors else 200,
    )


def chain_download(request: HttpRequest, slug: str, table: str, fmt: str) -> HttpResponse:
    """The heat map's table (flows) or the gap report (gaps) as CSV or Excel."""
    chain = get_chain_for_user(request.user, slug)
    if fmt not in ("csv", "xlsx") or table not in ("flows", "gaps"):
        raise Http404("no such download")
    stages = list(chain.stages.all())
    pair = pages.pair_countries(chain)
    if table == "flows":
        if len(pair) != 2:
            raise Http404("no pair of countries")
        result = pages.glance(definition_of_chain(chain), stages, *pair)["table"]
    else:
        form = _gap_form(request, pair)
        if not form.is_bound or not form.is_valid():
            return HttpResponse(_("Choose a year, an exporter and an importer."), status=400)
        context = _gap_context(chain, form, stages, list(visible_members(request.user, chain)))
        result = pages.gap_table(context["gaps"], context["exporter"], context["importer"])
    body, kind = (to_csv(result), responses.CSV) if fmt == "csv" else (to_xlsx(result), responses.XLSX)
    return responses.download_response(body, f"{chain.slug}-{table}.{fmt}", kind)


@login_required
def chain_candidates(request: HttpRequest, slug: str) -> HttpResponse:
    """Suggested members for a stage and a country (editors only): relations first."""
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    stage = chain.stages.filter(key=request.GET.get("stage", "")).first()
    country = Country.objects.filter(alpha3=(request.GET.get("country") or "").upper()).first()
    if stage is None or country is None:
        return HttpResponse(_("Choose a stage and a country."), status=400)
    found = candidates.suggest_candidates(chain, stage, country)
    template = "chains/_candidates.html" if request.htmx else "chains/candidates.html"
    return render(
        request,
        template,
        {
            "chain": chain,
            "stage": stage,
            "country": country,
            "candidates": found,
            "roles": Member.Role.choices,
        },
    )


def _stage_formset(request: HttpRequest, chain: Chain | None):
    if request.method == "POST":
        return StageFormSet(request.POST, prefix="stage")
    return StageFormSet(prefix="stage", initial=stage_initial(chain) if chain else [])


@login_required
@require_http_methods(["GET", "POST"])
def chain_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Create a chain, or edit one: names side by side, sector, horizon, agreement, public flag,
    and the stages as an ordered list of rows."""
    chain = get_chain_for_user(request.user, slug, for_edit=True) if slug else None
    if chain is None:
        require_chain_editor(request.user)
    agreements = _agreements(request.user)
    initial = ChainForm.initial_for(chain) if chain else {"is_public": True}
    form = ChainForm(request.POST or None, initial=initial, agreements=agreements, editing=chain is not None)
    formset = _stage_formset(request, chain)
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        slug_value = chain.slug if chain else form.cleaned_data["slug"]
        try:
            chain_def = parse_definition(definition_dict(form, formset, slug_value))
            saved = services.do_save_chain(chain_def, actor=request.user, chain=chain, **form.chain_fields())
        except DefinitionError as exc:
            formset._non_form_errors = formset.error_class([str(exc)])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Chain saved."))
            return redirect("chains:detail", slug=saved.slug)
    return render(
        request,
        "chains/form.html",
        {"form": form, "formset": formset, "chain": chain},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def chain_upload(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """A new chain from a tradebridge.chain/1 file, or a chain's stages replaced by one. A bad file
    changes nothing and the message names the stage and the code."""
    chain = get_chain_for_user(request.user, slug, for_edit=True) if slug else None
    if chain is None:
        require_chain_editor(request.user)
    form = DefinitionUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            chain_def = parse_definition(form.cleaned_data["file"])
            saved = services.do_save_chain(chain_def, actor=request.user, chain=chain)
        except DefinitionError as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            for errors in getattr(exc, "message_dict", {"": exc.messages}).values():
                form.add_error("file", errors)
        else:
            messages.success(request, _("Chain definition loaded."))
            return redirect("chains:detail", slug=saved.slug)
    return render(
        request,
        "chains/upload.html",
        {"form": form, "chain": chain},
        status=400 if request.method == "POST" else 200,
    )


def chain_definition(request: HttpRequest, slug: str) -> HttpResponse:
    chain = get_chain_for_user(request.user, slug)
    document = definition_to_json(definition_of_chain(chain))
    body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return responses.download_response(body.encode("utf-8"), f"{chain.slug}.json", "application/json")


@login_required
@require_POST
def chain_archive(request: HttpRequest, slug: str) -> HttpResponse:
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    reason = (request.POST.get("reason") or "").strip()
    if not reason:
        messages.error(request, _("Give the reason for archiving."))
        return redirect("chains:detail", slug=chain.slug)
    services.do_archive_chain(chain, actor=request.user, reason=reason)
    messages.success(request, _("Chain archived."))
    return redirect("chains:list")


@login_required
def chain_history(request: HttpRequest, slug: str) -> HttpResponse:
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    return render(request, "chains/history.html", {"chain": chain, "entries": pages.chain_history(chain)})


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    form = MemberForm(
        request.POST or None,
        chain=chain,
        agreements=_agreements(request.user),
        initial={
            "stage": chain.stages.filter(key=request.GET.get("stage", "")).first(),
            "country": request.GET.get("country", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = services.do_add_member(chain, actor=request.user, **form.member_fields())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(organization)s added to stage %(stage)s.")
                % {"organization": member.organization.display_name, "stage": member.stage.name},
            )
            return redirect(f"{reverse('chains:detail', args=[chain.slug])}#members")
    return render(
        request,
        "chains/member_form.html",
        {"form": form, "chain": chain},
        status=400 if request.method == "POST" else 200,
    )


def _member(chain: Chain, user, member_id: int) -> Member:
    member = visible_members(user, chain).filter(pk=member_id).first()
    if member is None:
        raise Http404(f"no member {member_id}")
    return member


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    member = _member(chain, request.user, member_id)
    form = MemberEditForm(
        request.POST or None,
        member=member,
        agreements=_agreements(request.user),
        initial=MemberEditForm.initial_for(member),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.do_update_member(member, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Changes saved.") if changed else _("Nothing changed."))
            return redirect(f"{reverse('chains:detail', args=[chain.slug])}#members")
    return render(
        request,
        "chains/member_form.html",
        {"form": form, "chain": chain, "member": member},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def member_archive(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    member = _member(chain, request.user, member_id)
    services.do_archive_member(member, actor=request.user)
    messages.success(request, _("Archived."))
    return redirect(f"{reverse('chains:detail', args=[chain.slug])}#members")
