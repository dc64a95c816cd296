"""Agreements for tests: the silk supply contract recorded by the Hanoi agency between Lao Cai's
department and the Zhejiang enterprise, with the personas' e-mail addresses set for notices."""

from __future__ import annotations

import datetime as dt

from tradebridge.agreements import services
from tradebridge.registry.models import Organization

SILK_PARTIES = ("laocai-doit", "demo-zhejiang-textiles")


def silk_supply(vn_officer, cn_member, *, visibility: str, signers: bool = False):
    cn_member.email, cn_member.language = "wang@example.cn", "en"
    cn_member.save(update_fields=["email", "language"])
    vn_officer.email = "hoa@example.vn"
    vn_officer.save(update_fields=["email"])
    parties = [services.PartyIn(Organization.objects.get(slug=slug), *([f"Signer {slug}"] if signers else []))
               for slug in SILK_PARTIES]
    return services.do_create_agreement(
        actor=vn_officer, level="enterprise", kind="contract", title="Silk supply", category="other",
        signed_on=dt.date(2024, 3, 1), visibility=visibility, parties=parties)
