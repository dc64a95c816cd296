"""Pages of the proposed changes of an agreement's parties (`party_consent`): the proposal form
and the pending proposal on the agreement's page, a page per proposal (for an organisation
asked to join, which may not see the agreement), and the consent, refusal and withdrawal
buttons. Thin: parse, check access, call a service, back to the page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tradebridge.agreements import party_consent, services
from tradebridge.agreements.access import can_change_parties, get_agreement_for_user, visible_agreements
from tradebridge.agreements.form_actions import run_form_action
from tradebridge.agreements.models import Agreement, Visibility
from tradebridge.registry.models import Organization


class PartyProposalForm(forms.Form):
    keep = forms.MultipleChoiceField(
        label=gettext_lazy("parties that stay"), required=False, widget=forms.CheckboxSelectMultiple
    )
    add = forms.ModelMultipleChoiceField(
        Organization.objects.none(),
        to_field_name="slug",
        required=False,
        label=gettext_lazy("organisations that join"),
    )
    visibility = forms.ChoiceField(label=gettext_lazy("who may see it"), choices=Visibility.choices)
    reason = forms.CharField(
        label=gettext_lazy("reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, agreement: Agreement, **kwargs):
        self.current = list(agreement.parties.select_related("organization"))
        kwargs.setdefault(
            "initial",
            {"keep": [p.organization.slug for p in self.current], "visibility": agreement.visibility},
        )
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [
            (p.organization.slug, p.organization.display_name) for p in self.current
        ]
        self.fields["add"].queryset = (
            Organization.objects.active()
            .exclude(pk__in=[p.organization_id for p in self.current])
            .order_by("name")
        )

    def parties(self) -> list[services.PartyIn]:
        keep = set(self.cleaned_data["keep"])
        return [
            *(
                services.PartyIn(p.organization, p.signatory)
                for p in self.current
                if p.organization.slug in keep
            ),
            *(services.PartyIn(o) for o in self.cleaned_data["add"]),
        ]


def detail_context(user: Any, agreement: Agreement) -> dict[str, Any]:
    """What the agreement's page shows of proposals: the recent ones the user may see and, for a
    member of a party while none is pending, the form to propose one."""
    proposals = [
        party_consent.describe(user, p) for p in party_consent.proposals_for_user(user, agreement)[:5]
    ]
    live = any(v.proposal.is_pending and not v.stale for v in proposals)
    may_propose = party_consent.can_propose(user, agreement) and not live
    return {
        "party_proposals": proposals,
        "party_proposal_form": PartyProposalForm(agreement=agreement) if may_propose else None,
        "parties_changed_directly": can_change_parties(user, agreement),
    }


@login_required
@require_POST
def party_proposal_add(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = get_agreement_for_user(request.user, agreement_id)
    if not party_consent.can_propose(request.user, agreement):
        raise PermissionDenied(
            _("Only a member of a party to this agreement can propose a change of its parties.")
        )
    form = PartyProposalForm(request.POST, agreement=agreement)

    def action(data: dict) -> None:
        party_consent.do_propose_party_change(
            agreement,
            actor=request.user,
            parties=form.parties(),
            visibility=data["visibility"],
            reason=data["reason"],
            site_url=request.build_absolute_uri("/"),
        )
        messages.success(
            request, _("Your proposal is recorded; the other organisations concerned are asked to answer it.")
        )

    return run_form_action(request, agreement, form, action)


def party_proposal(request: HttpRequest, agreement_id: int, proposal_id: int) -> HttpResponse:
    proposal = party_consent.get_proposal_for_user(request.user, agreement_id, proposal_id)
    agreement = proposal.agreement
    return render(
        request,
        "agreements/party_proposal.html",
        {
            "agreement": agreement,
            "view": party_consent.describe(request.user, proposal),
            "sees_agreement": visible_agreements(request.user, include_archived=True)
            .filter(pk=agreement.pk)
            .exists(),
        },
    )


ANSWERS = {
    "consent": (
        party_consent.do_consent_party_change,
        gettext_lazy("Your organisation's consent is recorded."),
    ),
    "refuse": (
        party_consent.do_refuse_party_change,
        gettext_lazy("Your organisation's refusal is recorded."),
    ),
    "withdraw": (party_consent.do_withdraw_party_change, gettext_lazy("The proposal is withdrawn.")),
}


@login_required
@require_POST
def party_proposal_answer(
    request: HttpRequest, agreement_id: int, proposal_id: int, action: str
) -> HttpResponse:
    proposal = party_consent.get_proposal_for_user(request.user, agreement_id, proposal_id)
    service, done = ANSWERS[action]
    extra = {} if action == "withdraw" else {"note": request.POST.get("note", "")}
    try:
        service(proposal, actor=request.user, **extra)
        messages.success(request, str(done))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if visible_agreements(request.user, include_archived=True).filter(pk=agreement_id).exists():
        return redirect("agreements:detail", agreement_id=agreement_id)
    return redirect("agreements:party_proposal", agreement_id=agreement_id, proposal_id=proposal_id)
