"""Sign-up: an enterprise applies for an account (`do_apply_for_account`), agency staff approve
it, linking the account to an organisation of the registry or creating one
(`do_approve_application`), or reject it with a reason (`do_reject_application`). The applicant
is told by e-mail, in their language, either way; until approved the account cannot sign in
(it is inactive). Agency staff of the applicant's country are told of each new application by
e-mail, with a link to it (`reviewers`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.accounts.models import Role, SignupApplication, User, check_role_membership
from tradebridge.core import mail
from tradebridge.geo.models import Country, Province
from tradebridge.registry import identifiers as identifier_rules
from tradebridge.registry.dedupe import identifier_key, name_key
from tradebridge.registry.dedupe.keys import name_tokens
from tradebridge.registry.models import Identifier, Organization
from tradebridge.registry.services import do_create_organization

log = logging.getLogger(__name__)

# Shared words of two names (after legal forms are dropped) from which they are shown as alike.
SIMILAR_NAME_SHARE = 0.5
MAX_CANDIDATES = 6


@dataclass(frozen=True)
class Candidate:
    """An organisation of the registry that may be the one an applicant describes."""

    organization: Organization
    reason: str
    score: float


def _check_account(username: str, email: str, password: str, errors: dict[str, list[str]]) -> None:
    if not username:
        errors.setdefault("username", []).append(_("Choose a username."))
    elif User.objects.filter(username__iexact=username).exists():
        errors.setdefault("username", []).append(_("This username is taken: choose another."))
    if not email:
        errors.setdefault("email", []).append(_("Enter your e-mail address."))
    elif pending_applications().filter(email__iexact=email).exists():
        errors.setdefault("email", []).append(
            _("An application with this e-mail address is already waiting for review."))
    elif User.objects.filter(email__iexact=email, is_active=True).exists():
        errors.setdefault("email", []).append(
            _("An account with this e-mail address exists: sign in, or reset its password."))
    try:
        validate_password(password, User(username=username, email=email))
    except ValidationError as exc:
        errors.setdefault("password", []).extend(exc.messages)


def _check_new_organization(values: dict[str, Any], errors: dict[str, list[str]]) -> str:
    """Check the description of a new organisation; returns its identifier, normalised."""
    if not values.get("org_name", "").strip():
        errors.setdefault("org_name", []).append(
            _("Choose your organisation from the list, or give its name."))
    if values.get("org_kind") not in {k.value for k in Organization.BUSINESS_KINDS}:
        errors.setdefault("org_kind", []).append(_("Choose the kind of organisation."))
    country: Country | None = values.get("org_country")
    province: Province | None = values.get("org_province")
    if country is None:
        errors.setdefault("org_country", []).append(_("Choose the country."))
    elif province is not None and province.country_id != country.pk:
        errors.setdefault("org_province", []).append(_("This province is not in the chosen country."))
    raw = (values.get("org_identifier") or "").strip()
    scheme = identifier_rules.scheme_for_country(country.alpha3) if country else None
    if raw and scheme:
        try:
            return identifier_rules.validate(scheme, raw)
        except identifier_rules.IdentifierError as exc:
            errors.setdefault("org_identifier", []).append(str(exc))
    return raw


@transaction.atomic
def do_apply_for_account(*, username: str, email: str, password: str, first_name: str = "",
                         last_name: str = "", language: str = "", time_zone: str = "",
                         organization: Organization | None = None, message: str = "",
                         site_url: str = "", **new_organization: Any) -> SignupApplication:
    """Create an inactive account and its application. The organisation is one of the registry
    (`organization`, an enterprise, cooperative or association) or described by `org_name`,
    `org_kind`, `org_country`, `org_province`, `org_identifier`, `org_phone`. Checks everything
    before writing anything; raises ValidationError naming the fields. Once saved, the reviewers
    are e-mailed a link to the application (`site_url`: the site's address, for the link)."""
    username, email = username.strip(), email.strip().lower()
    errors: dict[str, list[str]] = {}
    _check_account(username, email, password, errors)
    identifier = ""
    if organization is not None:
        if organization.kind not in Organization.BUSINESS_KINDS or organization.is_archived:
            errors.setdefault("organization", []).append(
                _("Only enterprises, cooperatives and associations can sign up here."))
        new_organization = {}
    else:
        identifier = _check_new_organization(new_organization, errors)
    if errors:
        raise ValidationError(errors)
    user = User(username=username, email=email, first_name=first_name.strip(), last_name=last_name.strip(),
                role=Role.VISITOR, is_active=False, language=language or "")
    if time_zone:
        user.time_zone = time_zone
    user.set_password(password)
    user.save()
    application = SignupApplication.objects.create(
        user=user, email=email, organization=organization, message=message.strip(),
        org_name=new_organization.get("org_name", "").strip(), org_kind=new_organization.get("org_kind", ""),
        org_country=new_organization.get("org_country"), org_province=new_organization.get("org_province"),
        org_identifier=identifier, org_phone=(new_organization.get("org_phone") or "").strip(),
    )
    transaction.on_commit(lambda: _tell_reviewers(application, site_url))
    return application


def reviewers(application: SignupApplication) -> list[User]:
    """Who is told of a new application: the agency staff of the applicant's country; where
    that country has none, all agency staff; where there are none, the administrators."""
    staff = User.objects.filter(is_active=True, role=Role.AGENCY_STAFF, organization__isnull=False)
    country = (application.organization.country_id if application.organization_id
               else application.org_country_id)
    found = list(staff.filter(organization__country_id=country)) if country else []
    if not found:
        found = list(staff)
    if not found:
        found = list(User.objects.filter(is_active=True, role=Role.ADMINISTRATOR))
    return found


def _tell_reviewers(application: SignupApplication, site_url: str) -> None:
    """Each reviewer in their own language and time zone; a mail server's failure is logged (the
    application waits in the queue all the same)."""
    link = urljoin(site_url or "/", reverse("accounts:application", args=[application.pk]))
    user = application.user

    def build(audience: mail.Audience) -> tuple[str, str]:
        organization = (application.organization.display_name if application.organization_id
                        else application.org_name)
        subject = _("[TradeBridge] New account application: %(organization)s") % {
            "organization": organization}
        body = _("%(name)s (%(email)s) applies for an account for %(organization)s, on %(when)s "
                 "(%(zone)s).\n\nReview the application (approve it, link it to the registry or reject "
                 "it) at:\n%(url)s\n") % {
            "name": user.get_full_name() or user.username, "email": application.email,
            "organization": organization, "when": mail.local_datetime(application.created_at),
            "zone": audience.zone_name, "url": link}
        return subject, body

    try:
        mail.send_to_users(reviewers(application), build)
    except OSError:
        log.exception("could not e-mail the reviewers of sign-up application %s", application.pk)


def pending_applications():
    return (SignupApplication.objects.filter(status=SignupApplication.Status.PENDING)
            .select_related("user", "organization", "org_country", "org_province"))


def likely_duplicates(application: SignupApplication) -> list[Candidate]:
    """Organisations of the registry that may be the one the applicant describes, most alike
    first: the same registration number, the same name (legal forms, case and accents aside:
    the registry's name key), or a name sharing most of its words."""
    if application.organization_id or not application.org_name:
        return []
    found: dict[int, Candidate] = {}
    if application.org_identifier:
        wanted = identifier_key(application.org_identifier)
        for ident in Identifier.objects.select_related("organization").filter(
                organization__archived_at__isnull=True):
            if identifier_key(ident.value) == wanted:
                found[ident.organization_id] = Candidate(
                    ident.organization, _("same tax or registration number"), 1.0)
    key = name_key(application.org_name)
    tokens = set(name_tokens(key))
    others = Organization.objects.active().filter(kind__in=Organization.BUSINESS_KINDS)
    if application.org_country_id:
        others = others.filter(country_id=application.org_country_id)
    for organization in others.select_related("country", "province"):
        if organization.pk in found:
            continue
        names = {n for n in (organization.name, organization.name_vi, organization.name_lo,
                             organization.name_zh_hans, organization.name_en) if n}
        best = 0.0
        for name in names:
            other = name_key(name)
            if other == key:
                best = 1.0
                break
            other_tokens = set(name_tokens(other))
            if tokens and other_tokens:
                best = max(best, len(tokens & other_tokens) / len(tokens | other_tokens))
        if best >= 1.0:
            found[organization.pk] = Candidate(organization, _("same name"), 0.99)
        elif best >= SIMILAR_NAME_SHARE:
            found[organization.pk] = Candidate(organization, _("similar name"), best)
    return sorted(found.values(), key=lambda c: -c.score)[:MAX_CANDIDATES]


def _require_pending(application: SignupApplication) -> None:
    if not application.is_pending:
        raise ValidationError(_("This application has already been decided."))


def do_approve_application(application: SignupApplication, *, actor: Any,
                           organization: Organization | None = None,
                           login_url: str = "") -> SignupApplication:
    """Approve: the account becomes an active enterprise member of `organization` (the one
    staff linked; by default the one the applicant chose) or, when there is none, of a new
    organisation created from the application. E-mails the applicant."""
    with transaction.atomic():
        application = SignupApplication.objects.select_for_update().get(pk=application.pk)
        _require_pending(application)
        organization = organization or application.organization
        if organization is None:
            organization = do_create_organization(
                actor=actor, kind=application.org_kind, name=application.org_name,
                country=application.org_country, province=application.org_province,
                identifier=application.org_identifier, contact_email=application.email,
                contact_phone=application.org_phone, reason=_("created from a sign-up application"))
        check_role_membership(Role.ENTERPRISE_MEMBER, organization)
        user = application.user
        user.role, user.organization, user.is_active = Role.ENTERPRISE_MEMBER, organization, True
        user.save(update_fields=["role", "organization", "is_active"])
        application.status = SignupApplication.Status.APPROVED
        application.organization = organization
        application.decided_by, application.decided_at = actor, timezone.now()
        application.save(update_fields=["status", "organization", "decided_by", "decided_at"])
    _tell_applicant(application, login_url or reverse("accounts:login"))
    return application


def do_reject_application(application: SignupApplication, *, actor: Any, reason: str) -> SignupApplication:
    """Reject with a reason (required: the applicant reads it). The account stays inactive."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, for the applicant.")})
    with transaction.atomic():
        application = SignupApplication.objects.select_for_update().get(pk=application.pk)
        _require_pending(application)
        application.status = SignupApplication.Status.REJECTED
        application.reason = reason
        application.decided_by, application.decided_at = actor, timezone.now()
        application.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    _tell_applicant(application, "")
    return application


def _tell_applicant(application: SignupApplication, login_url: str) -> None:
    """The decision, in the applicant's language (the account may be inactive, so it is written
    to the address with the account's language and time zone)."""
    user = application.user

    def build(audience: mail.Audience) -> tuple[str, str]:
        if application.status == SignupApplication.Status.APPROVED:
            subject = _("Your TradeBridge account is ready")
            body = _("Hello %(name)s,\n\nyour application has been approved: your account is linked to "
                     "%(organization)s. Sign in with your username %(username)s at %(url)s.\n") % {
                "name": user.get_full_name() or user.username, "username": user.username,
                "organization": application.organization.display_name, "url": login_url}
        else:
            subject = _("Your TradeBridge application was not approved")
            body = _("Hello %(name)s,\n\nyour application for an account was not approved, for this "
                     "reason:\n\n%(reason)s\n\nYou may apply again with the missing details.\n") % {
                "name": user.get_full_name() or user.username, "reason": application.reason}
        return subject, body

    try:
        mail.send_to_users([], build, addresses=[application.email], language=user.language or None,
                           time_zone=user.time_zone)
    except OSError:  # the decision stands; the mail server's failure is logged
        log.exception("could not e-mail the decision on sign-up application %s", application.pk)
