"""Reminders before obstacles' response deadlines: each responsible agency's staff hear, in their
own language, of the open obstacles assigned to it that are due within REMIND_DAYS or overdue.
Run daily by the jobs app ("border-obstacles-remind")."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tradebridge.border.models import Obstacle
from tradebridge.border.obstacles import HANDLING
from tradebridge.core import mail
from tradebridge.registry.models import Organization

REMIND_DAYS = 3


@dataclass
class ObstacleReminder:
    agency: Organization
    obstacles: list[Obstacle]
    recipients: list[str]
    letters: list[mail.Letter] = field(default_factory=list)


def due_obstacles(today: dt.date, days: int = REMIND_DAYS):
    return (Obstacle.objects.active()
            .filter(status__in=[s for s in HANDLING if s != Obstacle.Status.ANSWERED],
                    assigned_to__isnull=False, response_due__isnull=False,
                    response_due__lte=today + dt.timedelta(days=days))
            .select_related("assigned_to", "gate__zone").order_by("response_due", "pk"))


def _message(agency: Organization, obstacles: list[Obstacle], today: dt.date) -> tuple[str, str]:
    subject = ngettext("[TradeBridge] %(count)d border obstacle awaits your answer",
                       "[TradeBridge] %(count)d border obstacles await your answer",
                       len(obstacles)) % {"count": len(obstacles)}
    lines = [_("%(agency)s: obstacles assigned to you, on %(date)s.") % {
        "agency": agency.display_name, "date": today.isoformat()}, ""]
    for obstacle in obstacles:
        template = (_("OVERDUE since %(date)s: #%(id)s %(title)s") if obstacle.response_due < today
                    else _("Due %(date)s: #%(id)s %(title)s"))
        lines.append(template % {"date": obstacle.response_due.isoformat(), "id": obstacle.pk,
                                 "title": obstacle.title})
    return subject, "\n".join(lines)


def build_obstacle_reminders(now: dt.datetime | None = None,
                             days: int = REMIND_DAYS) -> list[ObstacleReminder]:
    today = timezone.localdate(now or timezone.now())
    by_agency: dict[int, list[Obstacle]] = defaultdict(list)
    for obstacle in due_obstacles(today, days):
        by_agency[obstacle.assigned_to_id].append(obstacle)
    reminders = []
    for obstacles in by_agency.values():
        agency = obstacles[0].assigned_to
        staff = list(agency.members.filter(role="agency_staff", is_active=True).exclude(email=""))
        if not staff:
            continue

        def build(_audience: mail.Audience, agency=agency, obstacles=obstacles) -> tuple[str, str]:
            return _message(agency, obstacles, today)

        letters = mail.compose(staff, build)
        reminders.append(ObstacleReminder(agency, obstacles, [u.email for u in staff], letters))
    return reminders


def do_send_obstacle_reminders(now: dt.datetime | None = None,
                               days: int = REMIND_DAYS) -> list[ObstacleReminder]:
    reminders = build_obstacle_reminders(now, days)
    for reminder in reminders:
        mail.send(reminder.letters)
    return reminders
