"""Demo data of the cooperation app, loaded by bootstrap.demo_agreements after the agreements:
work plans, focal points, working groups and cooperation programmes from the seeds
(VIOIT and IICE as focal points; the Lào Cai–Yunnan labour programme 2017–2019 with its "more
than" figures; the Hanoi vocational training for Vientiane). Plans and group members are
illustrative. Records of earlier loads are corrected in place (with history)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tradebridge.agreements.models import Agreement
from tradebridge.bootstrap.demo_data import SEED_000, SEED_003, SEED_004
from tradebridge.cooperation import services
from tradebridge.cooperation.models import LabourProgramme, TrainingProgramme
from tradebridge.core.figures import Qualifier
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization

D = dt.date


def _org(slug: str) -> Organization:
    return Organization.objects.get(slug=slug)


# The linkage-chains MOU's work plan 2026–2027 (illustrative): title, owner, due, budget (USD), state.
CHAINS_ACTIVITIES = (
    ("Nghiên cứu mô hình thí điểm Khu công nghiệp Việt Nam – Lào", "vioit", D(2026, 9, 30), 60000,
     "in_progress"),
    ("Khóa bồi dưỡng cho cán bộ và doanh nghiệp Lào về chuỗi liên kết", "vn-moit", D(2026, 11, 30), 40000,
     "planned"),
    ("Xác định chuỗi thí điểm: xi măng, sắt thép", "iice", D(2026, 6, 30), 15000, "done"),
    ("Báo cáo định kỳ lên Bộ trưởng hai bên", "iice", D(2027, 12, 15), None, "planned"),
)
# "Các ngành nghề dự kiến đào tạo, như: ..." — the trades the source expects to be taught.
VOCATIONAL_COURSES = (
    "Công nghệ thông tin (dự kiến)\nChế biến món ăn và dịch vụ (dự kiến)\n"
    "Chăm sóc sắc đẹp và thiết kế các kiểu tóc (dự kiến)\nCông nghệ thời trang (dự kiến)"
)


def load_plans_and_programmes() -> None:
    chains = Agreement.objects.get(demo_key="vn-la-linkage-chains-2025")
    if not chains.focal_points.exists():
        _chains_cooperation(chains)
    _labour_programme()
    _training_programme(
        "hanoi-vientiane-vocational",
        title="Đào tạo, bồi dưỡng kỹ năng nghề cho cán bộ, giáo viên dạy nghề Viêng Chăn",
        agreement=Agreement.objects.get(demo_key="hanoi-vientiane-labour-2023"),
        organiser=_org("hanoi-dolisa"),
        courses=VOCATIONAL_COURSES,
        source=SEED_000,
        groups=[{"country": Country.objects.get(alpha3="LAO"), "agency": _org("vientiane-dolsw")}],
    )
    _training_programme(
        "vn-la-linkage-training",
        title="Đào tạo, bồi dưỡng cán bộ và doanh nghiệp Lào về chuỗi liên kết công nghiệp",
        agreement=chains,
        organiser=_org("vn-moit"),
        courses="",
        source=SEED_003,
        groups=[{"country": Country.objects.get(alpha3="LAO"), "agency": _org("la-moic")}],
    )


def _chains_cooperation(chains: Agreement) -> None:
    """VIOIT and IICE as focal points (from the source); the group and the plan are illustrative."""
    for slug in ("vioit", "iice"):
        services.do_add_focal_point(
            chains, actor=None, organization=_org(slug), role="Đầu mối điều phối triển khai Bản ghi nhớ"
        )
    # The MOU says the sides *may* set up the group: its members and date are illustrative.
    services.do_create_working_group(
        chains,
        actor=None,
        name="Nhóm công tác chung Việt Nam – Lào về chuỗi liên kết công nghiệp",
        members=[
            (_org("vioit"), "", "co_chair"),
            (_org("iice"), "", "co_chair"),
            (_org("vn-moit"), "", "member"),
            (_org("la-moic"), "", "member"),
        ],
        established_on=D(2026, 3, 15),
        is_illustrative=True,
    )
    plan = services.do_create_work_plan(
        chains,
        actor=None,
        title="Kế hoạch công tác 2026–2027",
        period="two_yearly",
        starts_on=D(2026, 1, 1),
        ends_on=D(2027, 12, 31),
        is_illustrative=True,
    )
    for title, owner, due, budget, state in CHAINS_ACTIVITIES:
        services.do_add_activity(
            plan,
            actor=None,
            title=title,
            owner=_org(owner),
            due_on=due,
            budget=budget,
            currency="USD" if budget else "",
            state=state,
            is_illustrative=True,
        )


# Seed 004: "Giai đoạn 2017 - 2019, tỉnh Lào Cai có hơn 1.000 lao động sang làm việc tại Công ty
# Hữu hạn khoa học kỹ thuật Huệ Hồng ... (trong đó có hơn 80% lao động là người dân tộc thiểu số)".
LABOUR = {
    "title": "Đưa lao động Lào Cai sang làm việc tại Công ty Huệ Hồng (Vân Nam)",
    "starts_on": D(2017, 1, 1),
    "ends_on": D(2019, 12, 31),
    "workers_sent": 1000,
    "workers_qualifier": Qualifier.MORE_THAN,
    "workers_note": "hơn 1.000 lao động",
    "ethnic_minority_share": Decimal(80),
    "ethnic_minority_share_qualifier": Qualifier.MORE_THAN,
    "source": SEED_004,
}


def _labour_programme() -> None:
    programme = LabourProgramme.objects.filter(demo_key="laocai-huihong-2017").first()
    if programme is None:
        programme = services.do_create_labour_programme(
            actor=None,
            sending_province=Province.objects.get(code="VN-02"),
            receiving_province=Province.objects.get(code="CN-YN"),
            employer=_org("huihong-tech"),
            conditions="",
            **LABOUR,
        )
        LabourProgramme.objects.filter(pk=programme.pk).update(demo_key="laocai-huihong-2017")
    else:  # a record of an earlier load: the figures get the source's qualifiers
        services.do_update_item(programme, dict(LABOUR), actor=None)


def _training_programme(key: str, **fields) -> None:
    """The source gives no dates for either programme: none are recorded (earlier loads had
    guessed ones, corrected here)."""
    programme = TrainingProgramme.objects.filter(demo_key=key).first()
    if programme is None:
        programme = services.do_create_training_programme(actor=None, **fields)
        TrainingProgramme.objects.filter(pk=programme.pk).update(demo_key=key)
    else:
        services.do_update_item(
            programme, {"courses": fields["courses"], "starts_on": None, "ends_on": None}, actor=None
        )
