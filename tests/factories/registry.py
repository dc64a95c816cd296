"""Registry test factories: organisations of the seeded registry by slug, and organisation
profiles for the matching engine (no database)."""

from __future__ import annotations

from collections.abc import Sequence

from tradebridge.registry.matching import ProductItem, Profile
from tradebridge.registry.models import Organization


def org(slug: str) -> Organization:
    """The seeded organisation with this slug."""
    return Organization.objects.get(slug=slug)


def profile(
    id: str,
    country: str,
    offers: Sequence[str | tuple[str, str]] = (),
    needs: Sequence[str | tuple[str, str]] = (),
    markets: Sequence[str] = (),
) -> Profile:
    """A profile for the matching engine; a product is its text, or a (text, hs) pair."""

    def items(entries):
        return [ProductItem(*entry) if isinstance(entry, tuple) else ProductItem(entry) for entry in entries]

    return Profile(id=id, country=country, offers=items(offers), needs=items(needs), markets=list(markets))
