"""Demo data of the agreements app, loaded by `tradebridge load-demo` after the registry's.

Every agreement named in the seed articles, with its real date, place, parties and category.
Where the source names no party (the 12 enterprise MOUs of the Vientiane conference) the
parties are the registry's illustrative enterprises and the agreement says so. Commitments
and their states are illustrative; progress taken from the articles cites its source.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tradebridge.agreements import services
from tradebridge.agreements.demo_plans import load_plans_and_programmes
from tradebridge.agreements.models import Agreement, Commitment, Status
from tradebridge.bootstrap.demo_data import SEED_000, SEED_001, SEED_003, SEED_004
from tradebridge.catalog.models import HSCode
from tradebridge.events.models import Event
from tradebridge.geo.models import Country, Province
from tradebridge.registry import services as registry_services
from tradebridge.registry.models import Organization

D = dt.date
CONFERENCE = (
    "Hội nghị Phát triển làng nghề, vùng nguyên liệu và kết nối tiêu thụ sản phẩm Hà Nội–Viêng Chăn 2023"
)
CONFERENCE_EVENT = "hanoi-vientiane-craft-villages-2023"
MISSION = "Đoàn giao dịch xúc tiến thương mại, làng nghề Hà Nội tại Lào 2023"
VISIT_NOTE = "Signed during the Hanoi delegation's visit of 20–24 April 2023; the source gives no exact day."
# Demo agreements (by demo_key prefix) signed at the events app's demo events.
EVENT_OF_DEMO_KEY = {
    "vientiane-2023-mou-": CONFERENCE_EVENT,
    "laocai-honghe-2024": "laocai-honghe-talks-2024",
}
PARTIES_NOTE = "The source names no parties: the parties shown are illustrative enterprises."

# Organisations that the seeds name but the registry demo data does not hold.
EXTRA_ORGANIZATIONS = {
    "hanoi-city": (
        "agency",
        "VNM",
        "VN-HN",
        "Thành ủy, UBND Thành phố Hà Nội",
        "Hanoi Party Committee and People's Committee",
        "Thành ủy, UBND Thành phố Hà Nội",
        "ຄະນະພັກ ແລະ ອົງການປົກຄອງ ນະຄອນຫຼວງຮ່າໂນ້ຍ",
        "河内市委和市人民委员会",
        SEED_000,
    ),
    "vientiane-capital": (
        "agency",
        "LAO",
        "LA-VT",
        "ຄະນະພັກ ແລະ ອົງການປົກຄອງ ນະຄອນຫຼວງວຽງຈັນ",
        "Vientiane Capital Party Committee and Administration",
        "Thành ủy, chính quyền Thủ đô Viêng Chăn",
        "ຄະນະພັກ ແລະ ອົງການປົກຄອງ ນະຄອນຫຼວງວຽງຈັນ",
        "万象市委和市政府",
        SEED_000,
    ),
}

# The 12 enterprise MOUs of the conference: (VN party, Lao party, category, origin, destination, HS, title)
CONFERENCE_MOUS = [
    (
        "demo-vn-hanoi-banana",
        "demo-la-bolikhamxay-banana",
        "raw_materials",
        "LAO",
        "VNM",
        "080390",
        "Vùng nguyên liệu chuối tại Bolikhamxay",
    ),
    (
        "demo-vn-hanoi-spice",
        "demo-khammouane-ginger",
        "raw_materials",
        "LAO",
        "VNM",
        "091011",
        "Vùng nguyên liệu gừng, ớt tại Khammouane",
    ),
    (
        "demo-vn-hanoi-broom",
        "demo-la-houaphanh-tiger-grass",
        "raw_materials",
        "LAO",
        "VNM",
        "140190",
        "Vùng nguyên liệu cây đót tại Houaphanh",
    ),
    (
        "demo-vn-hanoi-distribution",
        "demo-la-vientiane-agro-export",
        "production_consumption",
        "LAO",
        "VNM",
        "090421",
        "Tiêu thụ nông sản Lào tại Hà Nội",
    ),
    (
        "demo-vn-hanoi-silk",
        "demo-la-luangprabang-silk",
        "production_consumption",
        "LAO",
        "VNM",
        "500200",
        "Sản xuất và tiêu thụ tơ tằm Luang Prabang",
    ),
    (
        "demo-vn-hanoi-craft-association",
        "demo-la-luangprabang-handicraft",
        "production_consumption",
        "LAO",
        "VNM",
        "",
        "Đưa hàng thủ công Luang Prabang vào hệ thống phân phối Hà Nội",
    ),
    (
        "demo-vn-hanoi-lacquer",
        "demo-la-bolikhamxay-timber",
        "production_consumption",
        "LAO",
        "VNM",
        "440729",
        "Gỗ rừng trồng cho sơn mài",
    ),
    (
        "demo-vn-hanoi-fertiliser",
        "demo-la-khammouane-potash",
        "production_consumption",
        "LAO",
        "VNM",
        "310420",
        "Tiêu thụ phân kali từ Lào",
    ),
    (
        "demo-vn-hanoi-spice",
        "demo-la-oudomxay-forest-products",
        "production_consumption",
        "LAO",
        "VNM",
        "090831",
        "Sản xuất và tiêu thụ thảo quả",
    ),
    (
        "demo-vn-hanoi-horn",
        "demo-la-champasak-cattle",
        "production_consumption",
        "LAO",
        "VNM",
        "050790",
        "Nguyên liệu sừng cho làng nghề Thụy Ứng",
    ),
    (
        "demo-vn-hanoi-distribution",
        "demo-la-champasak-coffee",
        "production_consumption",
        "LAO",
        "VNM",
        "090111",
        "Tiêu thụ cà phê Champasak tại Hà Nội",
    ),
    (
        "demo-vn-hanoi-ceramics",
        "demo-la-vientiane-distribution",
        "production_consumption",
        "VNM",
        "LAO",
        "691200",
        "Tiêu thụ gốm Bát Tràng tại Viêng Chăn",
    ),
]


def _org(slug: str) -> Organization:
    return Organization.objects.get(slug=slug)


def _ensure_extra_organizations() -> None:
    for slug, (kind, alpha3, province, name, en, vi, lo, zh, source) in EXTRA_ORGANIZATIONS.items():
        if Organization.objects.filter(slug=slug).exists():
            continue
        registry_services.do_create_organization(
            actor=None,
            kind=kind,
            name=name,
            country=Country.objects.get(alpha3=alpha3),
            slug=slug,
            province=Province.objects.get(code=province),
            name_en=en,
            name_vi=vi,
            name_lo=lo,
            name_zh_hans=zh,
            source=source,
            reason="demo data",
        )


def _create(
    key: str,
    parties: list[tuple[str, str]],
    *,
    products=(),
    commitments=(),
    progress=(),
    status_changes=(),
    **fields,
) -> bool:
    if Agreement.objects.filter(demo_key=key).exists():
        return False
    hs = list(HSCode.objects.filter(code__in=products))
    agreement = services.do_create_agreement(
        actor=None,
        demo_key=key,
        products=hs,
        reason="demo data",
        parties=[services.PartyIn(_org(slug), signatory) for slug, signatory in parties],
        **fields,
    )
    by_slug = {p.organization.slug: p for p in agreement.parties.select_related("organization")}
    for title, owner, due, state in commitments:
        commitment = services.do_add_commitment(
            agreement, actor=None, title=title, owner=by_slug.get(owner), due_on=due, is_illustrative=True
        )
        if state != Commitment.State.OPEN:
            services.do_update_commitment(commitment, actor=None, state=state, done_on=due)
    for reported_on, text, source in progress:
        services.do_add_progress(
            agreement,
            actor=None,
            reported_on=reported_on,
            text=text,
            is_illustrative=not source,
            source=source,
        )
    for to_status, on, reason in status_changes:
        services.do_change_status(agreement, to_status, actor=None, effective_on=on, reason=reason)
    return True


def _conference_mous() -> int:
    created = 0
    for n, (vn, la, category, origin, destination, hs, title) in enumerate(CONFERENCE_MOUS, start=1):
        _create(
            f"vientiane-2023-mou-{n:02d}",
            [(vn, ""), (la, "")],
            products=[hs] if hs else [],
            level="enterprise",
            kind="mou",
            title=f"Biên bản ghi nhớ hợp tác: {title}",
            category=category,
            origin=Country.objects.get(alpha3=origin),
            destination=Country.objects.get(alpha3=destination),
            signed_on=D(2023, 4, 20),
            date_note=VISIT_NOTE,
            signed_place="Viêng Chăn",
            event_label=CONFERENCE,
            recording_organization=_org("hanoi-doit"),
            is_illustrative=True,
            illustrative_note=PARTIES_NOTE,
            source=SEED_000,
            commitments=[
                (
                    "Khảo sát thực địa và thống nhất kế hoạch triển khai",
                    vn,
                    D(2023, 9, 30),
                    Commitment.State.DONE,
                )
            ]
            if n in (1, 4)
            else [],
        )
    return created


def _link_events() -> None:
    """Link the agreements to the events app's demo events when it holds them (it loads first);
    without them the labels stay. The mission has no event of its own: its MOU keeps the label."""
    for prefix, slug in EVENT_OF_DEMO_KEY.items():
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            continue
        for agreement in Agreement.objects.filter(demo_key__startswith=prefix, event__isnull=True):
            services.do_update_agreement(
                agreement, {"event": event, "event_label": ""}, actor=None, reason="demo data: event linked"
            )


def do_load_agreements_demo() -> dict[str, int]:
    """Create the demo agreements that are missing; returns counts for the summary."""
    with transaction.atomic():
        _ensure_extra_organizations()
        _conference_mous()
        _create(
            "hanoi-mission-2023-13th",
            [("demo-vn-hanoi-craft-association", ""), ("demo-la-luangprabang-handicraft", "")],
            level="enterprise",
            kind="mou",
            title="Biên bản ghi nhớ hợp tác thứ 13 của Đoàn giao dịch tháng 4/2023",
            title_en="13th MOU of the April 2023 Hanoi trade mission to Laos",
            category="other",
            summary="The mission's 13 MOUs include the 12 signed at the conference; the source gives "
            "no category for this one.",
            signed_on=D(2023, 4, 20),
            date_note=VISIT_NOTE,
            signed_place="Lào",
            event_label=MISSION,
            recording_organization=_org("hanoi-doit"),
            is_illustrative=True,
            illustrative_note=PARTIES_NOTE,
            source=SEED_001,
        )
        _create(
            "hanoi-vientiane-capitals",
            [("hanoi-city", ""), ("vientiane-capital", "")],
            level="province",
            kind="cooperation",
            title="Biên bản thỏa thuận hợp tác giữa Đảng bộ, chính quyền Thủ đô Hà Nội và Thủ đô Viêng Chăn",
            title_en="Cooperation agreement between the Party committees and governments of Hanoi and "
            "Vientiane",
            category="trade_promotion",
            other_categories=["investment", "raw_materials"],
            date_note="The source gives no signing date.",
            recording_organization=_org("hanoi-doit"),
            status=Status.IN_IMPLEMENTATION,
            source=SEED_000,
        )
        _create(
            "hanoi-vientiane-doit-2022",
            [("hanoi-doit", ""), ("vientiane-doic", "Vanmany Phimmasan")],
            level="agency",
            kind="mou",
            title="Biên bản ghi nhớ hợp tác giữa Sở Công Thương Thủ đô Hà Nội và Sở Công Thương Thủ đô "
            "Viêng Chăn giai đoạn 2022–2025",
            title_en="MOU between the Hanoi and Vientiane Capital trade departments, 2022–2025",
            category="trade_promotion",
            other_categories=["raw_materials", "production_consumption", "training"],
            signed_on=D(2022, 1, 4),
            signed_place="Viêng Chăn",
            valid_from=D(2022, 1, 4),
            valid_until=D(2025, 12, 31),
            recording_organization=_org("hanoi-doit"),
            source=SEED_001,
            commitments=[
                (
                    "Tổ chức đoàn giao dịch xúc tiến thương mại, làng nghề tại Lào",
                    "hanoi-doit",
                    D(2023, 4, 30),
                    Commitment.State.DONE,
                ),
                (
                    "Đưa hàng Lào vào hệ thống phân phối, điểm bán OCOP của Hà Nội",
                    "hanoi-doit",
                    D(2024, 12, 31),
                    Commitment.State.IN_PROGRESS,
                ),
                (
                    "Đào tạo nghề thủ công mỹ nghệ cho làng nghề Viêng Chăn",
                    "vientiane-doic",
                    D(2025, 6, 30),
                    Commitment.State.OPEN,
                ),
            ],
            progress=[
                (
                    D(2023, 4, 24),
                    "Đoàn giao dịch xúc tiến thương mại, làng nghề tại Lào: 13 biên bản ghi nhớ "
                    "giữa doanh nghiệp Hà Nội và Lào.",
                    SEED_001,
                ),
                (
                    D(2023, 7, 3),
                    "Hội nghị trao đổi kinh nghiệm quản lý nhà nước trong lĩnh vực Công thương tại "
                    "Hà Nội; đoàn Viêng Chăn khảo sát siêu thị, chợ, làng nghề đến 7/7.",
                    SEED_001,
                ),
            ],
        )
        _create(
            "hanoi-vientiane-labour-2023",
            [("hanoi-dolisa", ""), ("vientiane-dolsw", "")],
            level="agency",
            kind="mou",
            title="Bản ghi nhớ hợp tác giai đoạn 2023–2025 giữa Sở LĐTB&XH Hà Nội và Sở Lao động và Phúc lợi "
            "xã hội Thủ đô Viêng Chăn",
            title_en="MOU 2023–2025 between the Hanoi and Vientiane labour departments",
            category="training",
            other_categories=["labour"],
            signed_on=D(2023, 4, 20),
            date_note=VISIT_NOTE,
            signed_place="Viêng Chăn",
            valid_from=D(2023, 4, 20),
            valid_until=D(2025, 12, 31),
            recording_organization=_org("hanoi-dolisa"),
            source=SEED_000,
            commitments=[
                (
                    "Đào tạo kỹ năng nghề cho cán bộ, giáo viên dạy nghề Viêng Chăn",
                    "hanoi-dolisa",
                    D(2025, 12, 31),
                    Commitment.State.IN_PROGRESS,
                )
            ],
        )
        _create(
            "vn-la-linkage-chains-2025",
            [("vn-moit", ""), ("la-moic", "")],
            level="ministry",
            kind="mou",
            title="Biên bản ghi nhớ giữa Bộ Công Thương Việt Nam và Bộ Công Thương Lào về phát triển "
            "chuỗi liên kết công nghiệp",
            title_en="MOU between the ministries of industry and trade of Viet Nam and Laos on industrial "
            "linkage chains",
            category="linkage_chain",
            other_categories=["training", "logistics", "investment"],
            signed_on=D(2025, 12, 1),
            signed_place="Viêng Chăn",
            valid_from=D(2025, 12, 1),
            valid_until=D(2030, 12, 31),
            date_note="Priority chains run to 2030.",
            summary="Priority chains to 2030: cement, iron and steel; chemicals; textiles and footwear; "
            "mechanical engineering and vehicles; dairy; electronics; power transmission and trading. "
            "Pilot Viet Nam–Laos industrial park. Focal points VIOIT and IICE; joint working group; "
            "yearly or two-yearly work plans and periodic reports to the ministers.",
            recording_organization=_org("vn-moit"),
            source=SEED_003,
            commitments=[
                (
                    "Thành lập Nhóm công tác chung do VIOIT và IICE đồng chủ trì",
                    "vn-moit",
                    D(2026, 3, 31),
                    Commitment.State.DONE,
                ),
                ("Kế hoạch công tác năm 2026–2027", "vn-moit", D(2026, 6, 30), Commitment.State.IN_PROGRESS),
                ("Báo cáo định kỳ lên Bộ trưởng hai bên", "la-moic", D(2026, 12, 15), Commitment.State.OPEN),
            ],
        )
        _create(
            "laocai-honghe-2024",
            [
                ("laocai-doit", ""),
                ("laocai-dolisa", ""),
                ("laocai-ez-authority", ""),
                ("honghe-commerce", "Hòa Đào"),
            ],
            level="province",
            kind="minutes",
            title="Hội đàm kinh tế thương mại Lào Cai (Việt Nam) – châu Hồng Hà (Vân Nam, Trung Quốc)",
            title_en="Economic and trade talks, Lao Cai (Viet Nam) – Honghe (Yunnan, China)",
            category="trade_promotion",
            other_categories=["logistics", "labour"],
            signed_on=D(2024, 1, 29),
            signed_place="Lào Cai",
            recording_organization=_org("laocai-doit"),
            source=SEED_004,
            commitments=[
                (
                    "Nghiên cứu cửa khẩu thông minh; thí điểm vận chuyển hàng hóa hai chiều",
                    "laocai-doit",
                    None,
                    Commitment.State.OPEN,
                ),
                (
                    "Hội chợ triển lãm thương mại biên giới Trung – Việt tại Hà Khẩu năm 2024",
                    "honghe-commerce",
                    D(2024, 12, 31),
                    Commitment.State.OPEN,
                ),
                (
                    "Cơ chế phối hợp quản lý lao động qua biên giới",
                    "laocai-dolisa",
                    D(2024, 6, 30),
                    Commitment.State.OPEN,
                ),
            ],
        )
        load_plans_and_programmes()
        _link_events()
    return {"agreements": Agreement.objects.filter(demo_key__gt="").count()}
