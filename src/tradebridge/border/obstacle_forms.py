"""Forms of the obstacle pages: the report (its examples in the reader's language), the staff
steps (triage, assign, agenda, answer, resolve), more documents and the queue's filters."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tradebridge.border import obstacles
from tradebridge.border.models import Gate, Obstacle


def _note_widget() -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 2})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service (type, size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class GateCodeField(forms.ModelChoiceField):
    """A gate chosen by its zone code (bg-laocai-hekou), as the addresses name it."""

    def prepare_value(self, value):
        if isinstance(value, Gate):
            return value.zone.code
        return super().prepare_value(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        gate = self.queryset.filter(zone__code=str(value)).first()
        if gate is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return gate

    def label_from_instance(self, obj):
        return str(obj)


def _gate_field(required: bool = False) -> forms.ModelChoiceField:
    return GateCodeField(Gate.objects.active().select_related("zone"), required=required,
                         label=capfirst(_("gate")), empty_label=_("— not at one gate —"))


class ObstacleReportForm(forms.Form):
    gate = _gate_field()
    kind = forms.ChoiceField(choices=Obstacle.Kind.choices, label=capfirst(_("kind")))
    hs_code = forms.CharField(
        max_length=12, required=False, label=capfirst(_("product (HS code)")),
        help_text=_("2, 4 or 6 digits, e.g. 0810.90 for dragon fruit."))
    title = forms.CharField(
        max_length=300, label=capfirst(_("title")),
        widget=forms.TextInput(attrs={"placeholder": _(
            "e.g. Phytosanitary certificates for fresh fruit refused at the gate")}))
    description = forms.CharField(
        label=capfirst(_("description")),
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": _(
            "e.g. Since 3 March our trucks of bananas wait two days because the inspection "
            "asks for a paper the exporting side does not issue. What we did, whom we asked.")}))
    documents = MultipleFileField(
        required=False, label=capfirst(_("documents")),
        help_text=_("PDF, JPEG or PNG, at most 10 MB each, up to 5 files."))


class TriageForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Do not accept"))],
                                 widget=forms.RadioSelect, label=capfirst(_("decision")))
    is_public = forms.BooleanField(required=False, label=_("List it publicly, without who raised it"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           label=capfirst(_("reason or note")),
                           help_text=_("Required when the obstacle is not accepted."))


class AssignForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, to_field_name="slug",
                                    label=capfirst(_("responsible agency")))
    response_due = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                   label=capfirst(_("response due")))
    note = forms.CharField(required=False, widget=_note_widget(), label=capfirst(_("note")))

    def __init__(self, *args, obstacle: Obstacle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = obstacles.responsible_agencies(obstacle.gate)
        self.fields["agency"].label_from_instance = lambda o: f"{o.display_name} ({o.country.alpha3})"


class AgendaForm(forms.Form):
    talks = forms.ModelChoiceField(queryset=None, to_field_name="slug", label=capfirst(_("periodic talks")))
    note = forms.CharField(required=False, widget=_note_widget(), label=capfirst(_("note")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talks"].queryset = obstacles.talks_events()
        self.fields["talks"].label_from_instance = lambda e: f"{e.title} ({e.starts_on:%Y-%m-%d})"
        upcoming = obstacles.next_talks()
        if upcoming is not None:
            self.fields["talks"].initial = upcoming.slug


class AnswerForm(forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=capfirst(_("answer")))
    note = forms.CharField(required=False, widget=_note_widget(), label=capfirst(_("note")))


class ResolveForm(forms.Form):
    resolution = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=capfirst(_("resolution")))
    note = forms.CharField(required=False, widget=_note_widget(), label=capfirst(_("note")))


class DocumentsForm(forms.Form):
    documents = MultipleFileField(label=capfirst(_("documents")),
                                  help_text=_("PDF, JPEG or PNG, at most 10 MB each, up to 5 files."))


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(required=False, label=capfirst(_("status")),
                               choices=[("", _("Open ones")), ("all", _("All")), *Obstacle.Status.choices])
    kind = forms.ChoiceField(required=False, label=capfirst(_("kind")),
                             choices=[("", _("All")), *Obstacle.Kind.choices])
    gate = _gate_field()
    overdue = forms.BooleanField(required=False, label=_("Response overdue only"))


ACTION_FORMS = {"triage": TriageForm, "assign": AssignForm, "agenda": AgendaForm, "answer": AnswerForm,
                "resolve": ResolveForm}


def action_form(action: str, obstacle: Obstacle, data=None) -> forms.Form:
    form_class = ACTION_FORMS[action]
    if form_class is AssignForm:
        return form_class(data, obstacle=obstacle, prefix=action)
    return form_class(data, prefix=action)
