"""The periodic report to the ministers (seed 003: the joint working group "nộp báo cáo định kỳ
lên các bộ trưởng hai bên"), for one chain or for every chain of an agreement: members by stage
and country and how they changed (from the members' history), meetings and agreements between
members, bilateral trade by stage with growth, gaps closed and open, pilot milestones, work-plan
progress and training delivered.

`report_figures` returns plain JSON data with every name in the four languages, so that a
submitted report (`do_submit_report`) keeps its figures frozen and is still printed in any
language; nothing on a submitted report's page is recomputed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.agreements.models import Agreement
from tradebridge.chains import gaps
from tradebridge.chains.access import can_edit_chain
from tradebridge.chains.definition import definition_of_chain
from tradebridge.chains.models import Chain, Member, MinisterReport, Pilot
from tradebridge.chains.report_sections import (
    between_members,
    milestone_figures,
    moment,
    names_of,
    titles_of,
    training_figures,
    work_plan_figures,
)
from tradebridge.core.access import is_administrator, is_agency_staff, organization_id_of
from tradebridge.registry.models import Organization
from tradebridge.trade.store import TradeStore

FORMAT = "tradebridge.minister-report/1"
MAX_PERIOD_YEARS = 3


def check_period(start: dt.date | None, end: dt.date | None, *, today: dt.date | None = None) -> None:
    """A report covers a past period of at most three years; refused with the field named."""
    today = today or timezone.localdate()
    if start is None or end is None:
        raise ValidationError(
            {"period_start" if start is None else "period_end": _("Give the period's dates.")}
        )
    if end < start:
        raise ValidationError({"period_end": _("The period ends before it starts.")})
    try:
        limit = start.replace(year=start.year + MAX_PERIOD_YEARS)
    except ValueError:  # 29 February
        limit = start.replace(year=start.year + MAX_PERIOD_YEARS, day=28)
    if end >= limit:
        raise ValidationError(
            {"period_end": _("A report covers at most %(years)s years.") % {"years": MAX_PERIOD_YEARS}}
        )
    if end > today:
        raise ValidationError(
            {
                "period_end": _("The period cannot end in the future (today is %(today)s).")
                % {"today": today.isoformat()}
            }
        )


def _scope(agreement: Agreement | None, chain: Chain | None) -> tuple[Agreement | None, list[Chain]]:
    if chain is None and agreement is None:
        raise ValidationError({"chain": _("Choose a chain or an agreement.")})
    if chain is not None:
        if agreement is not None and chain.agreement_id not in (None, agreement.pk):
            raise ValidationError({"agreement": _("The chain does not implement this agreement.")})
        return agreement or chain.agreement, [chain]
    return agreement, list(agreement.chains.active().prefetch_related("stages"))


def _sides(agreement: Agreement | None, chains: list[Chain]) -> list[str]:
    """The two countries of the report (ISO alpha-3): the parties' countries in the order the
    parties are recorded, else the members' countries."""
    codes: list[str] = []
    if agreement is not None:
        for code in agreement.parties.order_by("id").values_list("organization__country__alpha3", flat=True):
            if code not in codes:
                codes.append(code)
    if len(codes) < 2:
        counts = defaultdict(int)
        for code in Member.objects.filter(chain__in=chains).values_list("country__alpha3", flat=True):
            counts[code] += 1
        codes += [c for c, _n in sorted(counts.items(), key=lambda kv: -kv[1]) if c not in codes]
    return codes[:2]


def _snapshots(chains: list[Chain], moments: list[dt.datetime]) -> list[dict[int, dict]]:
    """The active members of the chains at each moment, read from the members' history
    (django-simple-history): member id → {stage, country, organisation, status, illustrative}."""
    history = Member.history.model
    rows = (
        history.objects.filter(chain_id__in=[c.pk for c in chains], history_date__lt=max(moments))
        .order_by("history_date", "history_id")
        .values(
            "id",
            "history_date",
            "history_type",
            "archived_at",
            "stage_id",
            "country_id",
            "organization_id",
            "status",
            "is_illustrative",
            "chain_id",
        )
    )
    snapshots: list[dict[int, dict]] = [{} for _m in moments]
    for row in rows:
        for snapshot, when in zip(snapshots, moments, strict=True):
            if row["history_date"] >= when:
                continue
            archived = row["archived_at"] is not None and row["archived_at"] < when
            gone = row["history_type"] == "-" or archived
            if gone:
                snapshot.pop(row["id"], None)
            else:
                snapshot[row["id"]] = row
    return snapshots


def _country_codes(ids) -> dict[int, str]:
    from tradebridge.geo.models import Country

    return dict(Country.objects.filter(pk__in=set(ids)).values_list("pk", "alpha3"))


def _member_figures(chain: Chain, sides: list[str], start: dict, end: dict, codes: dict[int, str]) -> tuple:
    """Per stage: members per country at the start and end, joined and left; the gap at each
    end of the period."""
    stages = []
    for stage in chain.stages.all():
        per_country: dict[str, dict[str, int]] = {}
        countries = list(sides)
        for snapshot in (start, end):
            for row in snapshot.values():
                code = codes.get(row["country_id"], "?")
                if row["stage_id"] == stage.pk and code not in countries:
                    countries.append(code)
        for code in countries:
            at_start = {
                i
                for i, r in start.items()
                if r["stage_id"] == stage.pk and codes.get(r["country_id"]) == code
            }
            at_end = {
                i for i, r in end.items() if r["stage_id"] == stage.pk and codes.get(r["country_id"]) == code
            }
            per_country[code] = {
                "start": len(at_start),
                "end": len(at_end),
                "joined": len(at_end - at_start),
                "left": len(at_start - at_end),
            }
        gap_start = any(per_country.get(c, {}).get("start", 0) == 0 for c in sides) if sides else False
        gap_end = any(per_country.get(c, {}).get("end", 0) == 0 for c in sides) if sides else False
        status = (
            "closed"
            if gap_start and not gap_end
            else "open"
            if gap_start and gap_end
            else "opened"
            if gap_end
            else "covered"
        )
        stages.append(
            {
                "key": stage.key,
                "names": names_of(stage),
                "members": per_country,
                "gap": {
                    "start": gap_start,
                    "end": gap_end,
                    "status": status,
                    "missing": [c for c in sides if per_country.get(c, {}).get("end", 0) == 0],
                },
            }
        )
    by_status: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in end.values():
        by_status[codes.get(row["country_id"], "?")][row["status"]] += 1
    return stages, {code: dict(values) for code, values in by_status.items()}


def _growth(now: float, before: float | None) -> float | None:
    if before is None or before <= 0:
        return None
    return round((now - before) / before * 100, 1)


def _trade(chain: Chain, sides: list[str], period_end: dt.date) -> dict:
    """Bilateral trade in the chain's products by stage, the last year in the store up to the
    period's end against the year before (helper gaps.bilateral_by_stage)."""
    out = {
        "a": sides[0] if sides else None,
        "b": sides[1] if len(sides) > 1 else None,
        "year": None,
        "previous_year": None,
        "synthetic": False,
        "rows": [],
    }
    if len(sides) < 2:
        return out
    years = sorted(y for y in gaps.available_years() if y <= period_end.year)
    if not years:
        return out
    year = years[-1]
    previous = year - 1 if year - 1 in years else None
    wanted = [year] if previous is None else [previous, year]
    flows = gaps.bilateral_by_stage(definition_of_chain(chain), a=sides[0], b=sides[1], years=wanted)
    by_key = {(r["stage"], r["year"]): r for r in flows}
    # Synthetic demo flows (trade.demo) are illustrative, and the report says so.
    synthetic = set(TradeStore().synthetic_years())
    out.update(year=year, previous_year=previous, synthetic=bool(synthetic & set(wanted)))
    for stage in chain.stages.all():
        now = by_key.get((stage.key, year), {})
        before = by_key.get((stage.key, previous)) if previous else None
        a_to_b, b_to_a = float(now.get("a_to_b", 0) or 0), float(now.get("b_to_a", 0) or 0)
        prev_ab = float(before.get("a_to_b", 0) or 0) if before else None
        prev_ba = float(before.get("b_to_a", 0) or 0) if before else None
        out["rows"].append(
            {
                "stage": stage.key,
                "names": names_of(stage),
                "a_to_b": a_to_b,
                "b_to_a": b_to_a,
                "a_to_b_previous": prev_ab,
                "b_to_a_previous": prev_ba,
                "growth_a_to_b": _growth(a_to_b, prev_ab),
                "growth_b_to_a": _growth(b_to_a, prev_ba),
            }
        )
    return out


def report_figures(
    *,
    agreement: Agreement | None = None,
    chain: Chain | None = None,
    period_start: dt.date,
    period_end: dt.date,
) -> dict:
    """The report's figures for one chain (`chain`) or every chain of `agreement` (overall)."""
    check_period(period_start, period_end)
    agreement, chains = _scope(agreement, chain)
    sides = _sides(agreement, chains)
    start_at, end_at = moment(period_start), moment(period_end) + dt.timedelta(days=1)
    start, end = _snapshots(chains, [start_at, end_at]) if chains else ({}, {})
    codes = _country_codes(r["country_id"] for snap in (start, end) for r in snap.values())
    org_countries: dict[int, set[str]] = defaultdict(set)
    for snapshot in (start, end):
        for row in snapshot.values():
            org_countries[row["organization_id"]].add(codes.get(row["country_id"], "?"))
    meetings, signed = between_members(dict(org_countries), period_start, period_end)
    pilot_rule = Q(chain__in=chains)
    if chain is None and agreement is not None:
        pilot_rule |= Q(agreement=agreement)
    pilots = list(Pilot.objects.active().filter(pilot_rule).distinct())
    chain_blocks = []
    for c in chains:
        c_start = {i: r for i, r in start.items() if r["chain_id"] == c.pk}
        c_end = {i: r for i, r in end.items() if r["chain_id"] == c.pk}
        stages, by_status = _member_figures(c, sides, c_start, c_end, codes)
        chain_blocks.append(
            {
                "slug": c.slug,
                "names": names_of(c),
                "is_illustrative": c.is_illustrative,
                "is_project_mapping": c.is_project_mapping,
                "stages": stages,
                "status_at_end": by_status,
                "illustrative_members": sum(1 for r in c_end.values() if r["is_illustrative"]),
                "trade": _trade(c, sides, period_end),
            }
        )
    totals: dict[str, Any] = {"members": {}, "gaps_open": 0, "gaps_closed": 0}
    for block in chain_blocks:
        for stage in block["stages"]:
            for code, n in stage["members"].items():
                t = totals["members"].setdefault(code, {"start": 0, "end": 0, "joined": 0, "left": 0})
                for key in t:
                    t[key] += n[key]
            totals["gaps_open"] += stage["gap"]["status"] in ("open", "opened")
            totals["gaps_closed"] += stage["gap"]["status"] == "closed"
    milestones = milestone_figures(pilots, period_start, period_end)
    work_plan = work_plan_figures(chains, pilots, period_end)
    training = training_figures(agreement, period_start, period_end)
    illustrative = (
        any(
            b["is_illustrative"] or b["illustrative_members"] or b["trade"]["synthetic"] for b in chain_blocks
        )
        or any(r["is_illustrative"] for r in milestones["rows"])
        or any(r["is_illustrative"] for r in work_plan["rows"])
        or any(t["is_illustrative"] for t in training)
    )
    return {
        "format": FORMAT,
        "scope": "chain" if chain is not None else "overall",
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "agreement": {"id": agreement.pk, "titles": titles_of(agreement)} if agreement else None,
        "sides": sides,
        "countries": {code: names_of(c) for c in _countries(sides, totals) for code in [c.alpha3]},
        "chains": chain_blocks,
        "totals": totals,
        "meetings": meetings,
        "agreements": signed,
        "milestones": milestones,
        "work_plan": work_plan,
        "training": training,
        "illustrative": bool(illustrative),
    }


def _countries(sides: list[str], totals: dict):
    from tradebridge.geo.models import Country

    return Country.objects.filter(alpha3__in=set(sides) | set(totals["members"]))


def can_submit(user: Any, agreement: Agreement | None, chain: Chain | None) -> bool:
    """Staff of the parties (and administrators); for an overall report, of the agreement's
    parties."""
    if chain is not None:
        return can_edit_chain(user, chain)
    if is_administrator(user):
        return True
    if not is_agency_staff(user) or agreement is None:
        return False
    countries = set(agreement.parties.values_list("organization__country_id", flat=True))
    own = (
        Organization.objects.filter(pk=organization_id_of(user)).values_list("country_id", flat=True).first()
    )
    return own in countries


def require_report_editor(user: Any, agreement: Agreement | None, chain: Chain | None) -> None:
    if not can_submit(user, agreement, chain):
        raise PermissionDenied("agency staff of the parties and administrators only")


@transaction.atomic
def do_submit_report(
    *,
    actor: Any,
    agreement: Agreement | None,
    chain: Chain | None,
    period_start: dt.date,
    period_end: dt.date,
    submitted_to: str,
    language: str,
) -> MinisterReport:
    """Record the report as submitted, its figures frozen as computed now."""
    require_report_editor(actor, agreement if chain is None else chain.agreement, chain)
    if not (submitted_to or "").strip():
        raise ValidationError({"submitted_to": _("Say to whom the report is submitted.")})
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Unknown language %(code)s.") % {"code": language}})
    figures = report_figures(
        agreement=agreement, chain=chain, period_start=period_start, period_end=period_end
    )
    report = MinisterReport(
        agreement=agreement if agreement is not None else (chain.agreement if chain else None),
        chain=chain,
        period_start=period_start,
        period_end=period_end,
        submitted_to=submitted_to.strip(),
        submitted_by=actor,
        language=language,
        figures=figures,
    )
    report.full_clean()
    report.save()
    return report


def visible_reports(user: Any):
    """Reports the user may read: those of chains (or agreements) the user may report on."""
    rows = MinisterReport.objects.select_related("chain__agreement", "agreement", "submitted_by")
    if is_administrator(user):
        return rows
    if not is_agency_staff(user):
        return rows.none()
    own = (
        Organization.objects.filter(pk=organization_id_of(user)).values_list("country_id", flat=True).first()
    )
    party_agreements = Agreement.objects.filter(parties__organization__country_id=own).values("id")
    return rows.filter(
        Q(agreement_id__in=party_agreements) | Q(agreement__isnull=True, chain__agreement__isnull=True)
    )
