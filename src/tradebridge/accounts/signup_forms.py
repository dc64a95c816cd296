"""Forms of sign-up (the application), its review by agency staff and password reset."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.forms import LanguageSelect
from tradebridge.accounts.models import LANGUAGE_CHOICES
from tradebridge.core.mail import language_of
from tradebridge.geo.models import Province
from tradebridge.geo.queries import focus_countries
from tradebridge.registry.models import Organization


class OrganizationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.display_name} ({obj.country.alpha3})"


class ProvinceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Province) -> str:
        return f"{obj.name} ({obj.country.alpha3})"


class CountryChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class SignupForm(forms.Form):
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail address"),
                             help_text=_("We write to you here when your application has been reviewed."))
    username = forms.CharField(label=_("Username"), max_length=150,
                               help_text=_("Letters, digits and @ . + - _ only."))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    language = forms.ChoiceField(label=_("Preferred language"), required=False, widget=LanguageSelect)
    organization = OrganizationChoice(
        label=_("Your organisation in the registry"), required=False, queryset=Organization.objects.none(),
        empty_label=_("— not listed: describe it below —"),
        help_text=_("Choose it if it is already listed; otherwise describe it below."))
    org_name = forms.CharField(label=_("Organisation name"), max_length=255, required=False)
    org_kind = forms.ChoiceField(label=_("Kind"), required=False)
    org_country = CountryChoice(label=_("Country"), required=False, queryset=focus_countries(),
                                empty_label="—")
    org_province = ProvinceChoice(label=_("Province"), required=False, empty_label="—",
                                  queryset=Province.objects.none())
    org_identifier = forms.CharField(label=_("Tax or registration number"), max_length=32, required=False)
    org_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    message = forms.CharField(label=_("Message to the agency"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("— not chosen —")), *LANGUAGE_CHOICES]
        self.fields["language"].initial = translation.get_language()
        self.fields["organization"].queryset = (
            Organization.objects.active().filter(kind__in=Organization.BUSINESS_KINDS)
            .select_related("country").order_by("country__alpha3", "name"))
        kinds = [(k.value, k.label) for k in Organization.BUSINESS_KINDS]
        self.fields["org_kind"].choices = [("", "—"), *kinds]
        self.fields["org_province"].queryset = (
            Province.objects.filter(country__in=focus_countries()).select_related("country")
            .order_by("country__alpha3", "name_en"))


class ApproveForm(forms.Form):
    """Which organisation the account joins: a likely duplicate, any organisation of the
    registry by its short name, or a new one made from the application."""

    NEW = "new"
    target = forms.ChoiceField(label=_("Link the account to"), widget=forms.RadioSelect)
    other = forms.SlugField(label=_("or another organisation (its short name)"), required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [*choices, (self.NEW, _("a new organisation, as described")),
                                         ("other", _("the organisation named below"))]
        # A likely duplicate first; a new organisation only when nothing resembles it.
        self.fields["target"].initial = choices[0][0] if choices else self.NEW

    def clean(self):
        data = super().clean()
        if data.get("target") == "other":
            organization = Organization.objects.active().filter(slug=data.get("other") or "").first()
            if organization is None:
                self.add_error("other", _("No organisation has this short name."))
            data["organization"] = organization
        elif data.get("target") and data["target"] != self.NEW:
            data["organization"] = Organization.objects.active().filter(slug=data["target"]).first()
            if data["organization"] is None:
                self.add_error("target", _("This organisation is no longer in the registry."))
        else:
            data["organization"] = None
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason (the applicant reads it)"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, with our label, writing to each user in their own language."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        with translation.override(language_of(context.get("user"))):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email,
                              html_email_template_name)
