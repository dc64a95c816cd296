"""Demo data of the chains app, loaded by bootstrap.demo after the agreements and cooperation
demo: the seven chain models of the Vietnam–Laos MOU of 1 December 2025 (seed 003) linked to the
MOU, illustrative members drawn from the demo registry (Vietnamese and Lao organisations whose
offers or needs fall on a stage), the MOU's pilot Vietnam–Laos industrial park as a planned zone
(its location illustrative), a pilot chain model for cement and steel, and the MOU's demo work
plan linked to them.

What the MOU says is cited from the seed (the chains, the pilot park, the horizon 2030); the
stages are the project's own mapping (HS 2022 → BEC Rev.4); members, the park's location,
milestones and the cement–steel pilot are illustrative and labelled so. Idempotent: records of
an earlier load are left as they are (a second load changes nothing)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from tradebridge.agreements.models import Agreement
from tradebridge.bootstrap.demo_data import SEED_003
from tradebridge.catalog.models import Sector
from tradebridge.chains import pilots as pilot_services
from tradebridge.chains import services as chain_services
from tradebridge.chains.definition import builtin_definitions, parse_definition
from tradebridge.chains.models import Chain, Member, Pilot
from tradebridge.cooperation.models import Activity
from tradebridge.geo.models import Country, Province, Zone
from tradebridge.registry.models import Organization

D = dt.date
MOU_KEY = "vn-la-linkage-chains-2025"
ENTERPRISES_FILE = Path(__file__).resolve().parent / "data" / "demo_enterprises.json"
HORIZON = 2030
SECTORS = {
    "materials": "construction-materials",
    "chemicals": "fertilisers-chemicals",
    "textiles-leather": "textiles-garments",
    "mechanical-transport": "machinery-mechanical",
    "dairy": "livestock-fisheries",
    "electronics": "electronics-electrical",
    "power": "energy-power",
}
# Seed 003, "Thứ tư": the chain models the two sides select to 2030.
CHAINS_QUOTE = (
    "«Trong giai đoạn đến năm 2030, hai bên lựa chọn các mô hình chuỗi liên kết công nghiệp sau đây "
    "để khuyến khích phát triển: vật liệu, bao gồm xi măng, sắt, thép…; hóa chất; dệt may và da giày; "
    "sản xuất cơ khí, phương tiện vận tải; ngành sữa; điện tử, bao gồm linh kiện điện tử... "
    "cũng như truyền tải điện và kinh doanh điện.»"
)
CHAIN_DESCRIPTION = (
    f"Nguồn / Source: {SEED_003}. {CHAINS_QUOTE}\n"
    "Stages: the project's own mapping of HS 2022 subheadings (UN HS 2022 → BEC Rev.4), not the parties'. "
    "Members: illustrative, drawn from the demo registry by their offers and needs."
)
PARK_QUOTE = "«phát triển chung mô hình thí điểm Khu công nghiệp Việt Nam - Lào»"
PARK_ZONE = {
    "code": "pilot-vn-la-industrial-park",
    "name_en": "Vietnam–Laos pilot industrial park (planned; illustrative location)",
    "name_vi": "Khu công nghiệp thí điểm Việt Nam – Lào (dự kiến; vị trí minh họa)",
    "name_lo": "ເຂດອຸດສາຫະກຳທົດລອງ ຫວຽດນາມ – ລາວ (ແຜນການ; ສະຖານທີ່ຕົວຢ່າງ)",
    "name_zh_hans": "越老试点工业园（规划中；位置为示例）",
    # Savannakhet, on the road from the Lao Bảo–Densavanh gate: the MOU names no place.
    "country": "LAO",
    "province": "LA-SV",
    "latitude": Decimal("16.5600"),
    "longitude": Decimal("105.9000"),
}
PARK = {
    "slug": "vn-la-pilot-industrial-park",
    "kind": Pilot.Kind.INDUSTRIAL_PARK,
    "state": Pilot.State.STUDY,
    "name_en": "Vietnam–Laos pilot industrial park",
    "name_vi": "Khu công nghiệp thí điểm Việt Nam – Lào",
    "name_lo": "ເຂດອຸດສາຫະກຳທົດລອງ ຫວຽດນາມ – ລາວ",
    "name_zh_hans": "越老试点工业园",
    "description": (
        f"Bản ghi nhớ: hai bên hỗ trợ lẫn nhau {PARK_QUOTE}. The MOU names no place: the zone's "
        "location on the map is illustrative, as are the milestones."
    ),
    "source": SEED_003,
    "is_illustrative": False,
    "demo_key": "vn-la-pilot-industrial-park",
}
PARK_MILESTONES = (
    ("VIOIT và IICE thống nhất đề cương nghiên cứu mô hình thí điểm", D(2026, 3, 31), D(2026, 3, 20), "done"),
    ("Báo cáo nghiên cứu mô hình thí điểm Khu công nghiệp Việt Nam – Lào", D(2026, 9, 30), None, "late"),
    ("Đề xuất địa điểm và cơ chế của khu thí điểm lên Bộ trưởng hai bên", D(2027, 6, 30), None, "planned"),
)
CEMENT_STEEL = {
    "slug": "vn-la-pilot-cement-steel",
    "kind": Pilot.Kind.CHAIN_MODEL,
    "state": Pilot.State.APPROVED,
    "name_en": "Pilot chain model: cement, iron and steel",
    "name_vi": "Chuỗi thí điểm: xi măng, sắt thép",
    "name_lo": "ຕົວແບບລະບົບຕ່ອງໂສ້ທົດລອງ: ຊີມັງ, ເຫຼັກ ແລະ ເຫຼັກກ້າ",
    "name_zh_hans": "试点产业链模式：水泥、钢铁",
    "hs_codes": ["2523", "7213", "7214", "2520"],
    "description": (
        "Bản ghi nhớ: «Nghiên cứu thí điểm về mô hình chuỗi liên kết công nghiệp đối với một số sản "
        "phẩm…». The choice of cement and steel comes from the illustrative demo work plan "
        "(«Xác định chuỗi thí điểm: xi măng, sắt thép»); members and milestones are illustrative."
    ),
    "source": SEED_003,
    "is_illustrative": True,
    "demo_key": "vn-la-pilot-cement-steel",
}
CEMENT_STEEL_MEMBERS = (
    "demo-vn-thanhhoa-cement",
    "demo-vn-haiphong-steel",
    "demo-la-vientiane-construction",
    "demo-la-savannakhet-mining",
)
CEMENT_STEEL_MILESTONES = (
    ("Xác định chuỗi thí điểm: xi măng, sắt thép", D(2026, 6, 30), D(2026, 6, 25), "done"),
    ("Kết nối doanh nghiệp xi măng, thép hai bên tại hội nghị giao thương", D(2027, 3, 31), None, "planned"),
)
# Demo work-plan activity (bootstrap.demo_cooperation) → what it moves: a pilot's demo key, or
# "*" for every chain of the MOU.
ACTIVITY_LINKS = {
    "Nghiên cứu mô hình thí điểm Khu công nghiệp Việt Nam – Lào": "vn-la-pilot-industrial-park",
    "Xác định chuỗi thí điểm: xi măng, sắt thép": "vn-la-pilot-cement-steel",
    "Khóa bồi dưỡng cho cán bộ và doanh nghiệp Lào về chuỗi liên kết": "*",
    "Báo cáo định kỳ lên Bộ trưởng hai bên": "*",
}
# Pairs already trading across the border in the demo registry (the steel one sells the bars
# the construction one buys): status "trading", the rest are candidates.
TRADING = {
    "demo-vn-haiphong-steel",
    "demo-la-vientiane-construction",
    "demo-vn-thanhhoa-cement",
    "demo-la-savannakhet-mining",
}
ZONE_KINDS = (Zone.Kind.SPECIAL_ECONOMIC_ZONE, Zone.Kind.INDUSTRIAL_PARK, Zone.Kind.BORDER_ECONOMIC_ZONE)


def _demo_items() -> dict[str, list[tuple[str, str]]]:
    """Slug → [(direction, HS6)] of the Vietnamese and Lao demo enterprises' offers and needs."""
    entries = json.loads(ENTERPRISES_FILE.read_text(encoding="utf-8"))
    items: dict[str, list[tuple[str, str]]] = {}
    for entry in entries:
        if entry["country"] not in ("VNM", "LAO"):
            continue
        for direction in ("offers", "needs"):
            for item in entry.get(direction, []):
                if item.get("hs") and len(item["hs"]) == 6:
                    items.setdefault(entry["slug"], []).append((direction, item["hs"]))
    return items


def _role(org: Organization, stage_index: int, stages: int, direction: str, sectors: set[str]) -> str:
    if "logistics-services" in sectors:
        return Member.Role.LOGISTICS
    if "trade-distribution" in sectors and direction == "needs":
        return Member.Role.DISTRIBUTOR
    if stage_index == 0:
        return Member.Role.SUPPLIER
    if stage_index == stages - 1:
        return Member.Role.MANUFACTURER
    return Member.Role.PROCESSOR


def _zone_for(org: Organization, zones: dict[str, Zone]) -> Zone | None:
    return zones.get(org.province.code) if org.province_id else None


def _add_members(chain: Chain, chain_def, items: dict, orgs: dict[str, Organization], zones: dict) -> int:
    stages = {s.key: s for s in chain.stages.all()}
    keys = [s.key for s in chain_def.stages]
    added = 0
    for slug, rows in sorted(items.items()):
        org = orgs.get(slug)
        if org is None:
            continue
        placed = set()
        for direction, hs6 in rows:
            stage_def = chain_def.stage_of(hs6)
            if stage_def is None or stage_def.key in placed:
                continue
            placed.add(stage_def.key)
            sectors = {s.code for s in org.sectors.all()}
            chain_services.do_add_member(
                chain,
                actor=None,
                stage=stages[stage_def.key],
                organization=org,
                role=_role(org, keys.index(stage_def.key), len(keys), direction, sectors),
                zone=_zone_for(org, zones),
                is_sme=org.size in ("micro", "small", "medium"),
                status=Member.Status.TRADING if slug in TRADING else Member.Status.CANDIDATE,
                note=f"Illustrative: {direction} HS {hs6} in the demo registry.",
                is_illustrative=True,
            )
            added += 1
    return added


def _chains(mou: Agreement) -> dict[str, Chain]:
    """The seven chains, created when missing (with their illustrative members)."""
    items = _demo_items()
    orgs = {
        o.slug: o
        for o in Organization.objects.active()
        .filter(slug__in=items)
        .select_related("province")
        .prefetch_related("sectors")
    }
    zones: dict[str, Zone] = {}
    for zone in Zone.objects.filter(kind__in=ZONE_KINDS, country__alpha3__in=("VNM", "LAO")).select_related(
        "province"
    ):
        zones.setdefault(zone.province.code, zone)
    sectors = {s.code: s for s in Sector.objects.filter(code__in=SECTORS.values())}
    chains = {}
    for document in builtin_definitions():
        chain_def = parse_definition(document)
        key = f"vn-la-2025-{chain_def.slug}"
        chain = (
            Chain.objects.filter(demo_key=key).first() or Chain.objects.filter(slug=chain_def.slug).first()
        )
        if chain is None:
            chain = chain_services.do_save_chain(
                chain_def,
                actor=None,
                agreement=mou,
                sector=sectors.get(SECTORS.get(chain_def.slug, "")),
                horizon_year=HORIZON,
                is_public=True,
                is_project_mapping=True,
                is_illustrative=False,
                description=CHAIN_DESCRIPTION,
                demo_key=key,
            )
            _add_members(chain, chain_def, items, orgs, zones)
        chains[chain_def.slug] = chain
    return chains


def _park_zone() -> Zone:
    zone = Zone.objects.filter(code=PARK_ZONE["code"]).first()
    if zone is not None:
        return zone
    spec = dict(PARK_ZONE)
    country = Country.objects.get(alpha3=spec.pop("country"))
    province = Province.objects.get(code=spec.pop("province"))
    return pilot_services.do_create_planned_zone(actor=None, country=country, province=province, **spec)


def _pilot(spec: dict, milestones, **extra) -> Pilot:
    pilot = Pilot.objects.filter(demo_key=spec["demo_key"]).first()
    if pilot is not None:
        return pilot
    members = extra.pop("members", [])
    pilot = pilot_services.do_save_pilot(None, actor=None, members=members, **spec, **extra)
    for title, due, done, state in milestones:
        pilot_services.do_add_milestone(
            pilot, actor=None, title=title, due_on=due, done_on=done, state=state, is_illustrative=True
        )
    return pilot


def _link_activities(mou: Agreement, chains: dict[str, Chain], pilots: dict[str, Pilot]) -> None:
    activities = Activity.objects.active().filter(plan__agreement=mou).select_related("plan")
    for activity in activities:
        target = ACTIVITY_LINKS.get(activity.title)
        if target is None:
            continue
        if target == "*":
            for chain in chains.values():
                pilot_services.do_link_activity(activity, actor=None, chain=chain)
        else:
            pilot = pilots[target]
            pilot_services.do_link_activity(activity, actor=None, pilot=pilot, chain=pilot.chain)


def do_load_chains_demo() -> dict[str, int]:
    """Create what is missing of the chains demo; returns counts for the summary."""
    with transaction.atomic():
        mou = Agreement.objects.get(demo_key=MOU_KEY)
        chains = _chains(mou)
        park = _pilot(
            PARK,
            PARK_MILESTONES,
            agreement=mou,
            zone=_park_zone(),
            members=list(Organization.objects.filter(slug__in=("vioit", "iice"))),
        )
        cement = _pilot(
            CEMENT_STEEL,
            CEMENT_STEEL_MILESTONES,
            agreement=mou,
            chain=chains.get("materials"),
            members=list(Organization.objects.filter(slug__in=CEMENT_STEEL_MEMBERS)),
        )
        _link_activities(mou, chains, {p.demo_key: p for p in (park, cement)})
    return {
        "chains": Chain.objects.active().filter(demo_key__startswith="vn-la-2025-").count(),
        "pilots": Pilot.objects.active().filter(demo_key__gt="").count(),
    }
