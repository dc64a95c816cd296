"""Writes to the registry (`do_<verb>_<noun>`). Each keeps history (django-simple-history)
with its author and a reason; nothing is deleted, only archived."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tradebridge.catalog.models import HSCode
from tradebridge.catalog.resolve import normalize_hs
from tradebridge.catalog.search import resolver
from tradebridge.geo.models import Country
from tradebridge.registry import identifiers as identifier_rules
from tradebridge.registry.models import Alias, Identifier, Organization, TradeItem

EDITABLE_FIELDS = (
    "name", "name_vi", "name_lo", "name_zh_hans", "name_en", "province", "zone", "address",
    "website", "description", "contact_email", "contact_phone", "size", "certifications",
)
# A glossary match weaker than this is not trusted to set an item's HS code on its own.
MIN_RESOLUTION_SCORE = 0.5


def _stamp(obj: Any, actor: Any, reason: str) -> None:
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    obj._change_reason = reason


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
def do_create_organization(*, actor: Any, kind: str, name: str, country: Country,
                           reason: str = "", **fields: Any) -> Organization:
    organization = Organization(kind=kind, name=name.strip(), country=country, **fields)
    organization.slug = fields.get("slug") or unique_slug(fields.get("name_en") or name)
    organization.full_clean()
    _stamp(organization, actor, reason or "created")
    organization.save()
    return organization


def validate_organization_changes(organization: Organization, changes: dict[str, Any]) -> None:
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
    organization: Organization, changes: dict[str, Any], *, actor: Any, reason: str = ""
) -> list[str]:
    """Apply `changes` (already validated) and return the names of the fields that changed."""
    changed = [f for f in EDITABLE_FIELDS if f in changes and getattr(organization, f) != changes[f]]
    sectors = changes.get("sectors")
    sectors_changed = sectors is not None and (
        {s.pk for s in sectors} != set(organization.sectors.values_list("pk", flat=True))
    )
    if changed:
        for field in changed:
            setattr(organization, field, changes[field])
        _stamp(organization, actor, reason or "edited " + ", ".join(changed))
        organization.save(update_fields=[*changed, "updated_at"])
    if sectors_changed:
        organization.sectors.set(sectors)
        changed.append("sectors")
    return changed


@transaction.atomic
def do_archive_organization(organization: Organization, *, actor: Any, reason: str) -> None:
    organization.archived_at = timezone.now()
    _stamp(organization, actor, reason)
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
        _stamp(item, actor, f"moved from {duplicate.slug}")
        item.save(update_fields=["organization", "updated_at"])
    for identifier in duplicate.identifiers.all():
        if not survivor.identifiers.filter(scheme=identifier.scheme).exists():
            identifier.organization = survivor
            _stamp(identifier, actor, f"moved from {duplicate.slug}")
            identifier.save(update_fields=["organization"])
    Alias.objects.create(slug=duplicate.slug, organization=survivor)
    duplicate.aliases.update(organization=survivor)
    duplicate.archived_at = timezone.now()
    duplicate.merged_into = survivor
    duplicate.slug = unique_slug(f"{duplicate.slug}-merged")
    _stamp(duplicate, actor, reason or f"merged into {survivor.slug}")
    duplicate.save(update_fields=["archived_at", "merged_into", "slug", "updated_at"])


@transaction.atomic
def do_set_identifier(organization: Organization, scheme: str, raw: str, *, actor: Any) -> Identifier | None:
    """Set (or with an empty value, remove) the organisation's identifier under `scheme`."""
    current = organization.identifiers.filter(scheme=scheme).first()
    if not raw.strip():
        if current is not None:
            _stamp(current, actor, "removed")
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
    _stamp(current, actor, "set")
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
    _stamp(item, actor, reason)
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
    item.archived_at = timezone.now()
    _stamp(item, actor, "archived")
    item.save(update_fields=["archived_at", "updated_at"])
