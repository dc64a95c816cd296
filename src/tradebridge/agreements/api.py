"""Agreements and their status in the API, with the same permissions as the pages (commitments,
progress and documents: api_followup). A service's ValidationError becomes a 422 in the
project's API handler."""

from __future__ import annotations

from django.http import Http404
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from tradebridge.agreements import exports, queries, services
from tradebridge.agreements.access import (
    get_agreement_for_user,
    require_recorder,
    visible_agreements,
)
from tradebridge.agreements.api_followup import commitment_out
from tradebridge.agreements.api_followup import router as followup_router
from tradebridge.agreements.api_party_consent import router as party_consent_router
from tradebridge.agreements.api_schemas import (
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    AgreementSummary,
    PartyIn,
    RegisterParams,
    StatusIn,
)
from tradebridge.agreements.models import Agreement
from tradebridge.catalog.models import HSCode
from tradebridge.catalog.resolve import normalize_hs
from tradebridge.core import responses
from tradebridge.core.api_errors import ErrorOut
from tradebridge.events.access import can_see_event
from tradebridge.events.models import Event
from tradebridge.geo.models import Country
from tradebridge.registry.models import Organization

router = Router()
# Commitments, progress and documents of one agreement: their own module, the same prefix.
router.add_router("", followup_router)
# Changes of the parties with every party's consent (party_consent).
router.add_router("", party_consent_router)


def _summary(a: Agreement) -> dict:
    return {
        "id": a.pk,
        "title": a.display_title,
        "level": a.level,
        "kind": a.kind,
        "category": a.category,
        "categories": a.categories,
        "origin": a.origin.alpha3 if a.origin_id else None,
        "destination": a.destination.alpha3 if a.destination_id else None,
        "signed_on": a.signed_on,
        "status": a.status,
        "visibility": a.visibility,
        "event": a.event.slug if a.event_id else None,
        "event_label": a.event_label,
        "is_illustrative": a.is_illustrative,
        "parties": [p.organization.slug for p in a.parties.all()],
    }


def _agreement(a: Agreement) -> dict:
    a = Agreement.objects.select_related("origin", "destination", "event").get(pk=a.pk)
    parties = list(a.parties.select_related("organization__country"))
    out = _summary(a)
    out.update(
        titles={
            "vi": a.title_vi,
            "lo": a.title_lo,
            "zh_hans": a.title_zh_hans,
            "en": a.title_en,
            "original": a.title,
        },
        summary=a.display_summary,
        summaries={"vi": a.summary_vi, "lo": a.summary_lo, "zh_hans": a.summary_zh_hans, "en": a.summary_en},
        date_note=a.date_note,
        signed_place=a.signed_place,
        valid_from=a.valid_from,
        valid_until=a.valid_until,
        products=[h.code for h in a.products.all()],
        declared_value=a.declared_value,
        declared_value_usd=a.declared_value_usd,
        currency=a.currency,
        status_since=a.status_since,
        illustrative_note=a.illustrative_note,
        illustrative_fields=sorted(a.illustrative_set),
        source=a.source,
        archived=a.archived_at is not None,
        party_details=[
            {
                "id": p.pk,
                "organization": p.organization.slug,
                "name": p.organization.display_name,
                "country": p.organization.country.alpha3,
                "signatory": p.signatory,
            }
            for p in parties
        ],
        commitments=[commitment_out(c) for c in a.commitments.active().select_related("owner__organization")],
        progress=[
            {
                "id": u.pk,
                "reported_on": u.reported_on,
                "text": u.text,
                "commitment": u.commitment_id,
                "is_illustrative": u.is_illustrative,
                "source": u.source,
            }
            for u in a.progress_updates.active()
        ],
    )
    return out


def _country(code: str | None, field: str) -> Country | None:
    if not code:
        return None
    country = Country.objects.filter(alpha3=code.upper()).first()
    if country is None:
        raise HttpError(422, f"{field}: unknown ISO alpha-3 code {code!r}")
    return country


def _event(slug: str | None, user) -> Event | None:
    if not slug:
        return None
    event = Event.objects.filter(slug=slug).first()
    if event is None or not can_see_event(user, event):
        raise HttpError(422, f"event: no event {slug!r}")
    return event


def _parties(items: list[PartyIn]) -> list[services.PartyIn]:
    found = Organization.objects.in_bulk([p.organization for p in items], field_name="slug")
    missing = [p.organization for p in items if p.organization not in found]
    if missing:
        raise HttpError(422, f"parties: no organisation {', '.join(map(repr, missing))} in the registry")
    return [services.PartyIn(found[p.organization], p.signatory) for p in items]


def _products(codes: list[str]) -> list[HSCode]:
    digits = []
    for raw in codes:
        try:
            digits.append(normalize_hs(raw))
        except ValueError as exc:
            raise HttpError(422, f"products: {exc}") from None
    found = list(HSCode.objects.filter(code__in=digits))
    unknown = sorted(set(digits) - {h.code for h in found})
    if unknown:
        raise HttpError(422, f"products: HS code(s) {', '.join(unknown)} not in HS 2022")
    return found


@router.get("", response=list[AgreementSummary])
def list_agreements(request, params: Query[RegisterParams]):
    filters = queries.RegisterFilters.from_params(params.dict())
    if filters.errors:
        raise HttpError(422, "; ".join(filters.errors))
    found = (
        queries.filter_register(visible_agreements(request.user), filters)
        .select_related("origin", "destination", "event")
        .prefetch_related("parties__organization")
    )
    return [_summary(a) for a in found[params.offset : params.offset + params.limit]]


@router.get("/breakdown", response=dict)
def breakdown(request, params: Query[RegisterParams]):
    """Counts by category and direction of the filtered register (the "12 = 3 + 8 + 1" view)."""
    filters = queries.RegisterFilters.from_params(params.dict())
    result = queries.category_breakdown(queries.filter_register(visible_agreements(request.user), filters))
    return {
        "total": result.total,
        "sum": result.as_sum(),
        "usd_total": str(result.usd_total),
        "values_without_rate": result.unconverted,
        "rates_source": result.rates_source,
        "rates_illustrative": result.rates_illustrative,
        "rows": [
            {
                "category": r.category,
                "direction": r.direction,
                "count": r.count,
                "values": {k: str(v) for k, v in r.values.items()},
                "usd": str(r.usd),
            }
            for r in result.rows
        ],
    }


@router.get("/calendar/{slug}.ics")
def calendar(request, slug: str):
    """iCalendar feed of the open commitments due under the agreements of an organisation."""
    organization = Organization.objects.active().filter(slug=slug).first()
    if organization is None:
        raise Http404(f"no organisation {slug!r}")
    body = exports.commitments_calendar(visible_agreements(request.user), organization)
    return responses.download_response(body, f"{slug}-commitments.ics", responses.ICS, inline=True)


@router.post("", response={201: AgreementOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut}, auth=django_auth)
def create_agreement(request, payload: AgreementIn):
    require_recorder(request.user)
    data = payload.dict(exclude={"parties", "other_categories", "products", "origin", "destination"})
    data["event"] = _event(payload.event, request.user)
    data["currency"] = data["currency"] or ""
    agreement = services.do_create_agreement(
        actor=request.user,
        parties=_parties(payload.parties),
        other_categories=payload.other_categories,
        products=_products(payload.products),
        origin=_country(payload.origin, "origin"),
        destination=_country(payload.destination, "destination"),
        **data,
    )
    return Status(201, _agreement(agreement))


@router.get("/{int:agreement_id}", response={200: AgreementOut, 404: ErrorOut})
def get_agreement(request, agreement_id: int):
    return _agreement(get_agreement_for_user(request.user, agreement_id))


@router.patch(
    "/{int:agreement_id}",
    response={200: AgreementOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def update_agreement(request, agreement_id: int, payload: AgreementPatch):
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    changes = payload.dict(exclude_unset=True)
    parties = changes.pop("parties", None)
    other = changes.pop("other_categories", None)
    if "currency" in changes:
        changes["currency"] = changes["currency"] or ""
    if "event" in changes:
        changes["event"] = _event(changes["event"], request.user)
    if changes.get("event_label") is None:
        changes.pop("event_label", None)
    services.do_update_agreement(
        agreement,
        changes,
        actor=request.user,
        parties=_parties(payload.parties) if parties is not None else None,
        other_categories=other,
    )
    return _agreement(agreement)


@router.delete(
    "/{int:agreement_id}", response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}, auth=django_auth
)
def archive_agreement(request, agreement_id: int):
    """Archive (never delete) an agreement."""
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    services.do_archive_agreement(agreement, actor=request.user, reason="archived through the API")
    return Status(204, None)


@router.post(
    "/{int:agreement_id}/status",
    response={200: AgreementOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
)
def change_status(request, agreement_id: int, payload: StatusIn):
    agreement = get_agreement_for_user(request.user, agreement_id, for_edit=True)
    services.do_change_status(
        agreement,
        payload.status,
        actor=request.user,
        effective_on=payload.effective_on,
        reason=payload.reason,
    )
    return _agreement(agreement)
