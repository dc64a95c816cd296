"""What needs attention: overdue commitments, agreements about to expire or already past their
end date while still open, and dormant agreements nobody reported on for a while.

Plain functions over plain values, so that they are tested without the database. "Today" is
the date in the agency's own time zone: at 23:30 UTC it is already tomorrow in Hanoi and
Vientiane (UTC+7) and in Kunming (UTC+8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

# Days before the end date from which an open agreement counts as expiring.
EXPIRING_WITHIN_DAYS = 60
# Days without a progress report after which an open agreement counts as dormant.
DORMANT_AFTER_DAYS = 180
# Commitments due within this many days are listed as "due soon".
DUE_SOON_DAYS = 30

COUNTRY_TIME_ZONES = {
    "VNM": "Asia/Ho_Chi_Minh",
    "LAO": "Asia/Vientiane",
    "CHN": "Asia/Shanghai",
    "THA": "Asia/Bangkok",
    "KHM": "Asia/Phnom_Penh",
    "MMR": "Asia/Yangon",
}
DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh"


def time_zone_for(user=None, organization=None) -> str:
    """The user's own time zone, else the one of its organisation's country."""
    tz = getattr(user, "time_zone", "") if getattr(user, "is_authenticated", False) else ""
    if tz:
        return tz
    organization = organization or getattr(user, "organization", None)
    alpha3 = getattr(getattr(organization, "country", None), "alpha3", "")
    return COUNTRY_TIME_ZONES.get(alpha3, DEFAULT_TIME_ZONE)


def local_today(time_zone: str, now: dt.datetime | None = None) -> dt.date:
    """The calendar date in `time_zone` at the instant `now` (aware; default: now)."""
    now = now or timezone.now()
    if timezone.is_naive(now):
        raise ValueError("`now` must be an aware datetime")
    return now.astimezone(ZoneInfo(time_zone)).date()


@dataclass(frozen=True)
class CommitmentFacts:
    id: int
    agreement_id: int
    title: str
    due_on: dt.date | None
    closed: bool


@dataclass(frozen=True)
class AgreementFacts:
    id: int
    title: str
    active: bool
    signed_on: dt.date | None
    valid_until: dt.date | None
    last_progress_on: dt.date | None


def is_overdue(c: CommitmentFacts, today: dt.date) -> bool:
    return not c.closed and c.due_on is not None and c.due_on < today


def is_due_soon(c: CommitmentFacts, today: dt.date, days: int = DUE_SOON_DAYS) -> bool:
    return not c.closed and c.due_on is not None and today <= c.due_on <= today + dt.timedelta(days=days)


def is_expiring(a: AgreementFacts, today: dt.date, days: int = EXPIRING_WITHIN_DAYS) -> bool:
    return (
        a.active and a.valid_until is not None and today <= a.valid_until <= today + dt.timedelta(days=days)
    )


def is_expired_open(a: AgreementFacts, today: dt.date) -> bool:
    """Past its end date but still signed or in implementation: someone must close it."""
    return a.active and a.valid_until is not None and a.valid_until < today


def is_dormant(a: AgreementFacts, today: dt.date, days: int = DORMANT_AFTER_DAYS) -> bool:
    """Open, and neither signed nor reported on in the last `days` days."""
    if not a.active:
        return False
    last = a.last_progress_on or a.signed_on
    return last is not None and (today - last).days > days


@dataclass
class Attention:
    today: dt.date
    overdue: list[CommitmentFacts]
    due_soon: list[CommitmentFacts]
    expiring: list[AgreementFacts]
    expired_open: list[AgreementFacts]
    dormant: list[AgreementFacts]

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.expiring) + len(self.expired_open) + len(self.dormant)


@dataclass(frozen=True)
class Thresholds:
    """The day counts of the checks: the module constants unless an operator overrides them
    (`tradebridge agreements-remind --dormant-days N --expiring-days N --due-soon-days N`)."""

    expiring_days: int = EXPIRING_WITHIN_DAYS
    dormant_days: int = DORMANT_AFTER_DAYS
    due_soon_days: int = DUE_SOON_DAYS


def attention(
    agreements: Iterable[AgreementFacts],
    commitments: Iterable[CommitmentFacts],
    today: dt.date,
    thresholds: Thresholds | None = None,
) -> Attention:
    agreements, commitments = list(agreements), list(commitments)
    t = thresholds or Thresholds()
    return Attention(
        today=today,
        overdue=sorted((c for c in commitments if is_overdue(c, today)), key=lambda c: c.due_on),
        due_soon=sorted(
            (c for c in commitments if is_due_soon(c, today, t.due_soon_days)), key=lambda c: c.due_on
        ),
        expiring=sorted(
            (a for a in agreements if is_expiring(a, today, t.expiring_days)), key=lambda a: a.valid_until
        ),
        expired_open=sorted(
            (a for a in agreements if is_expired_open(a, today)), key=lambda a: a.valid_until
        ),
        dormant=[a for a in agreements if is_dormant(a, today, t.dormant_days)],
    )
