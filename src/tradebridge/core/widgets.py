"""Form widgets shared by the apps: a text input with a list of suggestions (<datalist>), a
checkbox list with a search box, a select whose options carry data attributes. Their behaviour
in the browser is in static/tradebridge/forms.js (no inline scripts)."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


class DatalistInput(forms.TextInput):
    """A text input offering `options` ((value, label) pairs) as the browser filters while typing;
    the form's field still checks the value."""

    def __init__(self, options=(), attrs=None):
        super().__init__(attrs)
        self.options = list(options)

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or name}-list"
        attrs.update({"list": list_id, "autocomplete": "off", "spellcheck": "false"})
        field = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">{}</option>', self.options)
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in a scrolling box with a search field above that hides the ones that do not
    match (chosen ones stay visible)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        box_id = attrs.get("id") or name
        checkboxes = super().render(name, value, attrs, renderer)
        search = format_html(
            '<input type="search" class="checklist-search" data-filter-list="{}" placeholder="{}"'
            ' aria-label="{}">',
            box_id, _("Search"), _("Search the list"))
        return format_html('<div class="checklist">{}<div class="checklist-box">{}</div></div>',
                           search, mark_safe(checkboxes))  # noqa: S308 - Django's own rendering


class DataSelect(forms.Select):
    """A select whose options carry `data-*` attributes: `option_data(value) → {"country": "7"}`."""

    def __init__(self, option_data=None, attrs=None):
        super().__init__(attrs)
        self.option_data = option_data or (lambda value: {})

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        key = getattr(value, "value", value)
        if key not in (None, ""):
            option["attrs"].update({f"data-{k}": v for k, v in self.option_data(key).items()})
        return option
