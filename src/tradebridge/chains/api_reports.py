"""Reports to the ministers in the API (/api/chains/reports…): for agency staff of the parties
and administrators only; a submitted report returns its figures as frozen."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from tradebridge.agreements.access import get_agreement_for_user
from tradebridge.chains import reports
from tradebridge.chains.access import get_chain_for_user
from tradebridge.core.access import require_agency_or_admin
from tradebridge.core.api_errors import ErrorOut, InvalidOut

router = Router()


class ReportOut(Schema):
    id: int
    agreement: int | None
    chain: str | None
    period_start: dt.date
    period_end: dt.date
    submitted_to: str
    submitted_by: str
    submitted_at: dt.datetime
    language: str
    figures: dict | None = None


class ReportIn(Schema):
    chain: str | None = None
    agreement: int | None = None
    period_start: dt.date
    period_end: dt.date
    submitted_to: str = ""
    language: str = "vi"


def _report(r, *, with_figures: bool) -> dict:
    return {
        "id": r.pk,
        "agreement": r.agreement_id,
        "chain": r.chain.slug if r.chain_id else None,
        "period_start": r.period_start,
        "period_end": r.period_end,
        "submitted_to": r.submitted_to,
        "submitted_by": r.submitted_by.username,
        "submitted_at": r.submitted_at,
        "language": r.language,
        "figures": r.figures if with_figures else None,
    }


@router.get("/reports", response={200: list[ReportOut], 401: ErrorOut, 403: ErrorOut}, auth=django_auth)
def list_reports(request):
    require_agency_or_admin(request.user)
    return [_report(r, with_figures=False) for r in reports.visible_reports(request.user)]


@router.get(
    "/reports/{int:report_id}",
    response={200: ReportOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=django_auth,
)
def get_report(request, report_id: int):
    require_agency_or_admin(request.user)
    report = reports.visible_reports(request.user).filter(pk=report_id).first()
    if report is None:
        raise Http404(f"no report {report_id}")
    return _report(report, with_figures=True)


def _scope(request, payload: ReportIn):
    if payload.chain:
        chain = get_chain_for_user(request.user, payload.chain)
        return chain.agreement, chain
    if payload.agreement:
        return get_agreement_for_user(request.user, payload.agreement), None
    raise HttpError(422, "chain: give a chain (slug) or an agreement (id)")


@router.post(
    "/reports/preview",
    response={200: dict, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
    auth=django_auth,
)
def preview_report(request, payload: ReportIn):
    """The figures as they would be submitted now; nothing is recorded."""
    agreement, chain = _scope(request, payload)
    reports.require_report_editor(request.user, agreement, chain)
    return reports.report_figures(
        agreement=agreement, chain=chain, period_start=payload.period_start, period_end=payload.period_end
    )


@router.post(
    "/reports",
    response={201: ReportOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
    auth=django_auth,
)
def submit_report(request, payload: ReportIn):
    agreement, chain = _scope(request, payload)
    report = reports.do_submit_report(
        actor=request.user,
        agreement=agreement,
        chain=chain,
        period_start=payload.period_start,
        period_end=payload.period_end,
        submitted_to=payload.submitted_to,
        language=payload.language,
    )
    return Status(201, _report(report, with_figures=True))
