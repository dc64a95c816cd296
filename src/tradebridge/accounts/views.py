from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_http_methods

from tradebridge.accounts import services
from tradebridge.accounts.access import access_own_account
from tradebridge.accounts.forms import PreferencesForm
from tradebridge.core.forms import attach_errors


def set_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    """The cookie Django's language switcher sets, so that the next pages open in `language`."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().language
        if language:  # the site opens in the user's preferred language
            translation.activate(language)
            self.request.LANGUAGE_CODE = language
            set_language_cookie(response, language)
        return response


class LogoutView(auth_views.LogoutView):
    pass  # POST only (Django ≥ 5), so a link cannot sign anyone out.


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    user = access_own_account(request.user)
    form = PreferencesForm(request.POST or None,
                           initial={"language": user.language, "time_zone": user.time_zone})
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.do_update_preferences(user, language=form.cleaned_data["language"],
                                                     time_zone=form.cleaned_data["time_zone"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            response = redirect("accounts:account")
            language = user.language or translation.get_language()
            with translation.override(language):  # the next page is in the chosen language
                messages.success(request, _("Preferences saved.") if changed else _("Nothing changed."))
            if user.language:
                set_language_cookie(response, user.language)
            return response
    return render(request, "accounts/account.html", {"account": user, "form": form},
                  status=400 if form.is_bound and form.errors else 200)


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switcher; a signed-in user's choice is also kept as their preferred
    language (the site opens in it at the next sign-in, e-mails are written in it)."""
    response = i18n.set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        services.do_remember_language(request.user, request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER))
    return response
