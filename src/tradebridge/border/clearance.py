"""Clearance figures: import from CSV and Excel (all or nothing), entry by hand, the monthly
sums the dashboard reads, and the queries of the figures API.

An import reads the file once (``clearance_files``: format, caps, every value, repeated keys)
and writes its rows as they are checked, in one transaction (``clearance_writer``: staged
batches, each moved by one upsert on the key gate, period, period_start, direction, measure,
product): **a key already in the store is replaced** by the file's value, and the preview says
how many will be. A file with any error is rolled back: it writes nothing. Each import leaves a
ClearanceImport (file, who, rows, source, illustrative)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import CharField, QuerySet, Sum
from django.db.models.functions import Cast, Substr
from django.utils.translation import gettext as _

from tradebridge.border.access import require_border_staff
from tradebridge.border.clearance_files import (
    BULK_LIMITS,
    UPLOAD_LIMITS,
    Limits,
    LineError,
    Report,
    check_file,
    gate_codes,
    read_rows,
)
from tradebridge.border.clearance_writer import FigureWriter
from tradebridge.border.models import (
    ClearanceFigure,
    ClearanceImport,
    ClearanceMonthly,
    ClearanceUpload,
    Corridor,
    Gate,
)
from tradebridge.registry.delegation.errors import ImportFileError

__all__ = [
    "BULK_LIMITS",
    "UPLOAD_LIMITS",
    "ClearanceRefused",
    "ImportFileError",
    "LineError",
    "Outcome",
    "do_add_clearance_figure",
    "do_check_clearance_upload",
    "do_discard_clearance_upload",
    "do_import_clearance_file",
    "do_import_clearance_upload",
    "figures_query",
    "refresh_monthly",
    "replaced_count",
]

ALL_GOODS = "*"  # the product key of the monthly all-goods sums (never a product of a file)


class ClearanceRefused(ValidationError):
    """The file has errors: ``errors`` lists them by line and column; nothing was written."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.line_errors = report.errors
        super().__init__([str(error) for error in report.errors])


@dataclass
class Outcome:
    rows: int
    new: int
    replaced: int
    batch: ClearanceImport | None = None


def replaced_count(report: Report) -> int:
    """How many of the file's keys are already in the store (one streamed query over the
    gates and dates the file covers, matched against the file's key bitmaps)."""
    if not report.gate_ids:
        return 0
    existing = ClearanceFigure.objects.filter(
        gate_id__in=report.gate_ids, period_start__range=(report.first, report.last)
    ).values_list("gate_id", "period", "period_start", "direction", "measure", "product")
    return sum(1 for key in existing.iterator(chunk_size=10_000) if key in report.seen)


def _check_or_refuse(source: bytes | Path, file_name: str, limits: Limits) -> Report:
    report = check_file(source, file_name, limits)
    if not report.ok:
        raise ClearanceRefused(report)
    return report


def do_check_clearance_upload(
    content: bytes, file_name: str, *, actor: Any, source: str = "", is_illustrative: bool = False
) -> ClearanceUpload:
    """Check an uploaded file; when it has no error, keep it for confirmation with the counts
    of new and replaced figures. Raises ImportFileError or ClearanceRefused (nothing kept)."""
    require_border_staff(actor)
    report = _check_or_refuse(content, file_name, UPLOAD_LIMITS)
    replaced = replaced_count(report)
    upload = ClearanceUpload(
        file_name=file_name[:255],
        uploaded_by=actor,
        source=source[:300],
        is_illustrative=is_illustrative,
        rows=report.rows,
        new=report.rows - replaced,
        replaced=replaced,
    )
    upload.upload.save(Path(file_name).name[-100:] or "figures.csv", ContentFile(content), save=False)
    upload.full_clean()
    upload.save()
    return upload


def do_import_clearance_upload(upload: ClearanceUpload, *, actor: Any) -> Outcome:
    """Import a checked upload (checked again: the gates may have changed since)."""
    require_border_staff(actor)
    if upload.status != ClearanceUpload.Status.CHECKED:
        raise ValidationError(_("This file was already imported or discarded."))
    with upload.upload.open("rb") as handle:
        content = handle.read()
    outcome = do_import_clearance_file(
        content, upload.file_name, actor=actor, note=upload.source, is_illustrative=upload.is_illustrative
    )
    upload.status = ClearanceUpload.Status.IMPORTED
    upload.batch = outcome.batch
    upload.save(update_fields=["status", "batch"])
    return outcome


def do_discard_clearance_upload(upload: ClearanceUpload, *, actor: Any) -> None:
    require_border_staff(actor)
    if upload.status == ClearanceUpload.Status.CHECKED:
        upload.status = ClearanceUpload.Status.DISCARDED
        upload.save(update_fields=["status"])


def do_import_clearance_file(
    source: bytes | Path,
    file_name: str,
    *,
    actor: Any = None,
    note: str = "",
    is_illustrative: bool = False,
    limits: Limits = UPLOAD_LIMITS,
    dry_run: bool = False,
) -> Outcome:
    """Check and write the file in one pass and one transaction, rolled back when any line has an
    error (so the store is unchanged, and every error is still reported). ``actor`` None is the
    command line or the benchmark (no person); otherwise agency staff or an administrator."""
    if actor is not None:
        require_border_staff(actor)
    if dry_run:
        report = _check_or_refuse(source, file_name, limits)
        replaced = replaced_count(report)
        return Outcome(report.rows, report.rows - replaced, replaced)
    gates = gate_codes()
    report = Report()
    with transaction.atomic():
        batch = ClearanceImport.objects.create(
            file_name=file_name[:255], uploaded_by=actor, source=note[:300], is_illustrative=is_illustrative
        )
        touched: dict[tuple[int, str], set[int]] = defaultdict(set)
        with FigureWriter(batch.pk, is_illustrative) as writer:
            for row in read_rows(source, file_name, limits, gates, report):
                if report.ok:  # after an error, only check the rest of the file (for its errors)
                    writer.add(row)
                    touched[(row.gate_id, row.measure)].add(row.period_start.year)
            if not report.ok:
                raise ClearanceRefused(report)  # leaves the atomic block: all rolled back
            replaced = writer.finish()
        batch.rows = report.rows
        batch.save(update_fields=["rows"])
        refresh_monthly(touched)
    return Outcome(report.rows, report.rows - replaced, replaced, batch)


def refresh_monthly(touched: dict[tuple[int, str], set[int]]) -> None:
    """Rebuild the monthly sums of these (gate, measure) pairs for these years. A month's sum
    is its month figure where one was recorded, else the sum of its day figures; a year figure
    with no month under it is kept as month 0."""
    for (gate_id, measure), years in touched.items():
        ClearanceMonthly.objects.filter(gate_id=gate_id, measure=measure, year__in=years).delete()
        # A range, not __year__in (a function call per row on SQLite); months as "YYYY-MM" text.
        base = ClearanceFigure.objects.filter(
            gate_id=gate_id,
            measure=measure,
            period_start__range=(dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)),
        )
        sums: dict[tuple, list] = {}
        grouped = (
            base.annotate(ym=Substr(Cast("period_start", output_field=CharField()), 1, 7))
            .values("period", "direction", "product", "ym")
            .annotate(total=Sum("value"))
            .order_by()
        )
        flagged = set(base.filter(is_illustrative=True).values_list("direction", "product").distinct())
        flagged |= {(direction, ALL_GOODS) for direction, _product in flagged}
        for item in grouped:
            year, month = int(item["ym"][:4]), int(item["ym"][5:7])
            if year not in years:
                continue
            month = 0 if item["period"] == "year" else month
            key = (item["direction"], item["product"], year, month)
            rank = {"year": 0, "day": 1, "month": 2}[item["period"]]
            if key not in sums or rank > sums[key][0]:  # a month figure outranks its days
                sums[key] = [rank, float(item["total"] or 0)]
        _add_totals(sums)
        ClearanceMonthly.objects.bulk_create(
            [
                ClearanceMonthly(
                    gate_id=gate_id,
                    measure=measure,
                    direction=direction,
                    product=product,
                    year=year,
                    month=month,
                    value=value,
                    is_illustrative=(direction, product) in flagged,
                )
                for (direction, product, year, month), (_rank, value) in sums.items()
            ],
            batch_size=1000,
        )


def _add_totals(sums: dict[tuple, list]) -> None:
    """Add the all-goods sum of each direction and month under product ``*`` (what trends and
    corridor comparisons read): the all-goods figure where one was recorded, else the sum of
    the HS chapters (product groups may overlap chapters and are left out)."""
    recorded: dict[tuple, float] = {}
    chapters: dict[tuple, float] = defaultdict(float)
    for (direction, product, year, month), (_rank, value) in sums.items():
        if product == "":
            recorded[(direction, year, month)] = value
        elif product.isdigit():
            chapters[(direction, year, month)] += value
    for key in set(recorded) | set(chapters):
        direction, year, month = key
        sums[(direction, ALL_GOODS, year, month)] = [0, recorded.get(key, chapters.get(key, 0.0))]


def do_add_clearance_figure(
    *,
    actor: Any,
    gate: Gate,
    period: str,
    period_start: dt.date,
    direction: str,
    measure: str,
    product: str,
    value: Decimal,
    source: str = "",
    is_illustrative: bool = False,
) -> ClearanceFigure:
    """Enter one figure by hand (staff); the same key replaces the earlier value. The entry is a
    ClearanceImport of one row, so that every figure says where it came from."""
    require_border_staff(actor)
    if period == "month":
        period_start = period_start.replace(day=1)
    elif period == "year":
        period_start = period_start.replace(month=1, day=1)
    with transaction.atomic():
        batch = ClearanceImport.objects.create(
            file_name="", uploaded_by=actor, rows=1, source=source[:300], is_illustrative=is_illustrative
        )
        figure = ClearanceFigure.objects.filter(
            gate=gate,
            period=period,
            period_start=period_start,
            direction=direction,
            measure=measure,
            product=product,
        ).first()
        if figure is None:
            figure = ClearanceFigure(
                gate=gate,
                period=period,
                period_start=period_start,
                direction=direction,
                measure=measure,
                product=product,
            )
        figure.value, figure.batch, figure.is_illustrative = value, batch, is_illustrative
        figure.full_clean(validate_unique=False)
        figure.save()
        refresh_monthly({(gate.pk, measure): {period_start.year}})
    return figure


def figures_query(filters: dict[str, Any]) -> QuerySet[ClearanceFigure]:
    """Figures of the API: gate (zone code), corridor (its gates), period, direction, measure,
    product, from and to (period_start within)."""
    queryset = ClearanceFigure.objects.select_related("gate__zone").order_by("gate_id", "period_start", "id")
    if filters.get("gate"):
        queryset = queryset.filter(gate__zone__code=filters["gate"])
    if filters.get("corridor"):
        from tradebridge.border.gates import gates_on_corridor

        corridor = Corridor.objects.active().filter(slug=filters["corridor"]).first()
        gate_ids = [gate.pk for gate in gates_on_corridor(corridor)] if corridor else []
        queryset = queryset.filter(gate__in=gate_ids)
    for name in ("period", "direction", "measure", "product"):
        if filters.get(name) is not None and filters.get(name) != "":
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("start"):
        queryset = queryset.filter(period_start__gte=filters["start"])
    if filters.get("end"):
        queryset = queryset.filter(period_start__lte=filters["end"])
    return queryset
