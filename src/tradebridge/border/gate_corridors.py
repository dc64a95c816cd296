"""Corridors: ordered nodes (cities, gates, seaports, dry ports, zones) and the segments between
them (mode, distance, usual hours). Written by staff through these services (the demo too);
read by the corridor page, the map and the API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tradebridge.border.models import Corridor, CorridorNode, CorridorSegment
from tradebridge.core.history import stamp_history

CORRIDOR_FIELDS = {
    "slug",
    "name_vi",
    "name_lo",
    "name_zh_hans",
    "name_en",
    "description",
    "source",
    "is_illustrative",
    "demo_key",
}
NODE_FIELDS = {
    "kind",
    "name_vi",
    "name_lo",
    "name_zh_hans",
    "name_en",
    "gate",
    "province",
    "latitude",
    "longitude",
}


@transaction.atomic
def do_save_corridor(corridor: Corridor | None = None, *, actor: Any, **fields) -> Corridor:
    unknown = set(fields) - CORRIDOR_FIELDS
    if unknown:
        raise TypeError(f"unknown corridor field(s): {', '.join(sorted(unknown))}")
    creating = corridor is None
    corridor = corridor or Corridor()
    changed = [k for k, v in fields.items() if getattr(corridor, k) != v]
    for key in changed:
        setattr(corridor, key, fields[key])
    corridor.full_clean()
    if creating:
        stamp_history(corridor, actor, "created")
        corridor.save()
    elif changed:
        stamp_history(corridor, actor, "changed")
        corridor.save(update_fields=changed)
    return corridor


@transaction.atomic
def do_add_corridor_node(corridor: Corridor, *, actor: Any, **fields) -> CorridorNode:
    """A node after the corridor's last one."""
    unknown = set(fields) - NODE_FIELDS
    if unknown:
        raise TypeError(f"unknown node field(s): {', '.join(sorted(unknown))}")
    last = corridor.nodes.order_by("-position").values_list("position", flat=True).first()
    node = CorridorNode(corridor=corridor, position=(last or 0) + 1, **fields)
    if node.gate_id and node.kind != CorridorNode.Kind.GATE:
        raise ValidationError({"kind": _("A node that is a gate has the kind “Border gate”.")})
    node.full_clean()
    stamp_history(node, actor, "added")
    node.save()
    return node


@transaction.atomic
def do_add_corridor_segment(
    corridor: Corridor,
    *,
    actor: Any,
    start: CorridorNode,
    end: CorridorNode,
    mode: str,
    distance_km: Decimal | None = None,
    usual_hours: Decimal | None = None,
    source: str = "",
    is_illustrative: bool = False,
) -> CorridorSegment:
    if start.corridor_id != corridor.pk or end.corridor_id != corridor.pk:
        raise ValidationError({"start": _("Both ends must be nodes of this corridor.")})
    if start.pk == end.pk:
        raise ValidationError({"end": _("A segment joins two different nodes.")})
    for name, value in (("distance_km", distance_km), ("usual_hours", usual_hours)):
        if value is not None and value < 0:
            raise ValidationError({name: _("Cannot be negative.")})
    segment = CorridorSegment(
        corridor=corridor,
        start=start,
        end=end,
        mode=mode,
        distance_km=distance_km,
        usual_hours=usual_hours,
        source=(source or "").strip(),
        is_illustrative=is_illustrative,
    )
    segment.full_clean()
    stamp_history(segment, actor, "added")
    segment.save()
    return segment


def corridor_totals(segments) -> list[dict]:
    """Totals by mode (road and rail run side by side: one sum over both would mean nothing):
    distance and usual hours, from the first node the mode leaves to the last it reaches. A total
    is None where a segment lacks its figure (a partial sum would understate it)."""
    by_mode: dict[str, list] = {}
    for segment in segments:
        by_mode.setdefault(segment.mode, []).append(segment)
    totals = []
    for mode, rows in by_mode.items():
        rows.sort(key=lambda s: s.start.position)
        distances = [s.distance_km for s in rows]
        hours = [s.usual_hours for s in rows]
        totals.append(
            {
                "mode": mode,
                "mode_label": rows[0].get_mode_display(),
                "start": rows[0].start,
                "end": max(rows, key=lambda s: s.end.position).end,
                "distance_km": sum(distances, Decimal(0)) if None not in distances else None,
                "usual_hours": sum(hours, Decimal(0)) if None not in hours else None,
            }
        )
    return totals


def corridor_lines(corridors) -> list[dict]:
    """The map's lines: each corridor's nodes in order, with its name and address."""
    from django.urls import reverse

    lines = []
    for corridor in corridors:
        nodes = sorted(corridor.nodes.all(), key=lambda n: n.position)
        if len(nodes) < 2:
            continue
        lines.append(
            {
                "name": corridor.name,
                "url": reverse("border:corridor", args=[corridor.slug]),
                "points": [[float(n.latitude), float(n.longitude)] for n in nodes],
            }
        )
    return lines
