"""Delegation-list imports: preview (parse with `delegation`, match against the registry with
`dedupe`), all-or-nothing commit, and the review queue of possible duplicates."""

from __future__ import annotations

from dataclasses import asdict
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tradebridge.core.text import fold
from tradebridge.geo.models import Country, Province
from tradebridge.registry import services
from tradebridge.registry.dedupe import Record, resolve_rows
from tradebridge.registry.delegation import ImportFileError, ImportRow, field_label, parse_delegation_list
from tradebridge.registry.models import DuplicateCandidate, Identifier, ImportBatch, Organization, TradeItem

__all__ = [
    "ImportFileError", "do_commit_import", "do_decide_duplicate", "do_discard_import", "do_preview_import",
]


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


def do_preview_import(source: bytes | IO[bytes], file_name: str, *, actor: Any) -> ImportBatch:
    """Parse and check the file and match its rows against the registry; store the preview.
    Raises ImportFileError for a file that cannot be read at all.  Messages and reasons are
    stored in the uploader's active language; each error also keeps its field's English label
    (``field_label``), which the preview page translates for whoever views it."""
    preview = parse_delegation_list(source, file_name, country_lookup=_country_lookup(),
                                    province_lookup=_province_lookup())
    decisions = resolve_rows(registry_records(), preview.rows) if preview.committable else []
    batch = ImportBatch.objects.create(
        file_name=file_name[:255], uploaded_by=actor,
        rows=[_row_dict(row) for row in preview.rows],
        errors=[{**asdict(error), "field_label": field_label(error.field)} for error in preview.errors],
        warnings=list(preview.warnings),
        decisions=[asdict(decision) for decision in decisions],
        summary={"rows": preview.row_count, **{kind: sum(d.kind == kind for d in decisions)
                                               for kind in ("new", "same", "possible_duplicate")}},
    )
    return batch


def _row_dict(row: ImportRow) -> dict[str, Any]:
    data = asdict(row)
    data.pop("raw", None)
    return data


@transaction.atomic
def do_commit_import(batch: ImportBatch, *, actor: Any) -> dict[str, int]:
    """Create the new organisations (and the possible duplicates, queued for review); rows that
    are the same as a registry record only add the offers and needs it lacks. All or nothing:
    an error on any row raises ValidationError naming its line, and nothing is written."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW or batch.errors:
        raise ValidationError(_("this import cannot be committed (already done, discarded or has errors)"))
    countries = {c.alpha3: c for c in Country.objects.all()}
    provinces = {p.code: p for p in Province.objects.all()}
    created = updated = queued = 0
    for row, decision in zip(batch.rows, batch.decisions, strict=True):
        line = row["line"]
        try:
            if decision["kind"] == "same":
                organization = Organization.objects.get(pk=decision["record_id"])
                updated += _add_items(organization, row, actor)
                continue
            organization = _create_from_row(row, countries, provinces, actor, batch)
            created += 1
            if decision["kind"] == "possible_duplicate" and decision["record_id"] is not None:
                DuplicateCandidate.objects.create(
                    organization=organization, candidate_id=decision["record_id"], batch=batch,
                    probability=decision["probability"], reasons=decision["reasons"])
                queued += 1
        except ValidationError as exc:
            raise ValidationError(_("line %(line)s: %(reason)s")
                                  % {"line": line, "reason": "; ".join(exc.messages)}) from exc
    batch.status = ImportBatch.Status.COMMITTED
    batch.committed_at = timezone.now()
    batch.summary = {**batch.summary, "created": created, "updated": updated, "queued": queued}
    batch.save(update_fields=["status", "committed_at", "summary"])
    return {"created": created, "updated": updated, "queued": queued}


@transaction.atomic
def do_discard_import(batch: ImportBatch, *, actor: Any) -> None:
    """Drop a previewed import: nothing of it is written."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ValidationError(_("this import cannot be committed (already done, discarded or has errors)"))
    batch.status = ImportBatch.Status.DISCARDED
    batch.save(update_fields=["status"])


def _create_from_row(row, countries, provinces, actor, batch) -> Organization:
    kind = row.get("kind") if row.get("kind") in Organization.Kind.values else Organization.Kind.ENTERPRISE
    organization = services.do_create_organization(
        actor=actor, kind=kind, name=row["name"], country=countries[row["country"]],
        province=provinces.get(row.get("province") or ""), name_en=row.get("name_en", ""),
        website=row.get("website", ""), address=row.get("address", "")[:255],
        contact_email=(row.get("emails") or [""])[0], contact_phone=(row.get("phones") or [""])[0][:40],
        source=f"import: {batch.file_name}", reason=f"imported from {batch.file_name}, line {row['line']}",
        identifier=row.get("identifier") or "")
    _add_items(organization, row, actor)
    return organization


def _add_items(organization: Organization, row: dict[str, Any], actor: Any) -> int:
    """Offers and needs of the row that the organisation does not list yet."""
    existing = {(d, fold(t)) for d, t in organization.trade_items.active().values_list("direction", "text")}
    added = 0
    for direction, texts in (("offer", row.get("offers", [])), ("need", row.get("needs", []))):
        for text in texts:
            if (direction, fold(text)) in existing:
                continue
            services.do_add_trade_item(organization, actor=actor, direction=direction, text=text[:300])
            added += 1
    return added


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
    candidate.status = DuplicateCandidate.Status.CONFIRMED if same else DuplicateCandidate.Status.REJECTED
    candidate.decided_by, candidate.decided_at = actor, timezone.now()
    candidate.save(update_fields=["status", "decided_by", "decided_at"])
