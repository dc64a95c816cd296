"""Load the demo data (organisations of the seed articles and persona accounts) once."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from tradebridge.accounts.models import User, check_role_membership
from tradebridge.bootstrap import demo_data
from tradebridge.bootstrap.demo_agreements import do_load_agreements_demo
from tradebridge.bootstrap.demo_border import do_load_border_demo
from tradebridge.bootstrap.demo_chains import do_load_chains_demo
from tradebridge.bootstrap.demo_events import do_load_events_demo
from tradebridge.catalog.models import Sector
from tradebridge.core.history import stamp_history
from tradebridge.core.loading import DataFileError
from tradebridge.core.models import DataLoad
from tradebridge.geo.models import Country, Province
from tradebridge.registry import services
from tradebridge.registry.models import Organization
from tradebridge.trade.demo import do_load_trade_demo

ENTERPRISES_FILE = Path(__file__).resolve().parent / "data" / "demo_enterprises.json"

DATASET = "demo"
# Raised whenever the demo records change in a way that databases loaded before must receive
# (stored as the demo DataLoad's checksum): `tradebridge setup` then corrects them once.
DEMO_VERSION = "chains-border-1"


def demo_loaded() -> bool:
    return DataLoad.objects.filter(name=DATASET).exists()


def demo_outdated() -> bool:
    """Loaded by an earlier version whose records the current one corrects."""
    return DataLoad.objects.filter(name=DATASET).exclude(checksum=DEMO_VERSION).exists()


def do_correct_demo() -> dict[str, int]:
    """Bring a database loaded by an earlier version to the current demo records without
    touching what users changed in the registry or the accounts: the villages get the products
    they lacked, the demo events and agreements are corrected (each correction in their history),
    wrong records archived. Idempotent."""
    with transaction.atomic():
        villages = Organization.objects.in_bulk(list(demo_data.SEED_ITEMS), field_name="slug")
        for slug, items in demo_data.SEED_ITEMS.items():
            if slug in villages:
                _ensure_items(villages[slug], items)
        summary = {**do_load_events_demo(), **do_load_agreements_demo(), **do_load_chains_demo(),
                   **do_load_border_demo()}
        DataLoad.objects.filter(name=DATASET).update(checksum=DEMO_VERSION)
    return summary


def do_load_demo() -> dict[str, int]:
    """Create or update the demo organisations and accounts. Needs the reference data."""
    if not Country.objects.filter(alpha3="VNM").exists():
        raise DataFileError("demo data needs the reference data: run `tradebridge load-reference`")
    with transaction.atomic():
        organizations = {}
        for key, spec in demo_data.ORGANIZATIONS.items():
            organizations[key] = _upsert_organization(key, spec, is_demo=False)
            _ensure_items(organizations[key], demo_data.SEED_ITEMS.get(key, {}))
        for key, spec in demo_data.DEMO_ORGANIZATIONS.items():
            organizations[key] = _upsert_organization(key, spec, is_demo=True)
            _replace_items(organizations[key], demo_data.DEMO_ITEMS.get(key, {}))
        enterprises = load_demo_enterprises()
        for username, (role, org_key, first, last, tz) in demo_data.ACCOUNTS.items():
            organization = organizations[org_key] if org_key else None
            check_role_membership(role, organization)
            user, created = User.objects.get_or_create(username=username)
            user.role, user.organization = role, organization
            user.first_name, user.last_name, user.time_zone = first, last, tz
            user.email = f"{username}@demo.tradebridge.invalid"
            user.is_staff = user.is_superuser = role == "admin"
            if created:
                user.set_password(demo_data.DEMO_PASSWORD)
            user.save()
        summary = {"organizations": len(organizations) + enterprises,
                   "accounts": len(demo_data.ACCOUNTS)}
        # Apps further down the chain build on the organisations and accounts above.
        summary.update(do_load_trade_demo())
        summary.update(do_load_events_demo())
        summary.update(do_load_agreements_demo())
        summary.update(do_load_chains_demo())
        summary.update(do_load_border_demo())
        DataLoad.objects.update_or_create(
            name=DATASET, defaults={"checksum": DEMO_VERSION, "summary": summary})
    return summary


def _upsert_organization(slug: str, spec: tuple, *, is_demo: bool) -> Organization:
    kind, alpha3, province_code, name, en, vi, lo, zh, source = spec
    values = {
        "kind": kind,
        "country": Country.objects.get(alpha3=alpha3),
        "province": Province.objects.get(code=province_code),
        "name": name,
        "name_en": en,
        "name_vi": vi,
        "name_lo": lo,
        "name_zh_hans": zh,
        "is_demo": is_demo,
        "source": source,
    }
    return _save_changed(slug, values)


def _save_changed(slug: str, values: dict) -> Organization:
    """Create the organisation or update what differs; unchanged, it is not saved again (no
    history row), so that loading the demo twice changes nothing."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        return Organization.objects.create(slug=slug, **values)
    changed = [field for field, value in values.items() if getattr(organization, field) != value]
    if changed:
        for field in changed:
            setattr(organization, field, values[field])
        stamp_history(organization, None, "demo data")
        organization.save(update_fields=changed)
    return organization


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, role, organisation) for the start-up banner."""
    rows = []
    for username, (role, org_key, *_rest) in demo_data.ACCOUNTS.items():
        spec = demo_data.ORGANIZATIONS.get(org_key) or demo_data.DEMO_ORGANIZATIONS.get(org_key)
        rows.append((username, role, spec[4] if spec else "-"))
    return rows


def load_demo_enterprises(path: Path = ENTERPRISES_FILE) -> int:
    """The illustrative enterprises with their offers and needs (bootstrap/data). Offers and
    needs are replaced on each load so that the file stays the single source of demo data."""
    if not path.is_file():
        raise DataFileError(f"{path}: demo data file not found")
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{path.name}: not valid JSON: {exc}") from exc
    countries = {c.alpha3: c for c in Country.objects.filter(alpha3__in=_all_countries(entries))}
    sectors = {s.code: s for s in Sector.objects.all()}
    for index, entry in enumerate(entries):
        where = f"{path.name}, entry {index} ({entry.get('slug', '?')})"
        try:
            country = countries[entry["country"]]
            province = Province.objects.get(code=entry["province"], country=country)
            unknown = [code for code in entry.get("sectors", []) if code not in sectors]
            if unknown:
                raise DataFileError(f"{where}: unknown sector(s) {', '.join(unknown)}")
            values = {
                "kind": entry["kind"], "country": country, "province": province,
                "name": entry["name"], "name_en": entry.get("name_en", ""),
                "name_vi": entry.get("name_vi", ""), "name_lo": entry.get("name_lo", ""),
                "name_zh_hans": entry.get("name_zh_hans", ""), "size": entry.get("size", ""),
                "certifications": entry.get("certifications", []),
                "description": entry.get("description", ""), "website": entry.get("website", ""),
                "contact_email": entry.get("contact_email", ""),
                "contact_phone": entry.get("contact_phone", ""), "is_demo": True,
                "source": "illustrative demo data",
            }
        except (KeyError, Province.DoesNotExist) as exc:
            raise DataFileError(f"{where}: missing or unknown {exc}") from exc
        organization = _save_changed(entry["slug"], values)
        organization.sectors.set([sectors[code] for code in entry.get("sectors", [])])
        _sync_items(organization, [
            (direction, item["text"], item.get("hs"), item.get("quantity"), item.get("unit", ""),
             [m for m in item.get("markets", []) if m in countries])
            for direction, key in (("offer", "offers"), ("need", "needs")) for item in entry.get(key, [])
        ], countries)
    return len(entries)


def _replace_items(organization: Organization, items: dict[str, list[tuple]]) -> None:
    countries = {c.alpha3: c for c in Country.objects.filter(alpha3__in=["VNM", "LAO", "CHN"])}
    _sync_items(organization, [
        (direction, text, hs, quantity, unit, markets)
        for direction, key in (("offer", "offers"), ("need", "needs"))
        for text, hs, quantity, unit, markets in items.get(key, [])
    ], countries)


def _sync_items(organization: Organization, wanted: list[tuple], countries: dict) -> None:
    """Make the organisation's offers and needs those of the demo file: (direction, text, hs,
    quantity, unit, markets). They are replaced only when they differ, so that a second load
    changes nothing."""
    def key(direction, text, quantity, unit, markets):
        amount = "" if quantity is None else str(Decimal(str(quantity)).normalize())
        return (direction, text, amount, unit, tuple(sorted(markets)))

    current = sorted(
        key(item.direction, item.text, item.quantity, item.unit, [c.alpha3 for c in item.markets.all()])
        for item in organization.trade_items.active().prefetch_related("markets")
    )
    if current == sorted(key(d, t, q, u, m) for d, t, _hs, q, u, m in wanted) and all(
        organization.trade_items.active().filter(direction=d, text=t, hs__code=hs).exists()
        for d, t, hs, *_rest in wanted if hs
    ):
        return
    organization.trade_items.all().delete()
    for direction, text, hs, quantity, unit, markets in wanted:
        services.do_add_trade_item(
            organization, actor=None, direction=direction, text=text, hs=hs,
            quantity=Decimal(str(quantity)) if quantity is not None else None, unit=unit,
            markets=[countries[m] for m in markets])


def _ensure_items(organization: Organization, items: dict[str, list[tuple[str, str]]]) -> None:
    """Add the source's products that the organisation does not list yet (real organisations:
    what their members added stays; a second load adds nothing)."""
    listed = set(organization.trade_items.active().values_list("direction", "text"))
    for direction, key in (("offer", "offers"), ("need", "needs")):
        for text, hs in items.get(key, []):
            if (direction, text) not in listed:
                services.do_add_trade_item(organization, actor=None, direction=direction, text=text, hs=hs)


def _all_countries(entries: list[dict]) -> set[str]:
    codes = {entry.get("country", "") for entry in entries}
    for entry in entries:
        for key in ("offers", "needs"):
            for item in entry.get(key, []):
                codes.update(item.get("markets", []))
    return codes
