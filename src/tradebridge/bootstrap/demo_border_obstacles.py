"""Demo of crossing logs and obstacles at Lào Cai–Hà Khẩu (seed 004). The Lào Cai–Honghe talks
of 29 January 2024 (an event of kind "bilateral talks" from the events demo) are the periodic
talks "to report the situation and resolve difficulties and obstacles"; the four obstacles on
their agenda and every crossing log are illustrative (the seed names no single obstacle and
gives no crossing times), and are marked so wherever shown. Idempotent: obstacles by demo_key,
logs by their demo note; nothing a user changed is overwritten."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from tradebridge.border.models import CrossingLog, Direction, Gate, Obstacle, ObstacleStatusChange
from tradebridge.core.history import stamp_history
from tradebridge.events.models import Event
from tradebridge.registry.models import Organization

GATE_CODE = "bg-laocai-hekou"
TALKS_SLUG = "laocai-honghe-talks-2024"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
ILLUSTRATIVE = "Illustrative demo record (not from a source)."
LOG_NOTE = "Illustrative demo log {n}"
# Four months before the talks, 2 directions, 8 logs each: enough for every public month.
LOG_MONTHS = [(2023, 10), (2023, 11), (2023, 12), (2024, 1)]
LOGS_PER_GROUP = 8
LOGGERS = {Direction.EXPORT: "demo-vn-laocai-logistics", Direction.IMPORT: "demo-cn-hekou-logistics"}

S = Obstacle.Status
# (demo_key, organisation, kind, hs, title, description, agency, status, answer, resolution, days open)
OBSTACLES = [
    ("demo-obstacle-fruit-quarantine", "demo-vn-laocai-farm-coop", Obstacle.Kind.QUARANTINE, "081090",
     "Xe thanh long chờ kiểm dịch 2–3 ngày tại cửa khẩu (minh họa)",
     "Trong cao điểm thu hoạch, xe chở thanh long tươi phải chờ 2–3 ngày để kiểm dịch thực vật phía "
     "Hà Khẩu; hoa quả giảm chất lượng. Đề nghị hai bên tăng ca kiểm dịch và thông báo trước lịch "
     "cao điểm. " + ILLUSTRATIVE,
     "honghe-commerce", S.RESOLVED,
     "Hai bên thống nhất thông báo lịch thu hoạch cao điểm trước 2 tuần và bố trí thêm ca kiểm dịch.",
     "Đã tăng ca kiểm dịch trong mùa cao điểm; thời gian chờ giảm còn dưới 1 ngày (minh họa).", 41),
    ("demo-obstacle-customs-documents", "demo-vn-laocai-logistics", Obstacle.Kind.CUSTOMS, "",
     "Chứng từ khai báo phải nộp bản giấy ở cả hai phía (minh họa)",
     "Doanh nghiệp phải nộp bản giấy của cùng bộ chứng từ tại hai phía cửa khẩu, dù đã khai điện tử. "
     "Đề nghị chấp nhận bản điện tử và trao đổi dữ liệu giữa hai cơ quan. " + ILLUSTRATIVE,
     "vn-customs", S.ANSWERED,
     "Cơ quan hải quan đang nghiên cứu trao đổi dữ liệu điện tử trong khuôn khổ nghiên cứu cửa khẩu thông "
     "minh (minh họa).", "", None),
    ("demo-obstacle-payment", "demo-cn-hekou-logistics", Obstacle.Kind.PAYMENT, "",
     "边贸结算须经第三方，到账慢（示例）",
     "边境贸易以人民币或越南盾结算时，须经第三方机构，资金到账需3至5天。建议两侧银行扩大本币直接结算。"
     + ILLUSTRATIVE,
     "laocai-doit", S.ON_AGENDA, "", "", None),
    ("demo-obstacle-transport", "demo-vn-laocai-logistics", Obstacle.Kind.TRANSPORT, "",
     "Xe hàng phải sang tải tại bãi biên giới (minh họa)",
     "Xe Việt Nam không được chạy sâu vào nội địa phía bên kia nên hàng phải sang tải tại bãi, tốn 4–6 giờ "
     "mỗi chuyến. Đề nghị mở rộng thí điểm vận tải hàng hóa hai chiều. " + ILLUSTRATIVE,
     "laocai-ez-authority", S.ON_AGENDA, "", "", None),
]


def do_load_border_obstacles_demo() -> dict[str, int]:
    gate = Gate.objects.filter(zone__code=GATE_CODE).select_related("zone").first()
    talks = Event.objects.filter(slug=TALKS_SLUG, kind=Event.Kind.BILATERAL_TALKS).first()
    recorder = get_user_model().objects.filter(username="admin").first()
    if gate is None or talks is None or recorder is None:
        return {"border_obstacles": 0, "border_crossing_logs": 0}
    with transaction.atomic():
        obstacles = sum(_obstacle(spec, gate, talks, recorder) for spec in OBSTACLES)
        logs = _crossing_logs(gate, recorder)
    return {"border_obstacles": obstacles, "border_crossing_logs": logs}


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LOCAL)


def _obstacle(spec: tuple, gate: Gate, talks: Event, recorder) -> int:
    key, org_slug, kind, hs, title, description, agency_slug, status, answer, resolution, days = spec
    if Obstacle.objects.filter(demo_key=key).exists():
        return 1  # left as it is: staff may have moved it on
    organizations = Organization.objects.in_bulk([org_slug, agency_slug], field_name="slug")
    reported = _at(talks.starts_on - dt.timedelta(days=30))
    obstacle = Obstacle(
        demo_key=key, gate=gate, kind=kind, hs_code=hs, title=title, description=description,
        reported_by=recorder, organization=organizations.get(org_slug),
        assigned_to=organizations.get(agency_slug), status=status, talks=talks, answer=answer,
        resolution=resolution, is_public=True, is_illustrative=True,
        response_due=talks.starts_on, resolved_at=reported + dt.timedelta(days=days) if days else None)
    obstacle.full_clean()
    stamp_history(obstacle, None, "illustrative demo obstacle")
    obstacle.save()
    Obstacle.objects.filter(pk=obstacle.pk).update(created_at=reported)
    steps = [(S.REPORTED, reported, ""), (S.TRIAGED, reported + dt.timedelta(days=2), ""),
             (S.ASSIGNED, reported + dt.timedelta(days=3), ""),
             (S.ON_AGENDA, _at(talks.starts_on - dt.timedelta(days=7)),
              "Raised at the Lào Cai–Honghe talks of 29 January 2024 (illustrative).")]
    if status in (S.ANSWERED, S.RESOLVED):
        steps.append((S.ANSWERED, _at(talks.starts_on, 17), ""))
    if status == S.RESOLVED:
        steps.append((S.RESOLVED, obstacle.resolved_at, ""))
    old = ""
    for new, when, note in steps:
        change = ObstacleStatusChange.objects.create(obstacle=obstacle, old_status=old, new_status=new,
                                                     actor=recorder, note=note)
        ObstacleStatusChange.objects.filter(pk=change.pk).update(at=when)
        old = new
    return 1


def _crossing_logs(gate: Gate, recorder) -> int:
    """Deterministic illustrative logs: arrival to exit of a few hours to a day and a half, longer
    in the fruit season (December–January), exports waiting longer than imports."""
    existing = set(CrossingLog.objects.filter(gate=gate, is_illustrative=True).values_list("note", flat=True))
    organizations = Organization.objects.in_bulk(list(LOGGERS.values()), field_name="slug")
    rng = random.Random(2024)  # noqa: S311 - illustrative numbers, not security
    created, n = 0, 0
    for year, month in LOG_MONTHS:
        season = 1.6 if month in (12, 1) else 1.0
        for direction, org_slug in LOGGERS.items():
            for index in range(LOGS_PER_GROUP):
                n += 1
                arrival = dt.datetime(year, month, 2 + index * 3, 6 + rng.randint(0, 10),
                                      rng.choice((0, 15, 30, 45)), tzinfo=LOCAL)
                slow = 1.3 if direction == Direction.EXPORT else 1.0
                to_declaration = dt.timedelta(hours=round(rng.uniform(0.5, 6) * season * slow, 2))
                to_inspection = dt.timedelta(hours=round(rng.uniform(0.5, 3), 2))
                to_release = dt.timedelta(hours=round(rng.uniform(0.5, 8) * season * slow, 2))
                to_exit = dt.timedelta(hours=round(rng.uniform(0.3, 2.5), 2))
                note = LOG_NOTE.format(n=n)
                if note in existing or org_slug not in organizations:
                    continue
                log = CrossingLog(
                    gate=gate, direction=direction, vehicle=CrossingLog.Vehicle.TRUCK,
                    product="08" if direction == Direction.EXPORT else "31",
                    organization=organizations[org_slug], logged_by=recorder, arrived_at=arrival,
                    declared_at=arrival + to_declaration,
                    inspected_at=arrival + to_declaration + to_inspection,
                    released_at=arrival + to_declaration + to_inspection + to_release,
                    exited_at=arrival + to_declaration + to_inspection + to_release + to_exit,
                    queue_length=int(rng.randint(5, 60) * season), note=note, is_illustrative=True)
                log.full_clean()
                stamp_history(log, None, "illustrative demo crossing log")
                log.save()
                created += 1
    return len(existing) + created
