"""Load the demo data (organisations of the seed articles and persona accounts) once."""

from __future__ import annotations

from django.db import transaction

from tradebridge.accounts.models import User, check_role_membership
from tradebridge.bootstrap import demo_data
from tradebridge.core.loading import DataFileError
from tradebridge.core.models import DataLoad
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization

DATASET = "demo"


def demo_loaded() -> bool:
    return DataLoad.objects.filter(name=DATASET).exists()


def do_load_demo() -> dict[str, int]:
    """Create or update the demo organisations and accounts. Needs the reference data."""
    if not Country.objects.filter(alpha3="VNM").exists():
        raise DataFileError("demo data needs the reference data: run `tradebridge load-reference`")
    with transaction.atomic():
        organizations = {}
        for key, spec in demo_data.ORGANIZATIONS.items():
            organizations[key] = _upsert_organization(key, spec, is_demo=False)
        for key, spec in demo_data.DEMO_ORGANIZATIONS.items():
            organizations[key] = _upsert_organization(key, spec, is_demo=True)
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
        summary = {"organizations": len(organizations), "accounts": len(demo_data.ACCOUNTS)}
        DataLoad.objects.update_or_create(name=DATASET, defaults={"checksum": "", "summary": summary})
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
    organization, _created = Organization.objects.update_or_create(slug=slug, defaults=values)
    return organization


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, role, organisation) for the start-up banner."""
    rows = []
    for username, (role, org_key, *_rest) in demo_data.ACCOUNTS.items():
        spec = demo_data.ORGANIZATIONS.get(org_key) or demo_data.DEMO_ORGANIZATIONS.get(org_key)
        rows.append((username, role, spec[4] if spec else "-"))
    return rows
