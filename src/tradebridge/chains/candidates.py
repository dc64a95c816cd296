"""Candidate members for a stage of a chain: organisations of one country whose offers or needs
are products of the stage. The MOU (seed 003) says to start with enterprises that already have
production or trade relations with the other side, so those come first, with the evidence:
they met at an event, exchanged meeting requests, signed an agreement together, or their
partner is already a member of the chain."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from tradebridge.agreements.models import Party, Visibility
from tradebridge.chains.models import Chain, Stage
from tradebridge.events.models import Meeting, MeetingRequest
from tradebridge.geo.models import Country
from tradebridge.registry.models import Organization, TradeItem
from tradebridge.trade.labels import product_names

# How much each kind of relation with the other side weighs; products only break ties.
WEIGHTS = {"agreement": 4000, "meeting": 3000, "request": 2000, "partner_member": 1000}
EXACT_PRODUCT, BROAD_PRODUCT = 1.0, 0.5


@dataclass
class Candidate:
    organization: Organization
    direction: str  # "offer" or "need"
    products: list[dict] = field(default_factory=list)  # {"code", "dotted", "name", "direction", "text"}
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)

    @property
    def has_relations(self) -> bool:
        return bool(self.evidence)


def other_side(chain: Chain, country: Country) -> Q:
    """Organisations of the other side: of the other party countries of the chain's agreement,
    or of any other country when the chain has none."""
    if chain.agreement_id is not None:
        countries = set(chain.agreement.parties.values_list("organization__country_id", flat=True))
        countries.discard(country.pk)
        if countries:
            return Q(country_id__in=countries)
    return ~Q(country_id=country.pk)


def _prefixes(subheadings: list[str]) -> set[str]:
    """The codes an offer or need may carry to fall in the stage: a subheading, or the heading
    or chapter above it."""
    return {code[:n] for code in subheadings for n in (2, 4, 6)}


def _matching_items(stage: Stage, country: Country) -> list[TradeItem]:
    members = stage.members.active().values("organization_id")
    return list(
        TradeItem.objects.active()
        .filter(
            hs__code__in=_prefixes(stage.subheadings or []),
            organization__country=country,
            organization__archived_at__isnull=True,
            organization__merged_into__isnull=True,
        )
        .exclude(organization__kind__in=(Organization.Kind.AGENCY, Organization.Kind.RESEARCH))
        .exclude(organization_id__in=members)
        .select_related("hs", "organization")
        .order_by("organization_id", "id")
    )


def _pair(sender, recipient, org_ids: set[int]):
    """(candidate, partner) of a two-sided relation."""
    return (sender, recipient) if sender.pk in org_ids else (recipient, sender)


def _evidence(chain: Chain, org_ids: set[int], partner_rule: Q) -> dict[int, list[tuple[str, str]]]:
    """Per candidate organisation: (kind, sentence) for each relation with the other side."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    partners = Organization.objects.filter(partner_rule).values("pk")
    met: set[tuple[int, int, int]] = set()
    meetings = (
        Meeting.objects.exclude(attendance=Meeting.Attendance.NO_SHOW)
        .exclude(request__status=MeetingRequest.Status.CANCELLED)
        .filter(event__archived_at__isnull=True)
        .filter(
            Q(request__sender__organization_id__in=org_ids, request__recipient__organization_id__in=partners)
            | Q(
                request__recipient__organization_id__in=org_ids, request__sender__organization_id__in=partners
            )
        )
        .select_related("event", "slot", "request__sender__organization", "request__recipient__organization")
        .order_by("slot__starts_at")
    )
    partner_of: dict[int, set[int]] = defaultdict(set)
    for meeting in meetings:
        own, partner = _pair(
            meeting.request.sender.organization, meeting.request.recipient.organization, org_ids
        )
        met.add((own.pk, partner.pk, meeting.event_id))
        partner_of[own.pk].add(partner.pk)
        found[own.pk].append(
            (
                "meeting",
                _("Met %(partner)s at %(event)s on %(date)s")
                % {
                    "partner": partner.display_name,
                    "event": meeting.event.title,
                    "date": meeting.slot.starts_at.date().isoformat(),
                },
            )
        )
    requests = (
        MeetingRequest.objects.exclude(status=MeetingRequest.Status.CANCELLED)
        .filter(event__archived_at__isnull=True)
        .filter(
            Q(sender__organization_id__in=org_ids, recipient__organization_id__in=partners)
            | Q(recipient__organization_id__in=org_ids, sender__organization_id__in=partners)
        )
        .select_related("event", "sender__organization", "recipient__organization")
        .order_by("created_at")
    )
    for request in requests:
        own, partner = _pair(request.sender.organization, request.recipient.organization, org_ids)
        if (own.pk, partner.pk, request.event_id) in met:
            continue  # the meeting already says it
        met.add((own.pk, partner.pk, request.event_id))
        partner_of[own.pk].add(partner.pk)
        found[own.pk].append(
            (
                "request",
                _("Exchanged meeting requests with %(partner)s at %(event)s")
                % {"partner": partner.display_name, "event": request.event.title},
            )
        )
    # Private agreements stay out: their existence is their recording organisation's business.
    own_parties = (
        Party.objects.filter(organization_id__in=org_ids, agreement__archived_at__isnull=True)
        .exclude(agreement__visibility=Visibility.PRIVATE)
        .values_list("agreement_id", "organization_id")
    )
    by_agreement: dict[int, set[int]] = defaultdict(set)
    for agreement_id, org_id in own_parties:
        by_agreement[agreement_id].add(org_id)
    other_parties = (
        Party.objects.filter(agreement_id__in=by_agreement, organization_id__in=partners)
        .select_related("agreement", "organization")
        .order_by("agreement__signed_on", "agreement_id")
    )
    for party in other_parties:
        for org_id in sorted(by_agreement[party.agreement_id]):
            partner_of[org_id].add(party.organization_id)
            found[org_id].append(
                (
                    "agreement",
                    _("Signed agreement %(agreement)s with %(partner)s")
                    % {
                        "agreement": party.agreement.display_title,
                        "partner": party.organization.display_name,
                    },
                )
            )
    chain_members = {
        m.organization_id: m
        for m in chain.members.active()
        .filter(partner_rule)
        .select_related("organization", "stage")
        .order_by("-stage__position")
    }
    for org_id, partner_ids in partner_of.items():
        for partner_id in sorted(partner_ids & set(chain_members)):
            member = chain_members[partner_id]
            found[org_id].append(
                (
                    "partner_member",
                    _("%(partner)s is already a member of this chain at stage %(stage)s")
                    % {"partner": member.organization.display_name, "stage": member.stage.name},
                )
            )
    return found


def suggest_candidates(
    chain: Chain, stage: Stage, country: Country | str, *, limit: int = 20
) -> list[Candidate]:
    """Organisations of `country` that offer or need a product of `stage` and are not members
    at that stage yet: those with relations to the other side first, then by products."""
    if isinstance(country, str):
        country = Country.objects.get(alpha3=country.upper())
    items = _matching_items(stage, country)
    if not items:
        return []
    names = product_names(sorted({item.hs.code for item in items}))
    candidates: dict[int, Candidate] = {}
    for item in items:
        candidate = candidates.setdefault(item.organization_id, Candidate(item.organization, item.direction))
        if item.direction == TradeItem.Direction.OFFER:
            candidate.direction = TradeItem.Direction.OFFER  # a supplier first
        candidate.products.append(
            {
                "code": item.hs.code,
                "dotted": item.hs.dotted,
                "name": names.get(item.hs.code, item.hs.code),
                "direction": item.direction,
                "text": item.text,
            }
        )
        exact = len(item.hs.code) == 6 and not item.hs_resolved
        candidate.score += EXACT_PRODUCT if exact else BROAD_PRODUCT
    evidence = _evidence(chain, set(candidates), other_side(chain, country))
    for org_id, facts in evidence.items():
        candidate = candidates[org_id]
        candidate.evidence = [sentence for _kind, sentence in facts]
        candidate.score += sum(WEIGHTS[kind] for kind in {kind for kind, _s in facts})
        candidate.score += 10 * len(facts)  # more relations, a little higher
    ranked = sorted(candidates.values(), key=lambda c: (-c.score, c.organization.display_name.casefold()))
    return ranked[:limit]
