"""Demo of the border gates (seeds 003, 004): Lào Cai–Hà Khẩu as an international gate with its
crossings and the Honghe side, the other gates of zones.csv, the Kunming–Lào Cai–Hà Nội–Hải
Phòng–Quảng Ninh corridor (seed 004) and a Lao route to a Vietnamese seaport (seed 003),
logistics services at the gate, and the smart border gate study and two-way goods transport
pilot (seed 004) as border pilots. What the seeds do not say (crossing names, hours, Tết
closure, goods lists, distances, milestone dates ahead) is marked illustrative. Idempotent:
records are found again by their demo_key or natural key and not recreated."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from tradebridge.bootstrap.demo_data import SEED_003, SEED_004
from tradebridge.border import gates as services
from tradebridge.border.gate_corridors import do_add_corridor_node, do_add_corridor_segment, do_save_corridor
from tradebridge.border.gate_logistics import do_save_logistics_service
from tradebridge.border.models import Corridor, CorridorNode, Gate, LogisticsService, Mode
from tradebridge.chains import pilots
from tradebridge.chains.models import Milestone, Pilot
from tradebridge.geo.models import Province, Zone
from tradebridge.registry.models import Organization

GATE = "bg-laocai-hekou"
ILLUSTRATIVE = "illustrative: not from the seed articles"
# Levels of the other gates of zones.csv: commonly listed as international gates (not from the seeds).
LEVELS = {
    "bg-huunghi-youyiguan": Gate.Level.INTERNATIONAL,
    "bg-mongcai-dongxing": Gate.Level.INTERNATIONAL,
    "bg-thanhthuy-tianbao": Gate.Level.INTERNATIONAL,
    "bg-cautreo-namphao": Gate.Level.INTERNATIONAL,
    "bg-laobao-densavanh": Gate.Level.INTERNATIONAL,
    "bg-nameo-namsoi": Gate.Level.INTERNATIONAL,
    "bg-taytrang-sophun": Gate.Level.INTERNATIONAL,
    "bg-boy-phoukeua": Gate.Level.INTERNATIONAL,
    "bg-namcan-namkhan": Gate.Level.INTERNATIONAL,
    "bg-chalo-naphao": Gate.Level.MAIN,
    "bg-boten-mohan": Gate.Level.INTERNATIONAL,
}
CROSSINGS = [
    {
        "name_en": "Ho Kieu road bridge I (Kim Thanh)",
        "name_vi": "Cầu đường bộ Hồ Kiều I (Kim Thành)",
        "name_lo": "ຂົວທາງບົກ ໂຮ່ກຽວ I (ກິມແທງ)",
        "name_zh_hans": "胡桥公路桥一号（金城）",
        "mode": Mode.ROAD_BRIDGE,
        "passengers": False,
    },
    {
        "name_en": "Ho Kieu road bridge II (Kim Thanh)",
        "name_vi": "Cầu đường bộ Hồ Kiều II (Kim Thành)",
        "name_lo": "ຂົວທາງບົກ ໂຮ່ກຽວ II (ກິມແທງ)",
        "name_zh_hans": "胡桥公路桥二号（金城）",
        "mode": Mode.ROAD_BRIDGE,
        "passengers": False,
    },
    {
        "name_en": "Ho Kieu – Hekou railway bridge",
        "name_vi": "Cầu đường sắt Hồ Kiều – Hà Khẩu",
        "name_lo": "ຂົວທາງລົດໄຟ ໂຮ່ກຽວ – ຮາເຄົາ",
        "name_zh_hans": "胡桥—河口铁路桥",
        "mode": Mode.RAILWAY,
        "passengers": True,
    },
    {
        "name_en": "Lao Cai – Hekou pedestrian bridge (Coc Leu – Hekou)",
        "name_vi": "Cầu đi bộ Lào Cai – Hà Khẩu (Cốc Lếu – Hà Khẩu)",
        "name_lo": "ຂົວຄົນຍ່າງ ລາວກາຍ – ຮາເຄົາ",
        "name_zh_hans": "老街—河口人行桥（谷柳—河口）",
        "mode": Mode.PEDESTRIAN,
        "freight": False,
    },
]


def _node(name_en, name_vi, name_lo, name_zh, kind, lat, lon, province=None, gate=None) -> dict:
    return {
        "name_en": name_en,
        "name_vi": name_vi,
        "name_lo": name_lo,
        "name_zh_hans": name_zh,
        "kind": kind,
        "latitude": Decimal(lat),
        "longitude": Decimal(lon),
        "province": Province.objects.filter(code=province).first() if province else None,
        "gate": gate,
    }


@transaction.atomic
def do_load_border_gates_demo() -> dict[str, int]:
    gates = _gates()
    laocai = gates[GATE]
    _laocai_details(laocai)
    corridors = [_kunming_corridor(laocai), _lao_seaport_corridor(gates.get("bg-cautreo-namphao"))]
    services_count = _logistics(laocai)
    pilot_count = _pilots(laocai)
    return {
        "border_gates": len(gates),
        "border_corridors": len([c for c in corridors if c]),
        "logistics_services": services_count,
        "border_pilots": pilot_count,
    }


def _gates() -> dict[str, Gate]:
    out = {}
    for zone in Zone.objects.filter(kind=Zone.Kind.BORDER_GATE).order_by("code"):
        gate = Gate.objects.filter(zone=zone).first()
        if gate is None:
            if zone.code == GATE:
                gate = services.do_save_gate(
                    None,
                    actor=None,
                    zone=zone,
                    level=Gate.Level.INTERNATIONAL,
                    status=Gate.Status.OPEN,
                    source=SEED_004,
                    demo_key=zone.code,
                    description="Cửa khẩu Quốc tế Lào Cai – Hà Khẩu.",
                )
            else:
                gate = services.do_save_gate(
                    None,
                    actor=None,
                    zone=zone,
                    level=LEVELS.get(zone.code, Gate.Level.MAIN),
                    status=Gate.Status.OPEN,
                    source=ILLUSTRATIVE,
                    is_illustrative=True,
                    demo_key=zone.code,
                )
        out[zone.code] = gate
    return out


def _laocai_details(gate: Gate) -> None:
    authorities = list(
        Organization.objects.filter(
            slug__in=["laocai-doit", "laocai-ez-authority", "honghe-commerce"]
        ).order_by("slug")
    )
    if not gate.authorities.exists():
        services.do_save_gate(gate, actor=None, authorities=authorities)
    if not gate.crossings.exists():
        for spec in CROSSINGS:
            services.do_add_crossing(gate, actor=None, source=ILLUSTRATIVE, is_illustrative=True, **spec)
    if not gate.opening_hours.exists():
        week = {day: [(dt.time(7, 0), dt.time(19, 0))] for day in range(7)}
        services.do_set_opening_hours(gate, actor=None, hours=week, is_illustrative=True)
        pedestrian = gate.crossings.filter(mode=Mode.PEDESTRIAN).first()
        if pedestrian is not None:
            evening = {day: [(dt.time(7, 0), dt.time(22, 0))] for day in range(7)}
            services.do_set_opening_hours(
                gate, actor=None, hours=evening, crossing=pedestrian, is_illustrative=True
            )
    if not gate.opening_exceptions.exists():
        services.do_add_opening_exception(
            gate,
            actor=None,
            starts_on=dt.date(2027, 2, 5),
            ends_on=dt.date(2027, 2, 8),
            reason="Tết Nguyên đán 2027",
            source=ILLUSTRATIVE,
            is_illustrative=True,
        )
    if not gate.permitted_goods.exists():
        services.do_add_permitted_goods(
            gate,
            actor=None,
            hs_codes=["081090", "080390", "080450"],
            label="Fresh fruit: dragon fruit, bananas, mangoes…",
            condition="under the Vietnam–China phytosanitary (quarantine) protocols",
            source=ILLUSTRATIVE,
            is_illustrative=True,
        )
        services.do_add_permitted_goods(
            gate,
            actor=None,
            hs_codes=["071410"],
            label="Fresh cassava",
            condition="quarantine certificate",
            source=ILLUSTRATIVE,
            is_illustrative=True,
        )
    if not gate.advisories.exists():
        services.do_publish_advisory(
            gate,
            actor=None,
            kind="congestion",
            title="Dragon-fruit season: long queues at the road bridges",
            body="Trucks of fresh fruit queue at Kim Thành; forwarders are asked to book crossings ahead.",
            starts_on=dt.date(2026, 6, 1),
            ends_on=dt.date(2026, 8, 31),
            source=ILLUSTRATIVE,
            is_illustrative=True,
        )
        services.do_publish_advisory(
            gate,
            actor=None,
            kind="rule_change",
            title="Electronic declarations for fruit consignments",
            starts_on=dt.date(2026, 10, 1),
            source=ILLUSTRATIVE,
            is_illustrative=True,
        )


def _corridor(key: str, *, nodes: list[dict], segments: list[tuple], **fields) -> Corridor | None:
    corridor = Corridor.objects.filter(demo_key=key).first()
    if corridor is not None:
        return corridor
    corridor = do_save_corridor(None, actor=None, slug=key, demo_key=key, **fields)
    made = [do_add_corridor_node(corridor, actor=None, **node) for node in nodes]
    for start, end, mode, km, hours in segments:
        do_add_corridor_segment(
            corridor,
            actor=None,
            start=made[start],
            end=made[end],
            mode=mode,
            distance_km=Decimal(km),
            usual_hours=Decimal(hours),
            source=ILLUSTRATIVE,
            is_illustrative=True,
        )
    return corridor


def _kunming_corridor(laocai: Gate) -> Corridor | None:
    kind = CorridorNode.Kind
    nodes = [
        _node("Kunming", "Côn Minh", "ຄຸນໝິງ", "昆明", kind.CITY, "25.0389", "102.7183", "CN-YN"),
        _node(
            "Lao Cai – Hekou",
            "Lào Cai – Hà Khẩu",
            "ລາວກາຍ – ຮາເຄົາ",
            "老街—河口",
            kind.GATE,
            "22.5106",
            "103.9603",
            "VN-02",
            laocai,
        ),
        _node("Hanoi", "Hà Nội", "ຮ່າໂນ້ຍ", "河内", kind.CITY, "21.0285", "105.8542", "VN-HN"),
        _node(
            "Hai Phong port",
            "Cảng Hải Phòng",
            "ທ່າເຮືອ ໄຮຟອງ",
            "海防港",
            kind.SEAPORT,
            "20.8449",
            "106.6881",
            "VN-HP",
        ),
        _node(
            "Quang Ninh (Cai Lan port)",
            "Quảng Ninh (cảng Cái Lân)",
            "ກວາງນິງ (ທ່າເຮືອ ກາຍລານ)",
            "广宁（盖麟港）",
            kind.SEAPORT,
            "20.9700",
            "107.0400",
            "VN-13",
        ),
    ]
    segments = [
        (0, 1, Mode.ROAD, "410", "6"),
        (0, 1, Mode.RAILWAY, "470", "10"),
        (1, 2, Mode.ROAD, "265", "4"),
        (1, 2, Mode.RAILWAY, "296", "8"),
        (2, 3, Mode.ROAD, "105", "2"),
        (3, 4, Mode.ROAD, "70", "1.5"),
    ]
    return _corridor(
        "kunming-laocai-hanoi-haiphong-quangninh",
        nodes=nodes,
        segments=segments,
        name_en="Kunming – Lao Cai – Hanoi – Hai Phong – Quang Ninh economic corridor",
        name_vi="Hành lang kinh tế Côn Minh – Lào Cai – Hà Nội – Hải Phòng – Quảng Ninh",
        name_lo="ແລວທາງເສດຖະກິດ ຄຸນໝິງ – ລາວກາຍ – ຮ່າໂນ້ຍ – ໄຮຟອງ – ກວາງນິງ",
        name_zh_hans="昆明—老街—河内—海防—广宁经济走廊",
        description="Lào Cai and Honghe as the bridge on the corridor. Distances and usual hours "
        "are illustrative.",
        source=SEED_004,
    )


def _lao_seaport_corridor(cautreo: Gate | None) -> Corridor | None:
    if cautreo is None:
        return None
    kind = CorridorNode.Kind
    nodes = [
        _node("Vientiane", "Viêng Chăn", "ວຽງຈັນ", "万象", kind.CITY, "17.9757", "102.6331", "LA-VT"),
        _node(
            "Cau Treo – Nam Phao",
            "Cầu Treo – Nậm Phao",
            "ເກົາແຈວ – ນ້ຳພາວ",
            "格桥—南抛",
            kind.GATE,
            "18.3833",
            "105.1500",
            "VN-23",
            cautreo,
        ),
        _node(
            "Vung Ang port",
            "Cảng Vũng Áng",
            "ທ່າເຮືອ ວຸງອາງ",
            "永昂港",
            kind.SEAPORT,
            "18.1000",
            "106.3800",
            "VN-23",
        ),
    ]
    segments = [(0, 1, Mode.ROAD, "330", "7"), (1, 2, Mode.ROAD, "130", "3")]
    return _corridor(
        "vientiane-cautreo-vungang",
        nodes=nodes,
        segments=segments,
        name_en="Vientiane – Cau Treo – Vung Ang (Lao route to a Vietnamese seaport)",
        name_vi="Viêng Chăn – Cầu Treo – Vũng Áng (tuyến của Lào ra cảng biển Việt Nam)",
        name_lo="ວຽງຈັນ – ເກົາແຈວ – ວຸງອາງ (ເສັ້ນທາງລາວ ສູ່ທ່າເຮືອຫວຽດນາມ)",
        name_zh_hans="万象—格桥—永昂（老挝通往越南海港的线路）",
        description="Seed 003: corridors linking Lao production to Vietnamese seaports. This route, its "
        "distances and hours are illustrative.",
        source=SEED_003,
        is_illustrative=True,
    )


def _logistics(gate: Gate) -> int:
    specs = [
        ("demo-vn-laocai-logistics", LogisticsService.Kind.WAREHOUSE, "Bonded warehouse and cold store."),
        ("demo-vn-laocai-logistics", LogisticsService.Kind.CARRIER, "Trucks between Hà Nội and Kim Thành."),
        ("demo-cn-hekou-logistics", LogisticsService.Kind.FORWARDER, "Forwarding on the Hekou side."),
        ("demo-cn-hekou-logistics", LogisticsService.Kind.CUSTOMS_BROKER, "Declarations at Hekou."),
        ("demo-cn-hekou-logistics", LogisticsService.Kind.LOADING, "Loading and unloading at the bridges."),
    ]
    count = 0
    for slug, kind, text in specs:
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            continue
        if not LogisticsService.objects.filter(organization=organization, kind=kind).exists():
            do_save_logistics_service(
                None,
                actor=None,
                organization=organization,
                kind=kind,
                gates=[gate],
                description=text,
                is_illustrative=True,
            )
        count += 1
    return count


PILOTS = [
    {
        "slug": "laocai-hekou-smart-gate",
        "state": Pilot.State.STUDY,
        "name_en": "Smart border gate study, Lao Cai – Hekou",
        "name_vi": "Nghiên cứu cửa khẩu thông minh Lào Cai – Hà Khẩu",
        "name_lo": "ການສຶກສາດ່ານຊາຍແດນອັດສະລິຍະ ລາວກາຍ – ຮາເຄົາ",
        "name_zh_hans": "老街—河口智慧口岸研究",
        "description": "Both sides continue to study a smart border gate.",
        "milestones": [
            ("Talks of Lào Cai and Honghe agree to continue the study", dt.date(2024, 1, 29), True),
            ("Joint survey of the gate's procedures", dt.date(2027, 3, 31), False),
            ("Study report to both provinces", dt.date(2027, 9, 30), False),
        ],
    },
    {
        "slug": "laocai-hekou-two-way-transport",
        "state": Pilot.State.RUNNING,
        "name_en": "Pilot of two-way goods transport, Lao Cai – Hekou",
        "name_vi": "Thí điểm vận chuyển hàng hóa hai chiều Lào Cai – Hà Khẩu",
        "name_lo": "ການທົດລອງຂົນສົ່ງສິນຄ້າສອງທາງ ລາວກາຍ – ຮາເຄົາ",
        "name_zh_hans": "老街—河口货物双向运输试点",
        "description": "Both sides implement the pilot of two-way goods transport effectively.",
        "milestones": [
            ("Talks of Lào Cai and Honghe: implement the pilot effectively", dt.date(2024, 1, 29), True),
            ("First trucks cross both ways without transhipment", dt.date(2027, 4, 30), False),
            ("Review of the pilot at the periodic talks", dt.date(2027, 12, 31), False),
        ],
    },
]


def _pilots(gate: Gate) -> int:
    for spec in PILOTS:
        spec = dict(spec)
        milestones = spec.pop("milestones")
        if Pilot.objects.filter(slug=spec["slug"]).exists():
            continue
        pilot = pilots.do_save_pilot(
            None,
            actor=None,
            kind=Pilot.Kind.BORDER,
            zone=gate.zone,
            source=SEED_004,
            demo_key=spec["slug"],
            **spec,
        )
        for title, day, from_seed in milestones:
            pilots.do_add_milestone(
                pilot,
                actor=None,
                title=title,
                due_on=day,
                done_on=day if from_seed else None,
                state=Milestone.State.DONE if from_seed else Milestone.State.PLANNED,
                is_illustrative=not from_seed,
            )
    return len(PILOTS)
