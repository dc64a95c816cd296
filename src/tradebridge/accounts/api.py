"""Sign-up applications in the API, for agency staff and administrators only (as the review
pages): the queue, approve (linking to an organisation of the registry, or creating the one
described) and reject with a reason, through the same services as the pages."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.security import django_auth

from tradebridge.accounts import signup
from tradebridge.accounts.models import SignupApplication
from tradebridge.core.access import require_agency_or_admin
from tradebridge.core.api_errors import ErrorOut
from tradebridge.registry.models import Organization

router = Router(auth=django_auth)

REFUSED = {401: ErrorOut, 403: ErrorOut}


class CandidateOut(Schema):
    organization: str = Field(..., description="the organisation's short name (slug)")
    name: str
    reason: str


class ApplicationOut(Schema):
    id: int
    username: str
    name: str
    email: str
    language: str
    status: str
    organization: str | None = Field(None, description="the registry organisation chosen or linked (slug)")
    org_name: str
    org_kind: str
    org_country: str | None = Field(None, description="ISO alpha-3")
    org_province: str | None
    org_identifier: str
    org_phone: str
    message: str
    reason: str
    created_at: datetime
    decided_at: datetime | None
    likely_duplicates: list[CandidateOut]


class ApproveIn(Schema):
    organization: str | None = Field(
        None, description="slug of the registry organisation to link; none: the one the applicant chose, "
        "else a new organisation created from the application")


class RejectIn(Schema):
    reason: str = Field(..., max_length=2000, description="why, for the applicant (required)")


def _out(application: SignupApplication) -> dict:
    user = application.user
    return {
        "id": application.pk, "username": user.username, "name": user.get_full_name(),
        "email": application.email, "language": user.language, "status": application.status,
        "organization": application.organization.slug if application.organization_id else None,
        "org_name": application.org_name, "org_kind": application.org_kind,
        "org_country": application.org_country.alpha3 if application.org_country_id else None,
        "org_province": application.org_province.code if application.org_province_id else None,
        "org_identifier": application.org_identifier, "org_phone": application.org_phone,
        "message": application.message, "reason": application.reason,
        "created_at": application.created_at, "decided_at": application.decided_at,
        "likely_duplicates": [{"organization": c.organization.slug, "name": c.organization.display_name,
                               "reason": c.reason} for c in signup.likely_duplicates(application)],
    }


def _application(request, application_id: int) -> SignupApplication:
    require_agency_or_admin(request.user)
    return get_object_or_404(SignupApplication.objects.select_related(
        "user", "organization", "org_country", "org_province"), pk=application_id)


@router.get("/applications", response={200: list[ApplicationOut], **REFUSED})
def list_applications(request):
    """The applications waiting for review, oldest first."""
    require_agency_or_admin(request.user)
    return [_out(a) for a in signup.pending_applications()]


@router.post("/applications/{int:application_id}/approve",
             response={200: ApplicationOut, **REFUSED, 404: ErrorOut, 422: ErrorOut})
def approve_application(request, application_id: int, payload: ApproveIn):
    """Approve: the account becomes an active member of the organisation; the applicant is
    e-mailed. 422 when already decided or the organisation cannot take members."""
    application = _application(request, application_id)
    organization = None
    if payload.organization:
        organization = get_object_or_404(Organization.objects.active(), slug=payload.organization)
    application = signup.do_approve_application(
        application, actor=request.user, organization=organization,
        login_url=request.build_absolute_uri(reverse("accounts:login")))
    return _out(application)


@router.post("/applications/{int:application_id}/reject",
             response={200: ApplicationOut, **REFUSED, 404: ErrorOut, 422: ErrorOut})
def reject_application(request, application_id: int, payload: RejectIn):
    """Reject with a reason (the applicant reads it, by e-mail); the account stays inactive."""
    application = _application(request, application_id)
    return _out(signup.do_reject_application(application, actor=request.user, reason=payload.reason))
