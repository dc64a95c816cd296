"""Obstacles raised and resolved (in the manner of ASEAN ASSIST): a member of an organisation
reports a difficulty at the border; agency staff triage it, assign it to the responsible agency
on either side, set a response deadline, put it on the agenda of the next periodic talks (an
event of kind "bilateral talks"), record the answer and the resolution. Every step is an
ObstacleStatusChange (who, when, note) and a history row; the reporter is e-mailed in their
language. Reminders before response deadlines: obstacle_reminders. Public figures: counts by
gate and kind and median days to resolve, over the obstacles staff made public."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.agreements.uploads import check_upload
from tradebridge.border.access import (
    can_manage_border,
    can_report_obstacle,
    public_obstacles,
    require_border_staff,
    visible_obstacles,
)
from tradebridge.border.crossings import percentile
from tradebridge.border.models import Gate, Obstacle, ObstacleDocument, ObstacleStatusChange
from tradebridge.catalog.models import HSCode
from tradebridge.cooperation.models import FocalPoint
from tradebridge.core import mail
from tradebridge.core.access import organization_id_of
from tradebridge.core.history import stamp_history
from tradebridge.events.models import Event
from tradebridge.registry.models import Organization

Status = Obstacle.Status
# The status only moves forward along this order (a re-assignment of an obstacle already on the
# talks' agenda keeps it there); "rejected" ends it at triage.
ORDER = [Status.REPORTED, Status.TRIAGED, Status.ASSIGNED, Status.ON_AGENDA, Status.ANSWERED, Status.RESOLVED]
CLOSED = (Status.RESOLVED, Status.REJECTED)
HANDLING = (Status.TRIAGED, Status.ASSIGNED, Status.ON_AGENDA, Status.ANSWERED)
# Which statuses each staff action starts from.
ACTIONS = {
    "triage": (Status.REPORTED,),
    "assign": HANDLING,
    "agenda": HANDLING,
    "answer": HANDLING,
    "resolve": HANDLING,
}
MAX_DOCUMENTS = 5


def action_labels() -> dict[str, str]:
    return {"triage": _("Triage"), "assign": _("Assign"), "agenda": _("Put on the talks' agenda"),
            "answer": _("Record the answer"), "resolve": _("Resolve")}


def available_actions(obstacle: Obstacle) -> list[str]:
    return [name for name, starts in ACTIONS.items() if obstacle.status in starts]


def _check_action(obstacle: Obstacle, action: str) -> None:
    if obstacle.status not in ACTIONS[action]:
        raise ValidationError({"status": _("An obstacle that is “%(status)s” cannot take this step "
                                           "(%(action)s).") % {"status": obstacle.get_status_display(),
                                                               "action": action_labels()[action]}})


def _forward(current: str, target: str) -> str:
    return target if ORDER.index(target) > ORDER.index(current) else current


# --- choices -----------------------------------------------------------------------------------


def gate_country_ids(gate: Gate | None) -> list[int]:
    if gate is None:
        return []
    partner = gate.partner_zone.country_id if gate.partner_zone_id else gate.zone.partner_country_id
    return [c for c in (gate.zone.country_id, partner) if c]


def responsible_agencies(gate: Gate | None = None) -> QuerySet[Organization]:
    """Who an obstacle may be assigned to: the focal points of agreements and the agencies of
    the gate's two countries (all agencies where no gate is given)."""
    agencies = Q(kind__in=(Organization.Kind.AGENCY, Organization.Kind.RESEARCH))
    countries = gate_country_ids(gate)
    if countries:
        agencies &= Q(country_id__in=countries)
    focal = FocalPoint.objects.active().values("organization_id")
    return (Organization.objects.active().filter(Q(pk__in=focal) | agencies).distinct()
            .select_related("country").order_by("country__alpha3", "name"))


def talks_events() -> QuerySet[Event]:
    return Event.objects.active().filter(kind=Event.Kind.BILATERAL_TALKS).order_by("-starts_on", "slug")


def next_talks(today: dt.date | None = None) -> Event | None:
    """The next periodic talks from today, else the latest ones held."""
    today = today or timezone.localdate()
    upcoming = talks_events().filter(ends_on__gte=today).order_by("starts_on").first()
    return upcoming or talks_events().first()


# --- e-mail ------------------------------------------------------------------------------------


def notify_reporter(obstacle: Obstacle, change: ObstacleStatusChange) -> list[mail.Letter]:
    """The reporter hears of each change, in their language and time zone."""
    reporter = obstacle.reported_by
    if not getattr(reporter, "email", ""):
        return []

    def build(_audience: mail.Audience) -> tuple[str, str]:
        subject = _("[TradeBridge] Obstacle #%(id)s: %(status)s") % {
            "id": obstacle.pk, "status": obstacle.get_status_display()}
        lines = [
            _("Your obstacle “%(title)s” is now: %(status)s.") % {
                "title": obstacle.title, "status": obstacle.get_status_display()},
            _("Changed at %(when)s.") % {"when": mail.local_datetime(change.at)},
        ]
        if obstacle.assigned_to_id:
            lines.append(_("Responsible agency: %(agency)s.") % {"agency": obstacle.assigned_to.display_name})
        if obstacle.response_due:
            lines.append(_("Response due: %(date)s.") % {"date": obstacle.response_due.isoformat()})
        if obstacle.talks_id:
            lines.append(_("On the agenda of: %(talks)s.") % {"talks": obstacle.talks.title})
        if change.note:
            lines += ["", change.note]
        lines += ["", reverse("border:obstacle", args=[obstacle.pk])]
        return subject, "\n".join(lines)

    return mail.send_to_users([reporter], build, fail_silently=True)


def _record(obstacle: Obstacle, actor: Any, old: str, note: str, reason: str,
            fields: list[str]) -> ObstacleStatusChange:
    obstacle.full_clean()
    stamp_history(obstacle, actor, reason)
    obstacle.save(update_fields=[*fields, "status", "updated_at"])
    change = ObstacleStatusChange.objects.create(obstacle=obstacle, old_status=old,
                                                 new_status=obstacle.status, actor=actor, note=note)
    transaction.on_commit(lambda: notify_reporter(obstacle, change))
    return change


# --- services ----------------------------------------------------------------------------------


def _check_hs(hs_code: str) -> str:
    code = (hs_code or "").replace(".", "").replace(" ", "").strip()
    if code and (len(code) not in (2, 4, 6) or not code.isdigit()
                 or not HSCode.objects.filter(code=code).exists()):
        raise ValidationError({"hs_code": _("“%(code)s” is not an HS code of the product list (2, 4 or 6 "
                                            "digits).") % {"code": hs_code}})
    return code


def do_report_obstacle(actor: Any, *, kind: str, title: str, description: str, gate: Gate | None = None,
                       hs_code: str = "", uploads: list | tuple = ()) -> Obstacle:
    """A new obstacle of the actor's organisation, with its documents (all or nothing)."""
    if not can_report_obstacle(actor):
        raise PermissionDenied("members of an organisation only")
    if gate is not None and gate.archived_at is not None:
        raise ValidationError({"gate": _("This gate is archived.")})
    obstacle = Obstacle(kind=kind, title=(title or "").strip(), description=(description or "").strip(),
                        gate=gate, hs_code=_check_hs(hs_code), reported_by=actor,
                        organization_id=organization_id_of(actor))
    obstacle.full_clean()
    checked = _check_uploads(uploads)
    with transaction.atomic():
        stamp_history(obstacle, actor, "obstacle reported")
        obstacle.save()
        for upload, name in checked:
            ObstacleDocument.objects.create(obstacle=obstacle, file=upload, name=name, uploaded_by=actor)
        change = ObstacleStatusChange.objects.create(obstacle=obstacle, old_status="",
                                                     new_status=obstacle.status, actor=actor)
        transaction.on_commit(lambda: notify_reporter(obstacle, change))
    return obstacle


def _check_uploads(uploads, existing: int = 0) -> list[tuple[Any, str]]:
    uploads = [u for u in uploads if u]
    if existing + len(uploads) > MAX_DOCUMENTS:
        raise ValidationError({"documents": _("At most %(count)s documents per obstacle.") % {
            "count": MAX_DOCUMENTS}})
    return [(upload, check_upload(upload, field="documents").name) for upload in uploads]


def can_add_documents(user: Any, obstacle: Obstacle) -> bool:
    own = obstacle.organization_id is not None and obstacle.organization_id == organization_id_of(user)
    return (own or can_manage_border(user)) and obstacle.status not in CLOSED


def do_add_documents(obstacle: Obstacle, actor: Any, uploads) -> list[ObstacleDocument]:
    if not can_add_documents(actor, obstacle):
        raise PermissionDenied("the reporting organisation and agency staff only, while it is open")
    checked = _check_uploads(uploads, obstacle.documents.count())
    with transaction.atomic():
        return [ObstacleDocument.objects.create(obstacle=obstacle, file=upload, name=name, uploaded_by=actor)
                for upload, name in checked]


def do_triage(obstacle: Obstacle, actor: Any, *, accept: bool, note: str = "",
              is_public: bool = False) -> ObstacleStatusChange:
    """Accept (and say whether it is listed publicly, anonymised) or reject with a reason."""
    require_border_staff(actor)
    _check_action(obstacle, "triage")
    note = (note or "").strip()
    if not accept and not note:
        raise ValidationError({"note": _("Give the reason why the obstacle is not accepted.")})
    old = obstacle.status
    obstacle.status = Status.TRIAGED if accept else Status.REJECTED
    obstacle.is_public = bool(is_public) and accept
    return _record(obstacle, actor, old, note, "obstacle triaged", ["is_public"])


def do_assign(obstacle: Obstacle, actor: Any, *, agency: Organization, response_due: dt.date | None,
              note: str = "", today: dt.date | None = None) -> ObstacleStatusChange:
    require_border_staff(actor)
    _check_action(obstacle, "assign")
    if agency is None or not responsible_agencies(obstacle.gate).filter(pk=agency.pk).exists():
        raise ValidationError({"agency": _("Choose an agency of either side of the gate or a focal point "
                                           "of an agreement.")})
    if response_due is not None and response_due < (today or timezone.localdate()):
        raise ValidationError({"response_due": _("The response deadline is in the past.")})
    old = obstacle.status
    obstacle.assigned_to, obstacle.response_due = agency, response_due
    obstacle.status = _forward(old, Status.ASSIGNED)
    return _record(obstacle, actor, old, (note or "").strip(), "obstacle assigned",
                   ["assigned_to", "response_due"])


def do_put_on_agenda(obstacle: Obstacle, actor: Any, *, talks: Event, note: str = "") -> ObstacleStatusChange:
    require_border_staff(actor)
    _check_action(obstacle, "agenda")
    if talks is None or not talks_events().filter(pk=talks.pk).exists():
        raise ValidationError({"talks": _("Choose an event of the kind “bilateral talks”.")})
    old = obstacle.status
    obstacle.talks = talks
    obstacle.status = _forward(old, Status.ON_AGENDA)
    return _record(obstacle, actor, old, (note or "").strip(), "obstacle put on the talks' agenda", ["talks"])


def do_answer(obstacle: Obstacle, actor: Any, *, answer: str, note: str = "") -> ObstacleStatusChange:
    require_border_staff(actor)
    _check_action(obstacle, "answer")
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the agency's answer.")})
    old = obstacle.status
    obstacle.answer = answer.strip()
    obstacle.status = _forward(old, Status.ANSWERED)
    return _record(obstacle, actor, old, (note or "").strip(), "obstacle answered", ["answer"])


def do_resolve(obstacle: Obstacle, actor: Any, *, resolution: str, note: str = "") -> ObstacleStatusChange:
    require_border_staff(actor)
    _check_action(obstacle, "resolve")
    if not (resolution or "").strip():
        raise ValidationError({"resolution": _("Say how the obstacle was resolved.")})
    old = obstacle.status
    obstacle.resolution = resolution.strip()
    obstacle.resolved_at = timezone.now()
    obstacle.status = Status.RESOLVED
    return _record(obstacle, actor, old, (note or "").strip(), "obstacle resolved",
                   ["resolution", "resolved_at"])


# --- reads -------------------------------------------------------------------------------------


def anonymised(obstacle: Obstacle) -> dict:
    """What the public sees of an obstacle: never who raised it."""
    return {
        "id": obstacle.pk, "gate": obstacle.gate.zone.code if obstacle.gate_id else None,
        "gate_name": str(obstacle.gate) if obstacle.gate_id else "", "hs_code": obstacle.hs_code,
        "kind": obstacle.kind, "kind_label": obstacle.get_kind_display(), "title": obstacle.title,
        "description": obstacle.description, "status": obstacle.status,
        "status_label": obstacle.get_status_display(),
        "assigned_to": obstacle.assigned_to.display_name if obstacle.assigned_to_id else "",
        "talks": obstacle.talks.slug if obstacle.talks_id else None,
        "talks_title": obstacle.talks.title if obstacle.talks_id else "",
        "answer": obstacle.answer, "resolution": obstacle.resolution,
        "reported_on": obstacle.created_at.date(), "resolved_on": obstacle.resolved_at.date()
        if obstacle.resolved_at else None, "is_illustrative": obstacle.is_illustrative,
    }


def with_relations(queryset: QuerySet[Obstacle]) -> QuerySet[Obstacle]:
    return queryset.select_related("gate__zone", "assigned_to", "talks", "organization", "reported_by")


def can_view_in_full(user: Any, obstacle: Obstacle) -> bool:
    return visible_obstacles(user).filter(pk=obstacle.pk).exists()


def obstacle_for_page(user: Any, pk: int) -> tuple[Obstacle, bool]:
    """(obstacle, full): in full for the reporting organisation and staff, anonymised for the
    rest where it is public; else 404."""
    from django.http import Http404

    full = with_relations(visible_obstacles(user)).filter(pk=pk).first()
    if full is not None:
        return full, True
    public = with_relations(public_obstacles()).filter(pk=pk).first()
    if public is None:
        raise Http404(f"no obstacle {pk}")
    return public, False


def talks_obstacles(user: Any, talks: Event) -> QuerySet[Obstacle]:
    """The obstacles on a talks' agenda the user may see (in full or anonymised)."""
    mine = visible_obstacles(user).values("pk")
    return with_relations(Obstacle.objects.active().filter(talks=talks).filter(
        Q(pk__in=mine) | Q(is_public=True))).order_by("kind", "created_at")


@dataclass
class FigureRow:
    gate: str
    kind: str
    open: int
    resolved: int
    median_days: float | None


def days_to_resolve(obstacle: Obstacle) -> float | None:
    if obstacle.resolved_at is None:
        return None
    return round((obstacle.resolved_at - obstacle.created_at).total_seconds() / 86400, 1)


def obstacle_figures(queryset: QuerySet[Obstacle]) -> dict:
    """Open and resolved by gate and kind, median days to resolve (rejected ones are neither)."""
    groups: dict[tuple[str, str], list[Obstacle]] = defaultdict(list)
    for obstacle in queryset.exclude(status=Status.REJECTED).select_related("gate__zone"):
        groups[(str(obstacle.gate) if obstacle.gate_id else _("No gate given"),
                obstacle.get_kind_display())].append(obstacle)
    rows, all_days = [], []
    for (gate, kind), items in sorted(groups.items()):
        days = [d for d in (days_to_resolve(o) for o in items) if d is not None]
        all_days += days
        rows.append(FigureRow(gate, kind, sum(o.status != Status.RESOLVED for o in items),
                              sum(o.status == Status.RESOLVED for o in items), percentile(days, 0.5)))
    return {"rows": rows, "open": sum(r.open for r in rows), "resolved": sum(r.resolved for r in rows),
            "median_days": percentile(all_days, 0.5)}


def gate_page_context(user: Any, gate: Gate) -> dict:
    """For border/_obstacles_section.html on the gate page."""
    public = public_obstacles().filter(gate=gate)
    figures = obstacle_figures(public)
    return {
        "obstacles_gate": gate,
        "obstacle_open_count": figures["open"],
        "obstacle_resolved_count": figures["resolved"],
        "obstacle_median_days": figures["median_days"],
        "open_public_obstacles": with_relations(public.exclude(status__in=CLOSED)).order_by(
            "-created_at")[:10],
        "can_report_obstacle": can_report_obstacle(user),
        "obstacle_report_url": reverse("border:obstacle_report") + f"?gate={gate.zone.code}",
    }
