"""Sign-up pages (the application form), the review queue of agency staff, and password reset."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tradebridge.accounts import signup
from tradebridge.accounts.models import SignupApplication
from tradebridge.accounts.signup_forms import ApproveForm, PasswordResetForm, RejectForm, SignupForm
from tradebridge.core.access import require_agency_or_admin
from tradebridge.core.forms import attach_errors


@require_http_methods(["GET", "POST"])
def signup_apply(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signup.do_apply_for_account(
                username=data["username"], email=data["email"], password=data["password"],
                first_name=data["first_name"], last_name=data["last_name"], language=data["language"],
                organization=data["organization"], message=data["message"],
                org_name=data["org_name"], org_kind=data["org_kind"], org_country=data["org_country"],
                org_province=data["org_province"], org_identifier=data["org_identifier"],
                org_phone=data["org_phone"], site_url=request.build_absolute_uri("/"))
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form},
                  status=400 if form.is_bound and form.errors else 200)


@require_safe
def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_sent.html")


@login_required
@require_safe
def application_queue(request: HttpRequest) -> HttpResponse:
    require_agency_or_admin(request.user)
    return render(request, "accounts/applications.html",
                  {"applications": signup.pending_applications()})


def _application(request: HttpRequest, application_id: int) -> SignupApplication:
    require_agency_or_admin(request.user)
    return get_object_or_404(SignupApplication.objects.select_related(
        "user", "organization__country", "org_country", "org_province", "decided_by"), pk=application_id)


def _review_page(request, application, approve_form=None, reject_form=None, status=200):
    return render(request, "accounts/application.html", {
        "application": application, "candidates": signup.likely_duplicates(application),
        "approve_form": approve_form or ApproveForm(choices=_choices(application)),
        "reject_form": reject_form or RejectForm(),
    }, status=status)


@login_required
@require_safe
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    return _review_page(request, _application(request, application_id))


def _choices(application: SignupApplication) -> list[tuple[str, str]]:
    candidates = signup.likely_duplicates(application)
    choices = [(c.organization.slug, c.organization.display_name) for c in candidates]
    if application.organization_id:
        choices.insert(0, (application.organization.slug, application.organization.display_name))
    return choices


@login_required
@require_POST
def application_approve(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, application_id)
    form = ApproveForm(request.POST, choices=_choices(application))
    if form.is_valid():
        try:
            signup.do_approve_application(
                application, actor=request.user, organization=form.cleaned_data["organization"],
                login_url=request.build_absolute_uri(reverse("accounts:login")))
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Application approved; the applicant has been told by e-mail."))
            return redirect("accounts:applications")
    return _review_page(request, application, approve_form=form, status=400)


@login_required
@require_POST
def application_reject(request: HttpRequest, application_id: int) -> HttpResponse:
    application = _application(request, application_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            signup.do_reject_application(application, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Application rejected; the applicant has been told by e-mail."))
            return redirect("accounts:applications")
    return _review_page(request, application, reject_form=form, status=400)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
