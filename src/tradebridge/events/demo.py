"""Demo data of the events app, loaded by `tradebridge load-demo` after the registry's.

The three events of the seed articles keep the articles' dates, places, venues and organisers;
their meeting-day times, tables and booths, the names of the two sector rooms of seed 002, and
every registration, request and meeting are illustrative (and flagged so). Their schedules are
built by the scheduler and published. A fourth, upcoming event
is wholly illustrative: it is open for registration so that the matchmaking can be tried.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from tradebridge.bootstrap.demo_data import SEED_000, SEED_002, SEED_004
from tradebridge.catalog.models import Sector
from tradebridge.events import services
from tradebridge.events.models import (
    Event,
    Meeting,
    MeetingDay,
    MeetingFeedback,
    MeetingRequest,
    Registration,
    ScheduleRun,
    SectorRoom,
    Venue,
)
from tradebridge.events.planning import run_scheduler
from tradebridge.geo.models import Country, Province
from tradebridge.registry.models import Organization

DEMO_TIME_LIMIT = 5.0
ILLUSTRATIVE_NOTE = "Meeting times, tables, booths, registrations and requests are illustrative."

EVENTS = [
    {
        "slug": "hanoi-vientiane-craft-villages-2023",
        "kind": Event.Kind.CONFERENCE, "primary_language": "vi",
        "title_vi": "Hội nghị Phát triển làng nghề, vùng nguyên liệu và kết nối tiêu thụ sản phẩm "
                    "Hà Nội – Viêng Chăn 2023",
        "title_lo": "ກອງປະຊຸມ ພັດທະນາບ້ານຫັດຖະກຳ, ເຂດວັດຖຸດິບ ແລະ ເຊື່ອມໂຍງການຈຳໜ່າຍຜະລິດຕະພັນ "
                    "ຮ່າໂນ້ຍ – ວຽງຈັນ 2023",
        "title_zh_hans": "2023年河内–万象手工艺村、原料区发展与产品销售对接会",
        "title_en": "Hanoi–Vientiane 2023 conference on craft villages, raw-material areas and "
                    "product consumption",
        "description_vi": "Trong chuyến thăm Lào của Đoàn đại biểu Thủ đô Hà Nội (20–24/4/2023): 29 doanh "
                          "nghiệp Hà Nội và trên 50 doanh nghiệp Lào; 12 biên bản ghi nhớ được ký.",
        "description_en": "During the Hanoi delegation's visit to Laos (20–24 April 2023): 29 Hanoi and "
                          "50+ Lao enterprises; 12 MOUs signed.",
        "starts_on": date(2023, 4, 20), "ends_on": date(2023, 4, 24),
        "status": Event.Status.PUBLISHED, "source": SEED_000,
        "organizers": ["hanoi-doit", "vientiane-doic"],
        "venues": [("vientiane", "Vientiane", True, "LAO", "LA-VT", "Asia/Vientiane", 30, 0)],
        "rooms": [],
        "days": [(date(2023, 4, 21), time(8, 30), time(11, 30), 20, [["10:00", "10:20"]])],
        "participants": {
            "vientiane": ["van-phuc-silk", "bat-trang-ceramics", "thuy-ung-horn", "ha-thai-lacquer",
                          "chuyen-my-mother-of-pearl", "demo-vn-hanoi-spice", "demo-vn-hanoi-banana",
                          "demo-vn-hanoi-minerals", "demo-vn-hanoi-fertiliser", "demo-vn-hanoi-broom",
                          "demo-la-vientiane-distribution", "demo-la-vientiane-weaving",
                          "demo-la-vientiane-agro-export", "demo-la-luangprabang-silk",
                          "demo-la-luangprabang-handicraft", "demo-la-bolikhamxay-banana",
                          "demo-la-houaphanh-tiger-grass", "demo-khammouane-ginger"],
        },
        "requests": [
            ("demo-la-luangprabang-silk", "van-phuc-silk", "accepted"),
            ("demo-vn-hanoi-spice", "demo-khammouane-ginger", "accepted"),
            ("demo-vn-hanoi-banana", "demo-la-bolikhamxay-banana", "accepted"),
            ("demo-vn-hanoi-broom", "demo-la-houaphanh-tiger-grass", "accepted"),
            ("demo-la-vientiane-distribution", "bat-trang-ceramics", "accepted"),
            ("demo-la-luangprabang-handicraft", "ha-thai-lacquer", "accepted"),
            ("demo-la-vientiane-agro-export", "demo-vn-hanoi-fertiliser", "accepted"),
            ("demo-la-vientiane-weaving", "demo-vn-hanoi-minerals", "declined"),
        ],
    },
    {
        "slug": "laocai-export-conference-2021",
        "kind": Event.Kind.CONFERENCE, "primary_language": "vi",
        "title_vi": "Hội nghị quốc tế ngành hàng xuất khẩu, giao thương trực tuyến và trực tiếp năm 2021",
        "title_lo": "ກອງປະຊຸມສາກົນ ສິນຄ້າສົ່ງອອກ, ການຄ້າອອນລາຍ ແລະ ໂດຍກົງ ປີ 2021",
        "title_zh_hans": "2021年出口行业国际线上线下贸易对接会",
        "title_en": "2021 international conference on export industries, online and in-person trade",
        "description_vi": "Điểm cầu chính tại thành phố Lào Cai, một điểm cầu tại Hàng Châu (Chiết Giang); "
                          "gần 100 doanh nghiệp Trung Quốc và 138 doanh nghiệp Việt Nam; 2 phòng giao "
                          "thương riêng biệt theo lĩnh vực.",
        "description_en": "Main venue in Lao Cai city, a bridge point in Hangzhou (Zhejiang); about 100 "
                          "Chinese and 138 Vietnamese enterprises; two separate trade rooms by sector.",
        "starts_on": date(2021, 1, 19), "ends_on": date(2021, 1, 19),
        "status": Event.Status.PUBLISHED, "source": SEED_002,
        "organizers": ["laocai-itpc"],
        "venues": [("laocai", "Lào Cai", True, "VNM", "VN-02", "Asia/Ho_Chi_Minh", 40, 10),
                   ("hangzhou", "杭州 Hàng Châu", False, "CHN", "CN-ZJ", "Asia/Shanghai", 0, 8)],
        # The article says "two trade rooms by sector" without naming them: illustrative split.
        "rooms": [("Nông sản, thực phẩm / Agriculture and food", ["agriculture", "agro-processing"],
                   ["07", "08", "09", "20"]),
                  ("Dệt may, vật liệu, máy móc / Textiles, materials and machinery",
                   ["textiles-garments", "iron-steel-metals", "machinery-mechanical"],
                   ["50", "54", "61", "72", "84"])],
        "days": [(date(2021, 1, 19), time(8, 0), time(11, 40), 20, [["09:40", "10:00"]])],
        "participants": {
            "laocai": ["demo-vn-laocai-logistics", "demo-vn-laocai-farm-coop", "demo-vn-laocai-chemicals",
                       "demo-vn-hanoi-silk", "demo-vn-haiphong-garments", "demo-vn-haiphong-steel",
                       "demo-vn-langson-anise", "demo-vn-thanhhoa-cement"],
            "hangzhou": ["demo-zhejiang-textiles", "demo-cn-hangzhou-knitting",
                         "demo-cn-hangzhou-textile-machinery", "demo-cn-hangzhou-fruit",
                         "demo-cn-shaoxing-velvet", "demo-cn-shaoxing-building-materials",
                         "demo-cn-hangzhou-steel-structures"],
        },
        "rooms_of": {"demo-vn-laocai-farm-coop": 0, "demo-vn-langson-anise": 0, "demo-cn-hangzhou-fruit": 0},
        "requests": [
            ("demo-zhejiang-textiles", "demo-vn-hanoi-silk", "accepted"),
            ("demo-cn-hangzhou-knitting", "demo-vn-haiphong-garments", "accepted"),
            ("demo-cn-shaoxing-velvet", "demo-vn-haiphong-garments", "accepted"),
            ("demo-cn-hangzhou-fruit", "demo-vn-laocai-farm-coop", "accepted"),
            ("demo-cn-shaoxing-building-materials", "demo-vn-thanhhoa-cement", "accepted"),
            ("demo-cn-hangzhou-steel-structures", "demo-vn-haiphong-steel", "accepted"),
            ("demo-vn-haiphong-garments", "demo-vn-hanoi-silk", "accepted"),
            ("demo-cn-hangzhou-textile-machinery", "demo-vn-hanoi-silk", "pending"),
        ],
    },
    {
        "slug": "laocai-honghe-talks-2024",
        "kind": Event.Kind.BILATERAL_TALKS, "primary_language": "vi",
        "title_vi": "Hội đàm kinh tế thương mại Lào Cai (Việt Nam) – Hồng Hà (Vân Nam, Trung Quốc) 2024",
        "title_lo": "ການເຈລະຈາເສດຖະກິດ-ການຄ້າ ລາວກາຍ (ຫວຽດນາມ) – ຮົງເຫີ (ຢູນນານ, ຈີນ) 2024",
        "title_zh_hans": "2024年老街（越南）–红河（中国云南）经贸会谈",
        "title_en": "Lao Cai (Viet Nam) – Honghe (Yunnan, China) economic and trade talks 2024",
        "description_vi": "Xuất nhập khẩu, logistics và lao động qua biên giới qua Cửa khẩu Quốc tế "
                          "Lào Cai – Hà Khẩu; hành lang Côn Minh – Lào Cai – Hà Nội – Hải Phòng – "
                          "Quảng Ninh.",
        "description_en": "Exports and imports, logistics and cross-border labour through the Lao Cai–Hekou "
                          "international border gate; the Kunming–Lao Cai–Hanoi–Haiphong–Quang Ninh "
                          "corridor.",
        "starts_on": date(2024, 1, 29), "ends_on": date(2024, 1, 29),
        "status": Event.Status.PUBLISHED, "source": SEED_004,
        "organizers": ["laocai-doit", "honghe-commerce"],
        "venues": [("laocai-city", "Thành phố Lào Cai", True, "VNM", "VN-02", "Asia/Ho_Chi_Minh", 12, 0)],
        "rooms": [],
        "days": [(date(2024, 1, 29), time(14, 0), time(17, 0), 30, [])],
        "participants": {
            "laocai-city": ["demo-vn-laocai-logistics", "demo-vn-laocai-farm-coop", "demo-cn-hekou-logistics",
                            "demo-cn-honghe-vegetables", "demo-cn-kunming-flowers-seeds", "huihong-tech"],
        },
        "requests": [
            ("demo-cn-hekou-logistics", "demo-vn-laocai-logistics", "accepted"),
            ("demo-cn-honghe-vegetables", "demo-vn-laocai-farm-coop", "accepted"),
            ("demo-cn-kunming-flowers-seeds", "demo-vn-laocai-farm-coop", "pending"),
        ],
    },
    {
        # Wholly illustrative: an upcoming event open for registration.
        "slug": "demo-hanoi-vientiane-kunming-b2b-2027",
        "kind": Event.Kind.TRADE_MISSION, "primary_language": "en", "is_illustrative": True,
        "title_vi": "Gặp gỡ giao thương Hà Nội – Viêng Chăn – Côn Minh 2027 (minh họa)",
        "title_lo": "ການພົບປະທຸລະກິດ ຮ່າໂນ້ຍ – ວຽງຈັນ – ຄຸນໝິງ 2027 (ຕົວຢ່າງ)",
        "title_zh_hans": "2027年河内–万象–昆明企业对接会（示例）",
        "title_en": "Hanoi–Vientiane–Kunming B2B meetings 2027 (illustrative)",
        "description_en": "An illustrative event to try registration and meeting requests.",
        "starts_on": date(2027, 3, 16), "ends_on": date(2027, 3, 16),
        "registration_deadline": datetime(2027, 3, 9, 17, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        "capacity": 120, "max_requests": 8,
        "status": Event.Status.OPEN, "source": "",
        "organizers": ["hanoi-doit", "vientiane-doic"],
        "venues": [("hanoi", "Hà Nội", True, "VNM", "VN-HN", "Asia/Ho_Chi_Minh", 20, 6),
                   ("vientiane", "ວຽງຈັນ Vientiane", False, "LAO", "LA-VT", "Asia/Vientiane", 10, 4),
                   ("kunming", "昆明 Kunming", False, "CHN", "CN-YN", "Asia/Shanghai", 0, 4)],
        "rooms": [],
        "days": [(date(2027, 3, 16), time(8, 30), time(12, 0), 30, [["10:00", "10:30"]])],
        "participants": {
            "hanoi": ["demo-vn-hanoi-spice", "demo-vn-hanoi-silk", "demo-vn-hanoi-fertiliser"],
            "vientiane": ["demo-la-vientiane-agro-export", "demo-la-luangprabang-silk"],
            "kunming": ["demo-zhejiang-textiles", "demo-cn-kunming-herbs"],
        },
        "requests": [("demo-la-luangprabang-silk", "demo-vn-hanoi-silk", "accepted"),
                     ("demo-cn-kunming-herbs", "demo-vn-hanoi-spice", "pending")],
    },
]


def do_load_events_demo() -> dict[str, int]:
    """Create or update this app's demo records; returns counts for the summary."""
    counts = {"events": 0, "event_registrations": 0, "meeting_requests": 0}
    with transaction.atomic():
        for spec in EVENTS:
            registrations, requests = _load_event(spec)
            counts["events"] += 1
            counts["event_registrations"] += registrations
            counts["meeting_requests"] += requests
    return counts


def _load_event(spec: dict) -> tuple[int, int]:
    fields = {k: v for k, v in spec.items() if k in services.EVENT_FIELDS}
    fields.setdefault("is_illustrative", False)
    if fields["source"]:
        fields["source"] = f"{fields['source']}. {ILLUSTRATIVE_NOTE}"
    event, _created = Event.objects.update_or_create(slug=spec["slug"], defaults=fields)
    event.organizers.set(Organization.objects.filter(slug__in=spec["organizers"]))
    venues = {}
    for code, name, is_main, alpha3, province, zone, tables, booths in spec["venues"]:
        venues[code], _c = Venue.objects.update_or_create(event=event, code=code, defaults={
            "name": name, "is_main": is_main, "country": Country.objects.get(alpha3=alpha3),
            "province": Province.objects.get(code=province), "time_zone": zone,
            "tables": tables, "booths": booths})
    rooms = []
    for name, sectors, chapters in spec["rooms"]:
        room, _c = SectorRoom.objects.update_or_create(event=event, name=name,
                                                       defaults={"hs_chapters": chapters})
        room.sectors.set(Sector.objects.filter(code__in=sectors))
        rooms.append(room)
    for day_date, start, end, minutes, pauses in spec["days"]:
        # all_objects: a demo day archived by hand is brought back (the date is unique per event).
        MeetingDay.all_objects.update_or_create(event=event, date=day_date, defaults={
            "start_time": start, "end_time": end, "slot_minutes": minutes, "pauses": pauses,
            "archived_at": None})
    if not event.slots.exists():
        services.do_generate_slots(event)
    organizations = Organization.objects.in_bulk(
        [slug for slugs in spec["participants"].values() for slug in slugs], field_name="slug")
    registrations = {}
    for venue_code, slugs in spec["participants"].items():
        for slug in slugs:
            room_index = spec.get("rooms_of", {}).get(slug)
            registrations[slug], _c = Registration.objects.update_or_create(
                event=event, organization=organizations[slug], defaults={
                    "venue": venues[venue_code], "is_illustrative": True, "consent_to_contact": True,
                    "status": Registration.Status.REGISTERED,
                    "room": rooms[room_index] if room_index is not None else (rooms[1] if rooms else None),
                    "delegates": [{"name": "Delegate (illustrative)", "role": "Director"}]})
    for sender, recipient, status in spec["requests"]:
        MeetingRequest.objects.update_or_create(
            event=event, sender=registrations[sender], recipient=registrations[recipient],
            defaults={"status": status, "is_illustrative": True,
                      "message": "Illustrative request: we would like to discuss supply and prices.",
                      "responded_at": None if status == "pending" else
                      datetime.combine(event.starts_on, time(0, 0), tzinfo=UTC)})
    if event.status == Event.Status.PUBLISHED and not event.meetings.exists():
        # The published schedule is the scheduler's own: a few requests solve in well under a second.
        result = run_scheduler(event, time_limit=DEMO_TIME_LIMIT)
        # Shown on the organisers' scheduler page like any run.
        ScheduleRun.objects.create(event=event, status=ScheduleRun.Status.DONE, progress=1.0, result=result,
                                   time_limit=int(DEMO_TIME_LIMIT), finished_at=timezone.now())
        _record_outcomes(event)
    return len(registrations), len(spec["requests"])


# Illustrative outcomes, cycled over the meetings in slot order: most held, one no-show.
DEMO_OUTCOMES = ["contact", "negotiation", "contact", "agreement", "none", "contact", "negotiation"]


def _record_outcomes(event: Event) -> None:
    meetings = event.meetings.select_related("request").order_by("slot__starts_at", "pk")
    for index, meeting in enumerate(meetings):
        no_show = index == 4
        meeting.attendance = Meeting.Attendance.NO_SHOW if no_show else Meeting.Attendance.HELD
        meeting.save(update_fields=["attendance", "updated_at"])
        if not no_show:
            MeetingFeedback.objects.update_or_create(
                meeting=meeting, registration=meeting.request.recipient,
                defaults={"outcome": DEMO_OUTCOMES[index % len(DEMO_OUTCOMES)], "is_illustrative": True})
