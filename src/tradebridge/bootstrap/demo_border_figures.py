"""Demo of part F of the border app: illustrative monthly clearance figures for Lào Cai–Hà Khẩu
and a few other gates (2019–2025: value in USD, tonnes and vehicles by direction, for all goods
and a handful of HS chapters, with a seasonal peak for fruit), the gates' daily capacities
(illustrative, except the press figure of about 200 trucks cleared a day at Kim Thành in the
2019 dragon-fruit season) and dragon-fruit harvest calendars (illustrative).

The figures go through the same import as an officer's file. Idempotent: the figures are loaded
once (their ClearanceImport is the marker), capacities and calendars are updated in place."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from decimal import Decimal

from tradebridge.border.clearance import BULK_LIMITS, do_import_clearance_file
from tradebridge.border.models import ClearanceImport, Gate, GateCapacity, HarvestCalendar
from tradebridge.geo.models import Province

DEMO_FILE = "demo-border-clearance-figures.csv"
DEMO_SOURCE = "TradeBridge demo (illustrative figures, not real statistics)"
KIM_THANH_SOURCE = (
    "Press reports of the 2019 dragon-fruit season at Kim Thành (Lào Cai): 300–400 trucks "
    "arriving a day against about 200 cleared, 600–700 queued (as cited in issue 13)"
)
YEARS = range(2019, 2026)
# Gate: (scale of its trade, share of exports that is fruit).
GATES = {
    "bg-laocai-hekou": (1.0, 0.30),
    "bg-thanhthuy-tianbao": (0.25, 0.35),
    "bg-boten-mohan": (0.45, 0.10),
    "bg-cautreo-namphao": (0.15, 0.05),
}
# HS chapter: (export weight, import weight).
CHAPTERS = {
    "08": (0.30, 0.02),
    "07": (0.12, 0.04),
    "25": (0.10, 0.03),
    "31": (0.01, 0.22),
    "84": (0.04, 0.25),
    "85": (0.05, 0.20),
}
FRUIT_SEASON = {
    1: 1.3,
    2: 1.1,
    3: 0.8,
    4: 0.7,
    5: 0.9,
    6: 1.3,
    7: 1.5,
    8: 1.4,
    9: 1.0,
    10: 0.8,
    11: 0.9,
    12: 1.2,
}
USD_PER_TONNE = {"08": 900, "07": 500, "25": 250, "31": 350, "84": 6000, "85": 9000}
TONNES_PER_TRUCK = 20


def _rows() -> list[list[str]]:
    rng = random.Random(13)
    rows = []
    for code, (scale, fruit_share) in GATES.items():
        for year in YEARS:
            growth = 1.08 ** (year - 2019) * (0.75 if year == 2020 else 1.0)  # the 2020 closures
            for month in range(1, 13):
                for direction, base in (("export", 40e6), ("import", 55e6)):
                    index = 0 if direction == "export" else 1
                    total_value = total_tonnes = 0.0
                    for chapter, weights in CHAPTERS.items():
                        weight = weights[index] * (fruit_share / 0.30 if chapter == "08" else 1)
                        season = (
                            FRUIT_SEASON[month] if chapter in ("07", "08") and direction == "export" else 1.0
                        )
                        value = base * scale * growth * weight * season * rng.uniform(0.9, 1.1)
                        tonnes = value / USD_PER_TONNE[chapter]
                        total_value += value
                        total_tonnes += tonnes
                        rows.append(
                            [
                                code,
                                "month",
                                f"{year}-{month:02d}",
                                direction,
                                "value_usd",
                                chapter,
                                f"{value:.2f}",
                            ]
                        )
                        rows.append(
                            [
                                code,
                                "month",
                                f"{year}-{month:02d}",
                                direction,
                                "tonnes",
                                chapter,
                                f"{tonnes:.2f}",
                            ]
                        )
                    other = 1.25  # goods outside the chapters shown
                    rows.append(
                        [
                            code,
                            "month",
                            f"{year}-{month:02d}",
                            direction,
                            "value_usd",
                            "",
                            f"{total_value * other:.2f}",
                        ]
                    )
                    rows.append(
                        [
                            code,
                            "month",
                            f"{year}-{month:02d}",
                            direction,
                            "tonnes",
                            "",
                            f"{total_tonnes * other:.2f}",
                        ]
                    )
                    rows.append(
                        [
                            code,
                            "month",
                            f"{year}-{month:02d}",
                            direction,
                            "vehicles",
                            "",
                            f"{round(total_tonnes * other / TONNES_PER_TRUCK)}",
                        ]
                    )
    return rows


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["gate", "period", "period_start", "direction", "measure", "product", "value"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _capacities(gates: dict[str, Gate]) -> int:
    count = 0
    for code, gate in gates.items():
        scale = GATES[code][0]
        for mode, direction, vehicles, source, illustrative in (
            ("road_bridge", "export", 200, KIM_THANH_SOURCE, False)
            if code == "bg-laocai-hekou"
            else ("road", "export", round(260 * scale), DEMO_SOURCE, True),
            (
                "road_bridge" if code == "bg-laocai-hekou" else "road",
                "import",
                round(420 * scale),
                DEMO_SOURCE,
                True,
            ),
        ):
            GateCapacity.objects.update_or_create(
                gate=gate,
                mode=mode,
                direction=direction,
                defaults={"vehicles_per_day": vehicles, "source": source, "is_illustrative": illustrative},
            )
            count += 1
    return count


def _harvests(gates: dict[str, Gate]) -> int:
    calendars = [
        # label, province, season (month, day) from/to, peak from/to, tonnes across the border, gates
        (
            "Dragon fruit",
            "VN-40",
            (5, 1),
            (8, 31),
            (6, 15),
            (7, 31),
            400_000,
            ["bg-laocai-hekou", "bg-thanhthuy-tianbao"],
        ),
        ("Dragon fruit", "VN-41", (11, 15), (2, 15), (12, 20), (1, 20), 120_000, ["bg-laocai-hekou"]),
        ("Dragon fruit", "VN-46", (6, 1), (8, 15), None, None, 25_000, ["bg-laocai-hekou"]),
    ]
    count = 0
    year = 2025
    for label, province_code, starts, ends, peak_starts, peak_ends, tonnes, codes in calendars:
        province = Province.objects.filter(code=province_code).first()
        listed = [gates[c] for c in codes if c in gates]
        if province is None or not listed:
            continue
        end_year = year + (1 if ends < starts else 0)
        peak_end_year = year + (1 if peak_ends and peak_ends < starts else 0)
        peak_start_year = year + (1 if peak_starts and peak_starts < starts else 0)
        calendar, _created = HarvestCalendar.objects.update_or_create(
            hs_code="081090",
            province=province,
            label=label,
            is_illustrative=True,
            defaults={
                "starts_on": dt.date(year, *starts),
                "ends_on": dt.date(end_year, *ends),
                "peak_starts_on": dt.date(peak_start_year, *peak_starts) if peak_starts else None,
                "peak_ends_on": dt.date(peak_end_year, *peak_ends) if peak_ends else None,
                "expected_tonnes": Decimal(tonnes),
                "tonnes_per_vehicle": Decimal(TONNES_PER_TRUCK),
                "source": DEMO_SOURCE,
            },
        )
        calendar.gates.set(listed)
        count += 1
    return count


def do_load_border_figures_demo() -> dict[str, int]:
    gates = {
        gate.zone.code: gate for gate in Gate.objects.filter(zone__code__in=GATES).select_related("zone")
    }
    if not gates:
        return {"border clearance figures": 0}
    figures = 0
    if not ClearanceImport.objects.filter(file_name=DEMO_FILE).exists():
        rows = [row for row in _rows() if row[0] in gates]
        outcome = do_import_clearance_file(
            _csv(rows), DEMO_FILE, note=DEMO_SOURCE, is_illustrative=True, limits=BULK_LIMITS
        )
        figures = outcome.rows
    return {
        "border clearance figures": figures,
        "border capacities": _capacities(gates),
        "border harvest calendars": _harvests(gates),
    }
