"""Delegation-list imports: preview (parse with `delegation`, match against the registry with
`dedupe`), all-or-nothing commit, and the review queue of possible duplicates.

The preview and the commit share one plan (`import_plan`): each row is created, updated (already
registered: its offers and needs are added), held for review (a possible duplicate: created
archived, with a pending pair in the review queue, and only made active if a person says it is
another organisation), merged into an earlier row of the same file, or skipped (a box ticked in
the preview). The preview's counts are the plan's; the commit carries out that plan and returns
the same counts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.core.history import stamp_history
from tradebridge.core.text import fold
from tradebridge.geo.models import Country, Province
from tradebridge.registry import services
from tradebridge.registry.dedupe import Record, in_file_duplicates, resolve_rows
from tradebridge.registry.delegation import (
    MAX_ROWS,
    ImportFileError,
    ImportRow,
    field_label,
    parse_delegation_list,
)
from tradebridge.registry.import_commit import commit_plan
from tradebridge.registry.models import DuplicateCandidate, Identifier, ImportBatch, Organization, TradeItem

__all__ = [
    "ACTIONS", "ImportFileError", "do_commit_import", "do_decide_duplicate", "do_discard_import",
    "do_preview_import", "do_set_import_skip", "import_plan", "plan_counts", "preview_rows",
]

CREATE, UPDATE, REVIEW, SAME_ROW, SKIP = "create", "update", "review", "same_row", "skip"
ACTIONS = (CREATE, UPDATE, REVIEW, SAME_ROW, SKIP)


def _country_lookup():
    table: dict[str, str] = {}
    for country in Country.objects.all():
        for name in (country.alpha3, country.alpha2, country.name_en, country.name_vi, country.name_lo,
                     country.name_zh_hans):
            if name:
                table.setdefault(fold(name), country.alpha3)
    return lambda text: table.get(fold(text))


def _province_lookup():
    table: dict[tuple[str, str], str] = {}
    for province in Province.objects.select_related("country"):
        for name in (province.code, province.name_en, province.name_vi, province.name_lo,
                     province.name_zh_hans):
            if name:
                table.setdefault((province.country.alpha3, fold(name)), province.code)
                # "Tỉnh Lào Cai", "Lào Cai province": the bare name is what people type.
                for prefix in ("tinh ", "thanh pho ", "province of ", "ແຂວງ", "ນະຄອນຫຼວງ"):
                    if fold(name).startswith(prefix):
                        table.setdefault((province.country.alpha3, fold(name)[len(prefix):].strip()),
                                         province.code)
    return lambda text, alpha3: table.get((alpha3, fold(text)))


def registry_records() -> list[Record]:
    """The active organisations as the resolver sees them (one bulk read per table)."""
    records: dict[int, dict[str, Any]] = {}
    rows = Organization.objects.active().values_list(
        "pk", "name", "name_en", "name_vi", "name_lo", "name_zh_hans", "country__alpha3",
        "province__code", "contact_phone", "contact_email")
    for pk, name, en, vi, lo, zh, alpha3, province, phone, email in rows:
        records[pk] = {"id": pk, "name": name, "names": [n for n in (en, vi, lo, zh) if n and n != name],
                       "country": alpha3, "province": province, "identifiers": {}, "phone": phone,
                       "email_domain": email.rsplit("@", 1)[-1].lower() if "@" in email else "",
                       "hs_codes": set()}
    identifiers = Identifier.objects.values_list("organization_id", "scheme", "value")
    for organization_id, scheme, value in identifiers:
        if organization_id in records:
            records[organization_id]["identifiers"][scheme] = value
    for organization_id, code in TradeItem.objects.active().filter(hs__isnull=False).values_list(
            "organization_id", "hs__code"):
        if organization_id in records:
            records[organization_id]["hs_codes"].add(code)
    return [Record(**values) for values in records.values()]


Progress = Callable[[float, str], None]  # (fraction done, the stage under way)


def preview_fields(source: bytes | IO[bytes], file_name: str, *,
                   progress: Progress | None = None) -> dict[str, Any]:
    """The preview of a file as the fields of its ImportBatch (rows, errors, warnings, decisions,
    summary): parse and check it, match its rows against the registry. Raises ImportFileError
    for a file that cannot be read at all. ``progress`` hears how far it got."""
    report = progress or (lambda fraction, message: None)
    expected = (source.count(b"\n") if isinstance(source, bytes) and file_name.lower().endswith(".csv")
                else MAX_ROWS)

    def rows_read(count: int) -> None:
        report(0.6 * min(1.0, count / max(expected, 1)), _("%(count)s rows read") % {"count": count})

    preview = parse_delegation_list(source, file_name, country_lookup=_country_lookup(),
                                    province_lookup=_province_lookup(), progress=rows_read)
    if preview.committable:
        report(0.6, _("Comparing %(count)s rows with the registry") % {"count": len(preview.rows)})
    decisions = resolve_rows(registry_records(), preview.rows) if preview.committable else []
    repeats = in_file_duplicates(preview.rows) if preview.committable else {}
    stored = []
    for decision in decisions:
        entry = asdict(decision)
        first, why = repeats.get(decision.row_line, (None, ""))
        entry.update(same_row=first, same_row_reason=why)
        stored.append(entry)
    fields: dict[str, Any] = {
        "rows": [_row_dict(row) for row in preview.rows],
        "errors": [{**asdict(error), "field_label": field_label(error.field)} for error in preview.errors],
        "warnings": list(preview.warnings),
        "decisions": stored,
        "summary": {"rows": preview.row_count, **{kind: sum(d.kind == kind for d in decisions)
                                                  for kind in ("new", "same", "possible_duplicate")}},
    }
    fields["summary"]["plan"] = plan_counts(import_plan(ImportBatch(**fields)))
    return fields


def do_preview_import(source: bytes | IO[bytes], file_name: str, *, actor: Any) -> ImportBatch:
    """Parse and check the file and match its rows against the registry; store the preview
    (at once: the pages queue the same work for the task worker, see `import_runs`).
    Raises ImportFileError for a file that cannot be read at all.  Messages and reasons are
    stored in the uploader's active language; each error also keeps its field's English label
    (``field_label``), which the preview page translates for whoever views it."""
    return ImportBatch.objects.create(file_name=file_name[:255], uploaded_by=actor,
                                      **preview_fields(source, file_name))


def import_plan(batch: ImportBatch, skip: Iterable[int] = ()) -> list[dict[str, Any]]:
    """What the commit does with each row (in file order): ``{"line", "action", "record_id",
    "into"}``, ``action`` one of ACTIONS; ``into`` is the line of the earlier row a SAME_ROW row
    is merged into; ``skip`` the lines left out. A row that repeats a skipped row stands alone."""
    skipped = {int(line) for line in skip}
    plan: list[dict[str, Any]] = []
    action_of: dict[int, str] = {}
    for row, decision in zip(batch.rows, batch.decisions, strict=True):
        line, into = row["line"], decision.get("same_row")
        if line in skipped:
            action = SKIP
        elif into is not None and action_of.get(into) not in (None, SKIP):
            action = SAME_ROW
        else:
            into = None
            action = {"same": UPDATE, "possible_duplicate": REVIEW}.get(decision["kind"], CREATE)
            if action == REVIEW and decision.get("record_id") is None:
                action = CREATE
        action_of[line] = action
        plan.append({"line": line, "action": action, "record_id": decision.get("record_id"),
                     "into": into if action == SAME_ROW else None})
    return plan


def plan_counts(plan: list[dict[str, Any]]) -> dict[str, int]:
    return {action: sum(step["action"] == action for step in plan) for action in ACTIONS}


def _row_dict(row: ImportRow) -> dict[str, Any]:
    data = asdict(row)
    data.pop("raw", None)
    return data


@transaction.atomic
def do_commit_import(batch: ImportBatch, *, actor: Any, skip: Iterable[int] = ()) -> dict[str, int]:
    """Carry out the import's plan (`import_plan`, with the lines in `skip` left out) and return
    its counts, which are those the preview showed for the same choice. All or nothing: an error
    on any row raises ValidationError naming its line, and nothing is written."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW or batch.errors:
        raise ValidationError(_("this import cannot be committed (already done, discarded or has errors)"))
    # In bulk (import_commit): row by row, a 20,000-row list took minutes.
    done = commit_plan(batch, import_plan(batch, skip), actor=actor, actions=ACTIONS)
    batch.status = ImportBatch.Status.COMMITTED
    batch.committed_at = timezone.now()
    batch.summary = {**batch.summary, "committed": done, "skipped_lines": sorted(int(x) for x in skip)}
    batch.save(update_fields=["status", "committed_at", "summary"])
    return done


def merged_skip(batch: ImportBatch, skip: Iterable[int], shown: Iterable[int] | None = None) -> list[int]:
    """The lines to leave out after a form of the preview was posted: ``skip`` the ticked lines;
    with ``shown`` (the lines of the page the form showed), the lines left out on other pages
    stay left out; without it, ``skip`` is the whole choice."""
    ticked = {int(line) for line in skip}
    if shown is not None:
        page = {int(line) for line in shown}
        ticked |= {int(line) for line in batch.summary.get("skip", [])} - page
    lines = {row["line"] for row in batch.rows}
    return sorted(ticked & lines)


@transaction.atomic
def do_set_import_skip(batch: ImportBatch, skip: Iterable[int], *, actor: Any,
                       shown: Iterable[int] | None = None) -> dict[str, int]:
    """Remember the rows to leave out of a previewed import (see `merged_skip`); returns the
    plan's new counts."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ValidationError(_("this import cannot be committed (already done, discarded or has errors)"))
    batch.summary = {**batch.summary, "skip": merged_skip(batch, skip, shown)}
    batch.summary["plan"] = plan_counts(import_plan(batch, batch.summary["skip"]))
    batch.save(update_fields=["summary", "updated_at"])
    return batch.summary["plan"]


def preview_entries(batch: ImportBatch, *,
                    to_check: bool = False) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The preview's rows in file order, each ``{"row", "decision", "step"}`` (its plan step for
    the rows left out so far), and the plan's counts; with ``to_check``, only the rows that are
    not simply new (already registered, possible duplicates, repeats, left out)."""
    plan = import_plan(batch, batch.summary.get("skip", []))
    entries = [{"row": row, "decision": decision, "step": step}
               for row, decision, step in zip(batch.rows, batch.decisions, plan, strict=True)
               if not to_check or step["action"] != CREATE]
    return entries, plan_counts(plan)


def with_names(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries (a page of `preview_entries`) with their matched organisation, country and
    province objects, read in one query each."""
    matched = Organization.objects.in_bulk([e["step"]["record_id"] for e in entries
                                            if e["step"]["record_id"]])
    countries = Country.objects.in_bulk([e["row"]["country"] for e in entries], field_name="alpha3")
    provinces = Province.objects.in_bulk([e["row"]["province"] for e in entries if e["row"].get("province")],
                                         field_name="code")
    for entry in entries:
        row = entry["row"]
        entry.update(match=matched.get(entry["step"]["record_id"]), country=countries.get(row["country"]),
                     province=provinces.get(row.get("province") or ""))
    return entries


def preview_rows(batch: ImportBatch) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """All the preview's rows (row, decision, plan step, matched organisation, country and
    province objects for their names) and the plan's counts, for the rows left out so far."""
    entries, counts = preview_entries(batch)
    return with_names(entries), counts


@transaction.atomic
def do_discard_import(batch: ImportBatch, *, actor: Any) -> None:
    """Drop a previewed import: nothing of it is written."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ValidationError(_("this import cannot be committed (already done, discarded or has errors)"))
    batch.status = ImportBatch.Status.DISCARDED
    batch.save(update_fields=["status"])


@transaction.atomic
def do_decide_duplicate(candidate: DuplicateCandidate, *, same: bool, actor: Any) -> None:
    """Confirm (merge the imported record into the existing one; its address keeps working) or
    reject a possible duplicate."""
    candidate = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != DuplicateCandidate.Status.PENDING:
        raise ValidationError(_("this pair was already decided"))
    if same:
        services.do_merge_organizations(candidate.organization, candidate.candidate, actor=actor,
                                        reason=f"confirmed duplicate ({candidate.probability:.2f})")
    elif candidate.organization.archived_at is not None and candidate.batch_id is not None and not (
            DuplicateCandidate.objects.filter(organization=candidate.organization,
                                              status=DuplicateCandidate.Status.PENDING)
            .exclude(pk=candidate.pk).exists()):
        # Held back by its import until now: another organisation, so it joins the registry.
        organization = candidate.organization
        organization.archived_at = None
        stamp_history(organization, actor, "not a duplicate: kept")
        organization.save(update_fields=["archived_at", "updated_at"])
    candidate.status = DuplicateCandidate.Status.CONFIRMED if same else DuplicateCandidate.Status.REJECTED
    candidate.decided_by, candidate.decided_at = actor, timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at"])
