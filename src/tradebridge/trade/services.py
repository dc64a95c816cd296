"""Writes of the trade app (`do_<verb>_<noun>`): investment records keep their history and are
archived, never deleted; agency-reported figures go to the trade store through its importer."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tradebridge.core.history import stamp_history
from tradebridge.trade.models import InvestmentRecord

EDITABLE_FIELDS = (
    "source_country", "source_province", "destination_country", "destination_province", "year",
    "period", "kind", "projects", "contributions", "capital", "currency", "capital_usd", "qualifier",
    "growth_pct", "investor_rank", "investor_rank_of", "destination_rank", "destination_rank_of",
    "sector", "source", "citation", "is_illustrative",
)


@transaction.atomic
def do_create_investment(*, actor: Any, **fields: Any) -> InvestmentRecord:
    record = InvestmentRecord(**{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    record.full_clean()
    stamp_history(record, actor, "created")
    record.save()
    return record


@transaction.atomic
def do_update_investment(record: InvestmentRecord, changes: dict[str, Any], *, actor: Any) -> list[str]:
    changed = [f for f in EDITABLE_FIELDS if f in changes and getattr(record, f) != changes[f]]
    if not changed:
        return []
    for field in changed:
        setattr(record, field, changes[field])
    record.full_clean()
    stamp_history(record, actor, "edited " + ", ".join(changed))
    record.save(update_fields=[*changed, "updated_at"])
    return changed


@transaction.atomic
def do_archive_investment(record: InvestmentRecord, *, actor: Any) -> None:
    record.mark_archived()
    stamp_history(record, actor, "archived")
    record.save(update_fields=["archived_at", "updated_at"])


def do_import_reported(upload, *, actor: Any, source: str = "", store=None):
    """File an uploaded agency table (year, reporter, partner, flow, hs_or_group, value,
    currency, source) in the trade store with trade-core's importer: every row is checked
    first; a bad row raises TradeImportError naming the line and field, and nothing changes.
    Values in another currency than USD need a rate, so such tables go through the CLI."""
    import tempfile
    from pathlib import Path

    from tradebridge.trade.importers import import_reported, known_codes
    from tradebridge.trade.store import TradeStore

    name = Path(upload.name).name or "reported.csv"
    with tempfile.TemporaryDirectory(prefix="tradebridge-reported-") as folder:
        path = Path(folder) / name
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        who = getattr(actor, "username", "") or "unknown"
        label = source.strip() or f"reported figures: {name} (uploaded by {who})"
        return import_reported(store or TradeStore(), path, known=known_codes(provinces=True), source=label)
