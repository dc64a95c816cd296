"""Reads of the register: filters, the counts by category and direction, follow-up facts and
the change history. Callers pass a queryset already limited by `access.visible_agreements`."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max, Q, QuerySet

from tradebridge.agreements import followup, fx
from tradebridge.agreements.access import visible_agreements
from tradebridge.agreements.models import (
    ACTIVE_STATUSES,
    Agreement,
    Category,
    Commitment,
    Document,
    Level,
    Party,
    PartyChangeAnswer,
    PartyChangeProposal,
    ProgressUpdate,
    Status,
)
from tradebridge.core.history import HistoryEntry, diffed_entries, related_entry
from tradebridge.core.text import fold
from tradebridge.events.models import Event


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


@dataclass
class RegisterFilters:
    q: str = ""
    level: str = ""
    category: str = ""
    country: str = ""
    status: str = ""
    event: str = ""
    signed_from: dt.date | None = None
    signed_to: dt.date | None = None
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params) -> RegisterFilters:
        f = cls(q=(params.get("q") or "").strip()[:200], event=(params.get("event") or "").strip()[:200])
        for name, allowed in (
            ("level", Level.values),
            ("category", Category.values),
            ("status", Status.values),
        ):
            value = (params.get(name) or "").strip()
            if value and value not in allowed:
                f.errors.append(f"{name}: unknown value {value!r}")
            elif value:
                setattr(f, name, value)
        f.country = (params.get("country") or "").strip().upper()[:3]
        for name in ("signed_from", "signed_to"):
            raw = params.get(name) or ""
            parsed = _date(raw)
            if raw and parsed is None:
                f.errors.append(f"{name}: not a date (YYYY-MM-DD): {raw!r}")
            setattr(f, name, parsed)
        year = (params.get("year") or "").strip()
        if year.isdigit() and len(year) == 4:
            f.signed_from, f.signed_to = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
        return f

    def is_empty(self) -> bool:
        return not any(
            (
                self.q,
                self.level,
                self.category,
                self.country,
                self.status,
                self.event,
                self.signed_from,
                self.signed_to,
            )
        )


def filter_register(queryset: QuerySet[Agreement], f: RegisterFilters) -> QuerySet[Agreement]:
    if f.level:
        queryset = queryset.filter(level=f.level)
    if f.category:
        queryset = queryset.filter(Q(category=f.category) | Q(other_categories__contains=f",{f.category},"))
    if f.status:
        queryset = queryset.filter(status=f.status)
    if f.country:
        queryset = queryset.filter(parties__organization__country__alpha3=f.country)
    if f.event:
        # An event's agreements include those of its parts (a mission's conference).
        queryset = queryset.filter(
            Q(event__slug=f.event) | Q(event__part_of__slug=f.event) | Q(event_label=f.event)
        )
    if f.signed_from:
        queryset = queryset.filter(signed_on__gte=f.signed_from)
    if f.signed_to:
        queryset = queryset.filter(signed_on__lte=f.signed_to)
    if f.q:
        needle = fold(f.q)
        ids = [
            a.pk
            for a in queryset.only("id", "title", "title_vi", "title_lo", "title_zh_hans", "title_en")
            if needle in fold(" ".join((a.title, a.title_vi, a.title_lo, a.title_zh_hans, a.title_en)))
        ]
        queryset = queryset.filter(pk__in=ids)
    return queryset.distinct()


@dataclass
class CategoryRow:
    category: str
    label: str
    direction: str  # "LAO → VNM" or ""
    count: int
    values: dict[str, Decimal]
    usd: Decimal = Decimal(0)  # the values that have a known rate, in USD
    unconverted: int = 0  # declared values without a known rate for their year


@dataclass
class Breakdown:
    total: int
    rows: list[CategoryRow]

    @property
    def usd_total(self) -> Decimal:
        return sum((r.usd for r in self.rows), Decimal(0))

    @property
    def unconverted(self) -> int:
        return sum(r.unconverted for r in self.rows)

    @property
    def has_values(self) -> bool:
        return any(r.values for r in self.rows)

    @property
    def rates_source(self) -> str:
        return fx.source()

    @property
    def rates_illustrative(self) -> bool:
        return fx.is_illustrative()

    def as_sum(self) -> str:
        """The "12 = 3 + 8 + 1" line."""
        return f"{self.total} = " + " + ".join(str(r.count) for r in self.rows) if self.rows else "0"


def category_breakdown(queryset: QuerySet[Agreement]) -> Breakdown:
    """Counts and declared values (per currency) by main category and direction of goods."""
    counts: Counter = Counter()
    values: dict[tuple, dict[str, Decimal]] = defaultdict(dict)
    usd: dict[tuple, Decimal] = defaultdict(Decimal)
    unconverted: Counter = Counter()
    rows = queryset.values_list(
        "id", "category", "origin__alpha3", "destination__alpha3", "declared_value", "currency", "signed_on"
    ).distinct()
    for _id, category, origin, destination, value, currency, signed_on in rows:
        key = (category, f"{origin} → {destination}" if origin and destination else "")
        counts[key] += 1
        if value is not None and currency:
            values[key][currency] = values[key].get(currency, Decimal(0)) + value
            in_usd = fx.to_usd(value, currency, signed_on.year if signed_on else None)
            if in_usd is None:
                unconverted[key] += 1
            else:
                usd[key] += in_usd
    labels = dict(Category.choices)
    order = {code: i for i, code in enumerate(Category.values)}
    result = [
        CategoryRow(
            cat,
            str(labels.get(cat, cat)),
            direction,
            n,
            values.get((cat, direction), {}),
            usd.get((cat, direction), Decimal(0)),
            unconverted[(cat, direction)],
        )
        for (cat, direction), n in counts.items()
    ]
    result.sort(key=lambda r: (order.get(r.category, 99), r.direction))
    return Breakdown(sum(counts.values()), result)


def facet_counts(queryset: QuerySet[Agreement]) -> dict[str, list[tuple[str, int]]]:
    ids = list(queryset.values_list("id", flat=True))
    base = Agreement.objects.filter(pk__in=ids)
    out: dict[str, list[tuple[str, int]]] = {}
    for name in ("level", "status"):
        counted = Counter(base.values_list(name, flat=True))
        out[name] = sorted(((k, n) for k, n in counted.items() if k), key=lambda item: -item[1])
    out["event"] = event_facet(base)
    pairs = set(
        Party.objects.filter(agreement_id__in=ids).values_list(
            "agreement_id", "organization__country__alpha3"
        )
    )
    countries = Counter(country for _agreement, country in pairs)
    out["country"] = sorted(countries.items(), key=lambda item: -item[1])
    return out


def event_facet(queryset: QuerySet[Agreement]) -> list[tuple[str, str, int]]:
    """(filter key, name, count) per event: events of the events app by slug, then the labels of
    events the system does not hold."""
    linked: Counter = Counter()
    for event_id, parent_id in queryset.exclude(event=None).values_list("event_id", "event__part_of_id"):
        linked[event_id] += 1
        if parent_id:  # counted for the mission too, as the register's filter finds it there
            linked[parent_id] += 1
    events = Event.objects.in_bulk(list(linked))
    rows = [(events[pk].slug, events[pk].title, n) for pk, n in linked.items()]
    unlinked = queryset.filter(event=None).exclude(event_label="")
    labels = Counter(unlinked.values_list("event_label", flat=True))
    rows += [(label, label, n) for label, n in labels.items()]
    return sorted(rows, key=lambda row: (-row[2], row[1]))


def agreements_signed_at(event: Event, user: Any) -> QuerySet[Agreement]:
    """The agreements signed at an event that this user may see (for the event's page)."""
    return (
        visible_agreements(user)
        .filter(Q(event=event) | Q(event__part_of=event))
        .select_related("origin", "destination")
        .prefetch_related("parties__organization")
        .order_by("-signed_on", "id")
    )


def agreement_facts(queryset: QuerySet[Agreement]) -> list[followup.AgreementFacts]:
    rows = queryset.annotate(
        last_progress=Max(
            "progress_updates__reported_on", filter=Q(progress_updates__archived_at__isnull=True)
        )
    ).values_list("id", "title", "status", "archived_at", "signed_on", "valid_until", "last_progress")
    titles = {a.pk: a.display_title for a in Agreement.objects.filter(pk__in=[r[0] for r in rows])}
    return [
        followup.AgreementFacts(
            pk, titles.get(pk, title), status in ACTIVE_STATUSES and archived is None, signed, until, last
        )
        for pk, title, status, archived, signed, until, last in rows
    ]


def commitment_facts(queryset: QuerySet[Agreement]) -> list[followup.CommitmentFacts]:
    commitments = Commitment.objects.active().filter(
        agreement__in=queryset.values("id"), agreement__status__in=ACTIVE_STATUSES
    )
    return [
        followup.CommitmentFacts(c.pk, c.agreement_id, c.title, c.due_on, c.is_closed) for c in commitments
    ]


def attention_for(
    queryset: QuerySet[Agreement], today: dt.date, thresholds: followup.Thresholds | None = None
) -> followup.Attention:
    return followup.attention(agreement_facts(queryset), commitment_facts(queryset), today, thresholds)


def agreement_history(agreement: Agreement, limit: int = 300) -> list[HistoryEntry]:
    """Every change of the agreement, its parties, documents, commitments and progress, newest
    first, with the fields that changed (old → new)."""
    entries = diffed_entries(agreement.history, Agreement)
    for model, label in (
        (Party, "party"),
        (Document, "document"),
        (Commitment, "commitment"),
        (ProgressUpdate, "progress"),
        (PartyChangeProposal, "proposed change of parties"),
        (PartyChangeAnswer, "answer to a proposed change of parties"),
    ):
        for record in model.history.filter(agreement_id=agreement.pk).select_related("history_user"):
            entries.append(related_entry(record, label, str(record)))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
