"""Chains, stages and members in the API (/api/chains); pilots (api_pilots) and reports to the
ministers (api_reports) are added to the same router. The same permissions as the pages
(chains.access): a chain the user may not see is a 404, a change the user may not make a 403.
A bad definition or member is a 422 whose message names the stage, code or field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from tradebridge.agreements.access import visible_agreements
from tradebridge.chains import candidates, gaps, pages, services
from tradebridge.chains.access import (
    can_edit_chain,
    get_chain_for_user,
    require_chain_editor,
    visible_chains,
    visible_members,
)
from tradebridge.chains.api_pilots import router as pilots_router
from tradebridge.chains.api_reports import router as reports_router
from tradebridge.chains.definition import (
    DefinitionError,
    definition_of_chain,
    definition_to_json,
    parse_definition,
)
from tradebridge.chains.forms import MemberEditForm, MemberForm
from tradebridge.chains.models import Chain, Member
from tradebridge.core.api_errors import ErrorOut, InvalidOut
from tradebridge.geo.models import Country

router = Router()
router.add_router("", pilots_router)
router.add_router("", reports_router)
# The paths under a chain's slug: added after pilots and reports so that /pilots and /reports
# are not taken for a slug (a router's own paths come before those of the routers it includes).
chains_router = Router()
router.add_router("", chains_router)

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}


def _names(obj) -> dict[str, str]:
    return {"vi": obj.name_vi, "lo": obj.name_lo, "zh-hans": obj.name_zh_hans, "en": obj.name_en}


def _summary(chain: Chain, counts: dict[int, list[tuple[str, int]]] | None = None) -> dict:
    return {
        "slug": chain.slug,
        "name": chain.name,
        "names": _names(chain),
        "sector": chain.sector.code if chain.sector_id else None,
        "horizon_year": chain.horizon_year,
        "agreement": chain.agreement_id,
        "is_public": chain.is_public,
        "is_project_mapping": chain.is_project_mapping,
        "is_illustrative": chain.is_illustrative,
        "members_by_country": dict(counts.get(chain.pk, [])) if counts is not None else None,
    }


def _member(m: Member) -> dict:
    return {
        "id": m.pk,
        "stage": m.stage.key,
        "organization": m.organization.slug,
        "name": m.organization.display_name,
        "country": m.country.alpha3,
        "role": m.role,
        "zone": m.zone.code if m.zone_id else None,
        "is_sme": m.is_sme,
        "status": m.status,
        "agreement": m.agreement_id,
        "note": m.note,
        "joined_on": m.joined_on,
        "is_illustrative": m.is_illustrative,
    }


def _detail(chain: Chain, user) -> dict:
    members = visible_members(user, chain)
    return {
        **_summary(chain),
        "description": chain.description,
        "hs": list(chain.hs_codes or []),
        "archived": chain.archived_at is not None,
        "can_edit": can_edit_chain(user, chain),
        "stages": [
            {
                "id": s.key,
                "position": s.position,
                "name": s.name,
                "names": _names(s),
                "hs": list(s.hs_codes or []),
                "bec_stage": s.bec_stage or None,
                "subheadings": list(s.subheadings or []),
            }
            for s in chain.stages.all()
        ],
        "members": [_member(m) for m in members],
    }


def _parse(body: bytes):
    try:
        return parse_definition(body)
    except DefinitionError as exc:
        raise ValidationError({"definition": [str(exc)]}) from None


def _save(chain_def, user, chain: Chain | None = None, **fields) -> Chain:
    try:
        return services.do_save_chain(chain_def, actor=user, chain=chain, **fields)
    except DefinitionError as exc:
        raise ValidationError({"definition": [str(exc)]}) from None


@router.get("", response=list[dict])
def list_chains(request):
    chains = list(visible_chains(request.user).select_related("sector"))
    counts = pages.members_by_country(chains)
    return [_summary(c, counts) for c in chains]


class CreateParams(Schema):
    agreement: int | None = None
    horizon_year: int | None = None
    is_public: bool = True


@router.post("", response={201: dict, **ERRORS}, auth=django_auth)
def create_chain(request, params: Query[CreateParams]):
    """The body is a tradebridge.chain/1 document; the agreement (id), horizon year and
    visibility come as query parameters."""
    require_chain_editor(request.user)
    agreement = None
    if params.agreement is not None:
        agreement = visible_agreements(request.user).filter(pk=params.agreement).first()
        if agreement is None:
            raise ValidationError({"agreement": [f"no agreement {params.agreement}"]})
    chain = _save(
        _parse(request.body),
        request.user,
        agreement=agreement,
        horizon_year=params.horizon_year,
        is_public=params.is_public,
    )
    return Status(201, _detail(chain, request.user))


@chains_router.get("/{slug}", response={200: dict, 404: ErrorOut})
def get_chain(request, slug: str):
    return _detail(get_chain_for_user(request.user, slug), request.user)


@chains_router.get("/{slug}/definition", response={200: dict, 404: ErrorOut})
def get_definition(request, slug: str):
    return definition_to_json(definition_of_chain(get_chain_for_user(request.user, slug)))


@chains_router.put("/{slug}/definition", response={200: dict, **ERRORS}, auth=django_auth)
def put_definition(request, slug: str):
    """Replace the chain's names and stages by those of a tradebridge.chain/1 document."""
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    _save(_parse(request.body), request.user, chain=chain)
    return definition_to_json(definition_of_chain(chain))


@chains_router.delete(
    "/{slug}", response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}, auth=django_auth
)
def archive_chain(request, slug: str):
    """Archive (never delete) a chain."""
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    services.do_archive_chain(chain, actor=request.user, reason="archived through the API")
    return Status(204, None)


# -- members ---------------------------------------------------------------------------------


class MemberIn(Schema):
    stage: str
    organization: str
    role: str
    zone: str | None = None
    is_sme: bool = False
    status: str = Member.Status.CANDIDATE
    agreement: int | None = None
    note: str = ""


class MemberPatch(Schema):
    stage: str | None = None
    role: str | None = None
    zone: str | None = None
    is_sme: bool | None = None
    status: str | None = None
    agreement: int | None = None
    note: str | None = None


def _stage_pk(chain: Chain, key: str | None):
    if not key:
        return ""
    stage = chain.stages.filter(key=key).first()
    if stage is None:
        raise ValidationError({"stage": [f"no stage {key!r} in chain {chain.slug}"]})
    return stage.pk


def _form_data(values: dict) -> dict:
    data = {k: ("" if v is None else v) for k, v in values.items()}
    if not values.get("is_sme"):
        data.pop("is_sme", None)  # an unchecked box is an absent field
    return data


def _checked(form) -> dict:
    if not form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
    return form.cleaned_data


@chains_router.get("/{slug}/members", response={200: list[dict], 404: ErrorOut})
def list_members(request, slug: str):
    chain = get_chain_for_user(request.user, slug)
    return [_member(m) for m in visible_members(request.user, chain)]


@chains_router.post("/{slug}/members", response={201: dict, **ERRORS}, auth=django_auth)
def add_member(request, slug: str, payload: MemberIn):
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    values = payload.dict()
    values["stage"] = _stage_pk(chain, payload.stage)
    country = Country.objects.filter(organization__slug=payload.organization).values_list("alpha3", flat=True)
    values["country"] = country.first() or ""
    form = MemberForm(_form_data(values), chain=chain, agreements=visible_agreements(request.user))
    member = services.do_add_member(chain, actor=request.user, **_member_fields(_checked(form)))
    return Status(201, _member(member))


def _member_fields(data: dict) -> dict:
    data = dict(data)
    data.pop("country", None)
    return data


def _member_for(chain: Chain, user, member_id: int) -> Member:
    member = visible_members(user, chain).filter(pk=member_id).first()
    if member is None:
        raise HttpError(404, f"no member {member_id} in chain {chain.slug}")
    return member


@chains_router.patch("/{slug}/members/{int:member_id}", response={200: dict, **ERRORS}, auth=django_auth)
def update_member(request, slug: str, member_id: int, payload: MemberPatch):
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    member = _member_for(chain, request.user, member_id)
    changes = payload.dict(exclude_unset=True)
    if "stage" in changes:
        changes["stage"] = _stage_pk(chain, changes["stage"])
    values = {**MemberEditForm.initial_for(member), **changes}
    form = MemberEditForm(_form_data(values), member=member, agreements=visible_agreements(request.user))
    services.do_update_member(member, _checked(form), actor=request.user)
    return _member(
        Member.objects.select_related("stage", "organization", "country", "zone").get(pk=member.pk)
    )


@chains_router.post(
    "/{slug}/members/{int:member_id}/archive", response={200: dict, **ERRORS}, auth=django_auth
)
def archive_member(request, slug: str, member_id: int):
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    member = _member_for(chain, request.user, member_id)
    services.do_archive_member(member, actor=request.user)
    return {**_member(member), "archived": True}


# -- gaps and candidates -----------------------------------------------------------------------


class GapParams(Schema):
    year: int | None = None
    exporter: str | None = None
    importer: str | None = None
    top: int | None = None


@chains_router.get("/{slug}/gaps", response={200: dict, 404: ErrorOut, 422: InvalidOut})
def chain_gaps(request, slug: str, params: Query[GapParams]):
    """The gap report (tradebridge.chain-gaps/1): defaults are the latest year and the chain's
    pair of countries (the second selling to the first)."""
    chain = get_chain_for_user(request.user, slug)
    pair = [c.alpha3 for c in pages.pair_countries(chain)]
    years = gaps.available_years()
    year = params.year if params.year is not None else (max(years) if years else 0)
    if params.top is not None and params.top < 1:
        raise ValidationError({"top": ["top must be 1 or more"]})
    try:
        return gaps.gap_report(
            definition_of_chain(chain),
            year=year,
            exporter=params.exporter or pair[-1],
            importer=params.importer or pair[0],
            top=params.top,
        )
    except gaps.GapError as exc:
        raise ValidationError({"year" if "flows for" in str(exc) else "exporter": [str(exc)]}) from None


@chains_router.get("/{slug}/candidates", response={200: list[dict], **ERRORS}, auth=django_auth)
def chain_candidates(request, slug: str, stage: str, country: str):
    """Suggested members for a stage and a country (editors only), relations first."""
    chain = get_chain_for_user(request.user, slug, for_edit=True)
    found_stage = chain.stages.filter(key=stage).first()
    if found_stage is None:
        raise ValidationError({"stage": [f"no stage {stage!r} in chain {chain.slug}"]})
    found_country = Country.objects.filter(alpha3=country.upper()).first()
    if found_country is None:
        raise ValidationError({"country": [f"unknown ISO alpha-3 code {country!r}"]})
    return [
        {
            "organization": c.organization.slug,
            "name": c.organization.display_name,
            "direction": c.direction,
            "score": c.score,
            "evidence": c.evidence,
            "products": [
                {"code": p["code"], "name": p["name"], "direction": p["direction"]} for p in c.products
            ],
        }
        for c in candidates.suggest_candidates(chain, found_stage, found_country)
    ]
