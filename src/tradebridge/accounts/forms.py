"""The account page's form: preferred language and time zone."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tradebridge.accounts.models import LANGUAGE_CHOICES
from tradebridge.accounts.services import time_zone_names


class LanguageSelect(forms.Select):
    """Marks each option with its language, so that screen readers and fonts treat it right."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["lang"] = value
        return option


class PreferencesForm(forms.Form):
    # Each language is named in itself, so that a reader finds their own in any interface language.
    language = forms.ChoiceField(
        label=_("Preferred language"),
        required=False,
        widget=LanguageSelect,
        help_text=_("The site opens in this language when you sign in, and e-mails to you are "
                    "written in it. Not chosen: Vietnamese."),
        error_messages={"invalid_choice": _("Unknown language “%(value)s”: choose one from the list.")},
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Times in e-mails to you are shown in this time zone."),
        error_messages={"invalid_choice": _("Unknown time zone “%(value)s”: choose one from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("— not chosen —")), *LANGUAGE_CHOICES]
        self.fields["time_zone"].choices = [(name, name) for name in time_zone_names()]
