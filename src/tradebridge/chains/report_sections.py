"""Parts of the report to the ministers (chains.reports): names in the four languages, meetings
and agreements between members, pilot milestones, work-plan progress and training delivered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import timezone, translation

from tradebridge.agreements.models import Agreement
from tradebridge.chains.models import Chain, Milestone
from tradebridge.cooperation.models import Activity, TrainingProgramme
from tradebridge.core.i18n import FIELD_SUFFIX
from tradebridge.events.models import Meeting
from tradebridge.registry.models import Organization

LANGS = tuple(FIELD_SUFFIX)  # vi, lo, zh-hans, en


def names_of(obj: Any) -> dict[str, str]:
    """The record's name in the four languages (what is missing falls back when shown)."""
    own = getattr(obj, "name", "") if isinstance(getattr(obj, "name", ""), str) else ""
    values = {code: getattr(obj, f"name_{suffix}", "") or "" for code, suffix in FIELD_SUFFIX.items()}
    if not values["en"]:
        values["en"] = own or next((v for v in values.values() if v), "")
    return values


def moment(day: dt.date) -> dt.datetime:
    """The first instant of `day` (aware)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def titles_of(agreement: Agreement) -> dict[str, str]:
    titles = {}
    for code in LANGS:
        with translation.override(code):
            titles[code] = agreement.display_title
    return titles


def between_members(org_countries: dict[int, set[str]], start: dt.date, end: dt.date) -> tuple[list, list]:
    """Meetings (events) and agreements signed in the period between member organisations of
    different countries."""
    orgs = set(org_countries)

    def across(a: int, b: int) -> bool:
        return a != b and len(org_countries.get(a, set()) | org_countries.get(b, set())) > 1

    names = {o.pk: names_of(o) for o in Organization.objects.filter(pk__in=orgs)}
    meetings = []
    found = (
        Meeting.objects.filter(
            slot__starts_at__gte=moment(start),
            slot__starts_at__lt=moment(end) + dt.timedelta(days=1),
            request__sender__organization_id__in=orgs,
            request__recipient__organization_id__in=orgs,
        )
        .exclude(attendance=Meeting.Attendance.NO_SHOW)
        .exclude(request__status="cancelled")
        .select_related("event", "slot", "request__sender", "request__recipient")
        .order_by("slot__starts_at")
    )
    for m in found:
        a, b = m.request.sender.organization_id, m.request.recipient.organization_id
        if a != b and across(a, b):
            meetings.append(
                {
                    "date": timezone.localtime(m.slot.starts_at).date().isoformat(),
                    "event": {code: event_title(m.event, code) for code in LANGS},
                    "a": names[a],
                    "b": names[b],
                    "held": m.attendance == Meeting.Attendance.HELD,
                }
            )
    agreements = []
    signed = (
        Agreement.objects.active()
        .filter(signed_on__gte=start, signed_on__lte=end, parties__organization_id__in=orgs)
        .distinct()
        .prefetch_related("parties")
        .order_by("signed_on", "id")
    )
    for agreement in signed:
        parties = [p.organization_id for p in agreement.parties.all() if p.organization_id in orgs]
        countries = set().union(*(org_countries[p] for p in parties)) if parties else set()
        if len(countries) > 1:
            agreements.append(
                {
                    "id": agreement.pk,
                    "titles": titles_of(agreement),
                    "signed_on": agreement.signed_on.isoformat(),
                    "parties": [names[p] for p in parties],
                }
            )
    return meetings, agreements


def event_title(event, code: str) -> str:
    with translation.override(code):
        return str(getattr(event, "display_title", None) or event.title)


def milestone_figures(pilots, start: dt.date, end: dt.date) -> dict:
    rows = []
    found = (
        Milestone.objects.active()
        .filter(pilot__in=pilots)
        .filter(Q(due_on__gte=start, due_on__lte=end) | Q(done_on__gte=start, done_on__lte=end))
        .select_related("pilot")
    )
    for m in found.order_by("due_on", "id"):
        done = m.done_on is not None and m.done_on <= end
        late = not done and m.state != Milestone.State.CANCELLED and m.due_on is not None and m.due_on <= end
        rows.append(
            {
                "pilot": m.pilot.slug,
                "pilot_names": names_of(m.pilot),
                "title": m.title,
                "due_on": m.due_on.isoformat() if m.due_on else None,
                "done_on": m.done_on.isoformat() if m.done_on else None,
                "state": m.state,
                "late": late,
                "is_illustrative": m.is_illustrative or m.pilot.is_illustrative,
            }
        )
    due = sum(1 for m in found if m.due_on and start <= m.due_on <= end)
    done = sum(1 for m in found if m.done_on and start <= m.done_on <= end)
    return {"due": due, "done": done, "late": sum(r["late"] for r in rows), "rows": rows}


def work_plan_figures(chains: list[Chain], pilots, end: dt.date) -> dict:
    counts = {"done": 0, "in_progress": 0, "planned": 0, "late": 0}
    rows = []
    found = (
        Activity.objects.active()
        .filter(Q(chain_links__chain__in=chains) | Q(chain_links__pilot__in=pilots))
        .exclude(state=Activity.State.CANCELLED)
        .distinct()
        .select_related("plan")
        .order_by("due_on", "id")
    )
    for a in found:
        bucket = a.state
        if a.state != Activity.State.DONE and a.due_on is not None and a.due_on < end:
            bucket = "late"
        counts[bucket] += 1
        rows.append(
            {
                "plan": a.plan.title,
                "title": a.title,
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "state": a.state,
                "progress": bucket,
                "is_illustrative": a.is_illustrative,
            }
        )
    return {**counts, "rows": rows}


def training_figures(agreement: Agreement | None, start: dt.date, end: dt.date) -> list[dict]:
    """Training of the agreement held in the period (or with no dates recorded, marked so). The
    MOU has the Lao side select the trainees: the agency that sent each group is shown as the
    side that selected them (the training record names no other selector)."""
    if agreement is None:
        return []
    programmes = (
        TrainingProgramme.objects.active()
        .filter(agreement=agreement)
        .filter(
            Q(starts_on__isnull=True, ends_on__isnull=True)
            | Q(starts_on__lte=end) & (Q(ends_on__gte=start) | Q(ends_on__isnull=True))
        )
        .select_related("organiser")
        .prefetch_related("trainee_groups__country", "trainee_groups__agency")
    )
    rows = []
    for p in programmes:
        rows.append(
            {
                "title": p.title,
                "organiser": names_of(p.organiser),
                "starts_on": p.starts_on.isoformat() if p.starts_on else None,
                "ends_on": p.ends_on.isoformat() if p.ends_on else None,
                "undated": p.starts_on is None and p.ends_on is None,
                "groups": [
                    {
                        "country": g.country.alpha3,
                        "country_names": names_of(g.country),
                        "selected_by": names_of(g.agency) if g.agency_id else None,
                        "trainees": g.trainees,
                        "completed": g.completed,
                    }
                    for g in p.trainee_groups.all()
                ],
                "is_illustrative": p.is_illustrative,
                "source": p.source,
            }
        )
    return rows
