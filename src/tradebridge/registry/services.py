"""Writes to the registry (`do_<verb>_<noun>`). Each keeps history (django-simple-history)
with its author and a reason; nothing is deleted, only archived."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tradebridge.catalog.models import HSCode, Sector
from tradebridge.catalog.resolve import normalize_hs
from tradebridge.catalog.search import resolver
from tradebridge.core.history import stamp_history
from tradebridge.geo.models import Country, Province, Zone
from tradebridge.registry import identifiers as identifier_rules
from tradebridge.registry.models import Alias, Identifier, Organization, TradeItem

EDITABLE_FIELDS = (
    "name", "name_vi", "name_lo", "name_zh_hans", "name_en", "province", "zone", "address",
    "website", "description", "contact_email", "contact_phone", "size", "certifications",
)
# A glossary match weaker than this is not trusted to set an item's HS code on its own.
MIN_RESOLUTION_SCORE = 0.5


@dataclass(frozen=True)
class ResolvedProduct:
    hs: HSCode | None
    from_text: bool


def resolve_product(text: str, hs: str | None) -> ResolvedProduct:
    """The HS code of an offer or need: the one given (validated), else the glossary's best
    match for the text. Raises ValidationError naming a malformed or unknown code."""
    if hs:
        try:
            digits = normalize_hs(hs)
        except ValueError as exc:
            raise ValidationError({"hs": str(exc)}) from exc
        code = HSCode.objects.filter(code=digits).first()
        if code is None:
            raise ValidationError({"hs": _("HS code %(code)s does not exist in HS 2022.") % {"code": hs}})
        return ResolvedProduct(code, from_text=False)
    best = resolver().resolve_best(text)
    if best is None or best.score < MIN_RESOLUTION_SCORE or best.kind == "fuzzy":
        return ResolvedProduct(None, from_text=False)
    return ResolvedProduct(HSCode.objects.filter(code=best.hs).first(), from_text=True)


RESERVED_SLUGS = {"new", "import", "duplicates"}  # path segments of the registry's own pages


def unique_slug(name: str, *, fallback: str = "organization") -> str:
    base = (slugify(name) or fallback)[:70]
    slug, n = base, 2
    while (slug in RESERVED_SLUGS or Organization.objects.filter(slug=slug).exists()
           or Alias.objects.filter(slug=slug).exists()):
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def do_create_organization(*, actor: Any, kind: str, name: str, country: Country, reason: str = "",
                           sectors: Iterable[Sector] = (), identifier: str = "",
                           **fields: Any) -> Organization:
    """Create an organisation with its `sectors` and, where its country has a registration
    scheme, its `identifier` (the same for the page, the API and imports)."""
    organization = Organization(kind=kind, name=name.strip(), country=country, **fields)
    organization.slug = fields.get("slug") or unique_slug(fields.get("name_en") or name)
    organization.full_clean()
    stamp_history(organization, actor, reason or "created")
    organization.save()
    sectors = list(sectors)
    if sectors:
        organization.sectors.set(sectors)
    scheme = identifier_rules.scheme_for_country(country.alpha3)
    if scheme and identifier:
        do_set_identifier(organization, scheme, identifier, actor=actor)
    return organization


# What the edit page compares with the values its editor started from.
TRACKED_FIELDS = (*EDITABLE_FIELDS, "sectors", "identifier")
_UNSET = object()
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def version_of(organization: Organization) -> str:
    """The organisation's version (its ETag): the time of its last save, in microseconds."""
    return str((organization.updated_at - _EPOCH) // timedelta(microseconds=1))


def _plain(field: str, value: Any) -> Any:
    """A value as JSON keeps it: ids for related rows; text with the browser's CRLF as LF."""
    if field in ("province", "zone"):
        return getattr(value, "pk", value)
    if field == "sectors":
        return sorted(getattr(s, "pk", s) for s in value or ())
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip() if field == "identifier" else value.replace("\r\n", "\n")
    return list(value) if isinstance(value, tuple | list) else value


def edit_snapshot(organization: Organization) -> dict[str, Any]:
    """The version and the editable values as plain JSON (what the edit form carries)."""
    values = {f: _plain(f, getattr(organization, f)) for f in EDITABLE_FIELDS}
    values["sectors"] = sorted(organization.sectors.values_list("pk", flat=True))
    scheme = identifier_rules.scheme_for_country(organization.country.alpha3)
    if scheme:
        values["identifier"] = organization.identifiers.filter(scheme=scheme).values_list(
            "value", flat=True).first() or ""
    return {"version": version_of(organization), "values": values}


def describe(field: str, value: Any) -> str:
    """A plain value as a person reads it (names, not ids)."""
    if field == "province":
        value = Province.objects.filter(pk=value).first() if value else None
    elif field == "zone":
        value = Zone.objects.filter(pk=value).first() if value else None
    elif field == "sectors":
        value = [str(s) for s in Sector.objects.filter(pk__in=value or ())]
    elif field == "size" and value:
        value = Organization.Size(value).label if value in Organization.Size.values else value
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return str(value) if value not in (None, "") else _("(empty)")


@dataclass(frozen=True)
class FieldConflict:
    field: str
    current: str  # what it is now, after the other person's change
    yours: str  # what this editor wanted


class EditConflict(Exception):
    """Fields this editor changed were also changed by someone else since the form was loaded.
    `mine`: every field the editor changed; `snapshot`: the organisation as it is now."""

    def __init__(self, conflicts: list[FieldConflict], *, mine: list[str], snapshot: dict[str, Any]):
        super().__init__(", ".join(c.field for c in conflicts))
        self.conflicts, self.mine, self.snapshot = conflicts, mine, snapshot


class StaleVersion(Exception):
    def __init__(self, expected: str, current: str):
        super().__init__(f"version {expected} is not the current {current}")
        self.expected, self.current = expected, current


def _check_changes(organization: Organization, changes: dict[str, Any]) -> None:
    """Check `changes` against the model's rules on a copy; raise ValidationError naming fields."""
    copy = Organization.objects.get(pk=organization.pk)
    for field, value in changes.items():
        if field in EDITABLE_FIELDS:
            setattr(copy, field, value.strip() if isinstance(value, str) and field == "name" else value)
    if not copy.name:
        raise ValidationError({"name": _("The name cannot be empty.")})
    copy.full_clean(exclude=["slug"])


@transaction.atomic
def do_update_organization(
    organization: Organization, changes: dict[str, Any], *, actor: Any, reason: str = "",
    loaded: dict[str, Any] | None = None, expected_version: str | None = None,
) -> list[str]:
    """Apply `changes` after checking them: editable fields, `sectors` (a list of sectors) and
    `identifier` (the value under the country's scheme, "" to remove it; None or absent: left
    as it is). Returns the names of what changed.

    Two people may edit at once, so the row is locked and read again here. With `loaded` (the
    values the editor started from, `edit_snapshot()["values"]`) only the fields the editor
    changed are written, and a field someone else changed meanwhile raises EditConflict and
    changes nothing. With `expected_version`, any change since that version raises StaleVersion."""
    current = (Organization.objects.select_for_update(of=("self",)).select_related("country")
               .get(pk=organization.pk))
    if expected_version is not None and expected_version != version_of(current):
        raise StaleVersion(expected_version, version_of(current))
    if loaded is not None:
        changes = {f: v for f, v in changes.items()
                   if f in TRACKED_FIELDS and _plain(f, v) != loaded.get(f, _UNSET)}
        now = edit_snapshot(current)
        conflicts = [
            FieldConflict(f, describe(f, now["values"].get(f)), describe(f, _plain(f, v)))
            for f, v in changes.items()
            if now["values"].get(f, _UNSET) not in (loaded.get(f, _UNSET), _plain(f, v))
        ]
        if conflicts:
            raise EditConflict(conflicts, mine=sorted(changes), snapshot=now)
    _check_changes(current, changes)
    changed = [f for f in EDITABLE_FIELDS if f in changes and getattr(current, f) != changes[f]]
    sectors = changes.get("sectors")
    sectors_changed = sectors is not None and (
        {s.pk for s in sectors} != set(current.sectors.values_list("pk", flat=True))
    )
    if sectors_changed:
        current.sectors.set(sectors)
    identifier = changes.get("identifier")
    identifier_changed = identifier is not None and _change_identifier(current, identifier, actor)
    everything = [*changed, *(["sectors"] if sectors_changed else []),
                  *(["identifier"] if identifier_changed else [])]
    if everything:
        for field in changed:
            setattr(current, field, changes[field])
        # Saved even when only sectors or the identifier changed, so that the version moves on.
        stamp_history(current, actor, reason or "edited " + ", ".join(everything))
        current.save(update_fields=[*changed, "updated_at"])
    for field in (*changed, "search_text", "updated_at"):
        setattr(organization, field, getattr(current, field))
    return everything


def _change_identifier(organization: Organization, raw: str, actor: Any) -> bool:
    """Set the identifier under the organisation's scheme to `raw` unless it is already that."""
    scheme = identifier_rules.scheme_for_country(organization.country.alpha3)
    if scheme is None:
        raise ValidationError({"identifier": "no registration scheme for this country"})
    current = organization.identifiers.filter(scheme=scheme).values_list("value", flat=True).first() or ""
    if raw.strip() == current:
        return False
    do_set_identifier(organization, scheme, raw, actor=actor)
    return True


@transaction.atomic
def do_archive_organization(organization: Organization, *, actor: Any, reason: str) -> None:
    organization.mark_archived()
    stamp_history(organization, actor, reason)
    organization.save(update_fields=["archived_at", "updated_at"])


@transaction.atomic
def do_merge_organizations(duplicate: Organization, survivor: Organization, *, actor: Any,
                           reason: str = "") -> None:
    """Archive `duplicate` into `survivor`: its offers, needs and identifiers move over and its
    address keeps working as an alias."""
    if duplicate.pk == survivor.pk:
        raise ValidationError(_("An organisation cannot be merged into itself."))
    for item in duplicate.trade_items.active():
        item.organization = survivor
        stamp_history(item, actor, f"moved from {duplicate.slug}")
        item.save(update_fields=["organization", "updated_at"])
    for identifier in duplicate.identifiers.all():
        if not survivor.identifiers.filter(scheme=identifier.scheme).exists():
            identifier.organization = survivor
            stamp_history(identifier, actor, f"moved from {duplicate.slug}")
            identifier.save(update_fields=["organization"])
    Alias.objects.create(slug=duplicate.slug, organization=survivor)
    duplicate.aliases.update(organization=survivor)
    duplicate.mark_archived()
    duplicate.merged_into = survivor
    duplicate.slug = unique_slug(f"{duplicate.slug}-merged")
    stamp_history(duplicate, actor, reason or f"merged into {survivor.slug}")
    duplicate.save(update_fields=["archived_at", "merged_into", "slug", "updated_at"])


@transaction.atomic
def do_set_identifier(organization: Organization, scheme: str, raw: str, *, actor: Any) -> Identifier | None:
    """Set (or with an empty value, remove) the organisation's identifier under `scheme`."""
    current = organization.identifiers.filter(scheme=scheme).first()
    if not raw.strip():
        if current is not None:
            stamp_history(current, actor, "removed")
            current.delete()
        return None
    try:
        value = identifier_rules.validate(scheme, raw)
    except identifier_rules.IdentifierError as exc:
        raise ValidationError({scheme: str(exc)}) from exc
    clash = Identifier.objects.filter(scheme=scheme, value=value).exclude(organization=organization)
    if clash.exists():
        raise ValidationError({scheme: _("%(value)s is already registered to another organisation.")
                               % {"value": value}})
    if current is None:
        current = Identifier(organization=organization, scheme=scheme)
    current.value = value
    stamp_history(current, actor, "set")
    current.save()
    return current


@transaction.atomic
def do_add_trade_item(organization: Organization, *, actor: Any, direction: str, text: str,
                      hs: str | None = None, quantity: Decimal | None = None, unit: str = "",
                      markets: Iterable[Country] = ()) -> TradeItem:
    product = resolve_product(text, hs)
    item = TradeItem(organization=organization, direction=direction, text=text.strip(),
                     hs=product.hs, hs_resolved=product.from_text, quantity=quantity, unit=unit)
    return _save_item(item, actor, "added", markets)


def _save_item(item: TradeItem, actor: Any, reason: str, markets: Iterable[Country]) -> TradeItem:
    item.full_clean()
    stamp_history(item, actor, reason)
    item.save()
    item.markets.set(list(markets))
    return item


@transaction.atomic
def do_update_trade_item(item: TradeItem, *, actor: Any, text: str, hs: str | None,
                         quantity: Decimal | None, unit: str, markets: Iterable[Country]) -> TradeItem:
    keep_code = not hs and item.hs_id and not item.hs_resolved and text.strip() == item.text
    product = ResolvedProduct(item.hs, False) if keep_code else resolve_product(text, hs)
    item.text, item.hs, item.hs_resolved = text.strip(), product.hs, product.from_text
    item.quantity, item.unit = quantity, unit
    return _save_item(item, actor, "edited", markets)


@transaction.atomic
def do_archive_trade_item(item: TradeItem, *, actor: Any) -> None:
    item.mark_archived()
    stamp_history(item, actor, "archived")
    item.save(update_fields=["archived_at", "updated_at"])
