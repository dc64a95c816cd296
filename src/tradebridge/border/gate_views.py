"""Pages of gates and corridors (read by everyone): the gates list with its map, a gate, a
corridor, logistics services by gate and kind, and the cross-border labour view."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.border import gates
from tradebridge.border.access import can_manage_border, get_gate
from tradebridge.border.gate_corridors import corridor_lines, corridor_totals
from tradebridge.border.gate_forms import WEEKDAYS
from tradebridge.border.gate_logistics import editable_organizations, labour_view, search_services
from tradebridge.border.models import Corridor, Gate, LogisticsService
from tradebridge.catalog.models import HSCode
from tradebridge.chains.access import visible_pilots
from tradebridge.chains.models import Pilot
from tradebridge.geo.models import Country

STATUS_COLOURS = {"open": "#15803d", "restricted": "#d97706", "suspended": "#b45309", "closed": "#b91c1c"}


def _corridors():
    return Corridor.objects.active().prefetch_related("nodes")


def _marker(summary: dict) -> dict:
    zone = summary["gate"].zone
    return {
        "name": summary["name"],
        "kind": f"{summary['level_label']} · {summary['status_label']}",
        "status": summary["status"],
        "colour": STATUS_COLOURS.get(summary["status"], "#374151"),
        "url": f"/border/{zone.code}/",
        "lat": float(zone.latitude),
        "lon": float(zone.longitude),
    }


def _colours() -> list[tuple[str, str, str]]:
    return [(value, label, STATUS_COLOURS[value]) for value, label in Gate.Status.choices]


def _choice(value: str, allowed) -> str:
    return value if value in allowed else ""


def gate_index(request: HttpRequest) -> HttpResponse:
    corridors = list(_corridors())
    corridor = _choice(request.GET.get("corridor", ""), {c.slug for c in corridors})
    country = _choice(request.GET.get("country", "").upper()[:3], {"VNM", "LAO", "CHN"})
    status = _choice(request.GET.get("status", ""), set(Gate.Status.values))
    level = _choice(request.GET.get("level", ""), set(Gate.Level.values))
    rows = gates.filter_gates(
        gates.active_gates(), corridor=corridor, country=country, status=status, level=level
    )
    summaries = [gates.gate_summary(g) for g in rows]
    shown = [c for c in corridors if not corridor or c.slug == corridor]
    context = {
        "summaries": summaries,
        "markers": [_marker(s) for s in summaries],
        "lines": corridor_lines(shown),
        "corridors": corridors,
        "countries": Country.objects.filter(alpha3__in=("VNM", "LAO", "CHN")),
        "statuses": Gate.Status.choices,
        "levels": Gate.Level.choices,
        "colours": _colours(),
        "filters": {"corridor": corridor, "country": country, "status": status, "level": level},
        "can_manage": can_manage_border(request.user),
    }
    return render(request, "border/gate_index.html", context)


def _goods(gate: Gate) -> list[dict]:
    goods = list(gate.permitted_goods.active())
    codes = {code for g in goods for code in g.hs_codes}
    names = {h.code: h for h in HSCode.objects.filter(code__in=codes)}
    return [{"goods": g, "codes": [names[c] for c in g.hs_codes if c in names]} for g in goods]


def _weekly_rows(weekly) -> list[dict]:
    return [{"day": WEEKDAYS[day], "intervals": weekly.get(day, [])} for day in range(7)]


def _pilots(user, gate: Gate):
    return (
        visible_pilots(user)
        .filter(kind=Pilot.Kind.BORDER, zone_id=gate.zone_id)
        .select_related("agreement")
        .prefetch_related("milestones")
    )


def gate_detail(request: HttpRequest, code: str) -> HttpResponse:
    gate = get_gate(code)
    summary = gates.gate_summary(gate)
    today = timezone.now().astimezone(gates.time_zone_of(gate)).date()  # the gate's own calendar
    advisories = list(gate.advisories.active().select_related("created_by"))
    in_force = set(gates.advisories_in_force(gate, today).values_list("pk", flat=True))
    crossings = list(gate.crossings.active())
    crossing_hours = {c.pk: [] for c in crossings}
    for row in gate.opening_hours.filter(crossing__in=crossings):
        crossing_hours[row.crossing_id].append(
            f"{WEEKDAYS[row.weekday]} {row.opens:%H:%M}–{row.closes:%H:%M}"
        )
    now = [a for a in advisories if a.pk in in_force]
    later = [a for a in advisories if a.pk not in in_force and a.starts_on > today]
    past = [a for a in advisories if a.pk not in in_force and a.starts_on <= today]
    context = {
        "gate": gate,
        "summary": summary,
        "crossings": [{"crossing": c, "hours": crossing_hours[c.pk]} for c in crossings],
        "weekly": _weekly_rows(
            gates.weekly_hours(gate) if gate.opening_hours.filter(crossing__isnull=True).exists() else {}
        ),
        "hours_illustrative": gate.opening_hours.filter(is_illustrative=True).exists(),
        "exceptions": gate.opening_exceptions.filter(ends_on__gte=today),
        "goods": _goods(gate),
        "authorities": gate.authorities.select_related("country"),
        "advisories_now": now,
        "advisory_groups": [(_("In force"), now), (_("Coming"), later), (_("Past"), past)],
        "services": search_services(gate=gate),
        "pilots": _pilots(request.user, gate),
        "corridors": _corridors().filter(nodes__gate=gate).distinct(),
        "markers": [_marker(summary)],
        "colours": _colours(),
        "can_manage": can_manage_border(request.user),
    }
    # The clearance figures (part F) and obstacles (part G) sections bring their own context.
    from tradebridge.border import figures, obstacles

    context.update(figures.gate_page_context(request.user, gate))
    context.update(obstacles.gate_page_context(request.user, gate))
    return render(request, "border/gate_detail.html", context)


def corridor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    corridor = _corridors().filter(slug=slug).first()
    if corridor is None:
        raise Http404(f"no corridor {slug}")
    nodes = list(corridor.nodes.select_related("gate__zone", "province").order_by("position"))
    segments = list(corridor.segments.select_related("start", "end"))
    on_corridor = gates.gates_on_corridor(corridor)
    summaries = [gates.gate_summary(g) for g in on_corridor]
    markers = [_marker(s) for s in summaries] + [
        {
            "name": n.name,
            "kind": n.get_kind_display(),
            "lat": float(n.latitude),
            "lon": float(n.longitude),
            "colour": "#1d4ed8",
        }
        for n in nodes
        if n.gate_id is None
    ]
    context = {
        "corridor": corridor,
        "nodes": nodes,
        "segments": segments,
        "totals": corridor_totals(segments),
        "summaries": summaries,
        "markers": markers,
        "lines": corridor_lines([corridor]),
        "colours": _colours(),
    }
    return render(request, "border/corridor_detail.html", context)


def logistics_list(request: HttpRequest) -> HttpResponse:
    all_gates = list(gates.active_gates())
    gate_code = request.GET.get("gate", "")
    gate = next((g for g in all_gates if g.zone.code == gate_code), None)
    kind = _choice(request.GET.get("kind", ""), set(LogisticsService.Kind.values))
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "services": search_services(gate=gate, kind=kind, query=query),
        "gates": all_gates,
        "kinds": LogisticsService.Kind.choices,
        "filters": {"gate": gate.zone.code if gate else "", "kind": kind, "q": query},
        "can_add": editable_organizations(request.user).exists(),
        "edit_all": can_manage_border(request.user),
        "own_org": getattr(request.user, "organization_id", None) if request.user.is_authenticated else None,
    }
    return render(request, "border/logistics.html", context)


def labour(request: HttpRequest) -> HttpResponse:
    return render(request, "border/labour.html", labour_view(request.user))
