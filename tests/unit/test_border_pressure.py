"""The seasonal pressure estimate against numbers computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tradebridge.border import pressure
from tradebridge.border.clearance import do_import_clearance_file
from tradebridge.border.models import (
    ClearanceFigure,
    ClearanceMonthly,
    Gate,
    GateCapacity,
    HarvestCalendar,
    PermittedGoods,
)
from tradebridge.border.pressure import Season, estimate
from tradebridge.geo.models import Province, Zone


def _season(starts, ends, tonnes, *, peak=None, per_truck=20.0, share=1.0, code="081090"):
    return Season(None, "Dragon fruit", code, "Bình Thuận", starts, ends, peak[0] if peak else None,
                  peak[1] if peak else None, tonnes, per_truck, share)


def test_kim_thanh_2019_dragon_fruit_weeks_are_over_capacity():
    # 350 trucks a day for two weeks (98,000 t at 20 t a truck) against about 200 cleared a day.
    season = _season(dt.date(2019, 7, 1), dt.date(2019, 7, 14), 98_000)
    result = estimate(Gate(), start=dt.date(2019, 7, 1), weeks=3, seasons=[season], capacity=200, baseline=0)
    assert [round(w["harvest"], 6) for w in result.weeks] == [350, 350, 0]
    assert [w["level"] for w in result.weeks] == ["over", "over", "ok"]
    assert result.weeks[0]["ratio"] == pytest.approx(1.75)
    assert [w["week"] for w in result.warnings] == [dt.date(2019, 7, 1), dt.date(2019, 7, 8)]
    assert result.weeks[0]["products"] == ["081090"]


def test_peak_days_carry_twice_an_ordinary_day_and_the_baseline_adds_to_them():
    # 1,500 trucks over 10 days, 5 of them peak: weights 5×1 + 5×2 = 15, so 100 a day, 200 a peak day.
    season = _season(dt.date(2024, 6, 3), dt.date(2024, 6, 12), 30_000, peak=(dt.date(2024, 6, 8), dt.date(2024, 6, 12)))
    result = estimate(Gate(), start=dt.date(2024, 6, 3), weeks=2, seasons=[season], capacity=300, baseline=40)
    first, second = result.weeks
    assert first["harvest"] == pytest.approx((5 * 100 + 2 * 200) / 7)
    assert first["peak_day"] == pytest.approx(240)
    assert first["demand"] == pytest.approx(40 + 900 / 7)
    assert second["harvest"] == pytest.approx(600 / 7)
    assert (first["level"], second["level"]) == ("ok", "ok")


def test_share_and_tonnes_per_truck_scale_the_trucks():
    season = _season(dt.date(2024, 6, 3), dt.date(2024, 6, 9), 7_000, share=0.5, per_truck=25)
    result = estimate(Gate(), start=dt.date(2024, 6, 3), weeks=1, seasons=[season], capacity=100, baseline=0)
    assert result.weeks[0]["harvest"] == pytest.approx(7_000 * 0.5 / 25 / 7)  # 20 trucks a day


def test_a_week_at_ninety_percent_is_near_capacity():
    season = _season(dt.date(2024, 6, 3), dt.date(2024, 6, 9), 7 * 20 * 92)
    result = estimate(Gate(), start=dt.date(2024, 6, 3), weeks=1, seasons=[season], capacity=100, baseline=0)
    assert result.weeks[0]["level"] == "near"
    assert not result.warnings


def test_a_past_season_repeats_on_the_same_days_and_may_cross_the_new_year():
    season = _season(dt.date(2019, 12, 30), dt.date(2020, 1, 5), 7 * 20 * 10)  # 10 trucks a day
    result = estimate(Gate(), start=dt.date(2024, 12, 30), weeks=2, seasons=[season], capacity=100, baseline=5)
    assert [round(w["harvest"], 6) for w in result.weeks] == [10, 0]
    assert result.weeks[1]["demand"] == 5


def test_without_a_capacity_no_week_is_over():
    season = _season(dt.date(2024, 6, 3), dt.date(2024, 6, 9), 1_000_000)
    result = estimate(Gate(), start=dt.date(2024, 6, 3), weeks=1, seasons=[season], capacity=None, baseline=0)
    assert result.weeks[0]["level"] == "ok" and result.weeks[0]["ratio"] is None


@pytest.mark.django_db
def test_the_store_gives_share_capacity_baseline_and_other_gates():
    lao_cai, boten, tianbao = (Gate.objects.get_or_create(zone=Zone.objects.get(code=code),
                                                          defaults={"level": "international"})[0]
                               for code in ("bg-laocai-hekou", "bg-boten-mohan", "bg-thanhthuy-tianbao"))
    ClearanceFigure.objects.all().delete()  # the demo's figures, capacities and calendars out of the way
    ClearanceMonthly.objects.all().delete()
    GateCapacity.objects.filter(gate__in=[lao_cai, boten, tianbao]).delete()
    HarvestCalendar.objects.all().delete()
    PermittedGoods.objects.filter(gate__in=[lao_cai, boten, tianbao]).delete()
    GateCapacity.objects.create(gate=lao_cai, mode="road_bridge", direction="export", vehicles_per_day=150)
    GateCapacity.objects.create(gate=lao_cai, mode="railway", direction="export", vehicles_per_day=50)
    GateCapacity.objects.create(gate=lao_cai, mode="pedestrian", direction="export", vehicles_per_day=999)
    GateCapacity.objects.create(gate=boten, mode="road", direction="export", vehicles_per_day=300)
    PermittedGoods.objects.create(gate=tianbao, hs_codes=["09"], label="spices")  # no fruit there
    calendar = HarvestCalendar.objects.create(
        hs_code="081090", label="Dragon fruit", province=Province.objects.get(code="VN-40"),
        starts_on=dt.date(2019, 7, 1), ends_on=dt.date(2019, 7, 14), expected_tonnes=Decimal(196_000))
    calendar.gates.set([lao_cai, boten])
    # 3,100 vehicles in March 2019 (31 days) and 2,800 in February (28 days): 100 a day.
    rows = "\n".join(["gate,period,period_start,direction,measure,product,value",
                      "bg-laocai-hekou,month,2019-03,export,vehicles,,3100",
                      "bg-laocai-hekou,month,2019-02,export,vehicles,,2800",
                      "bg-laocai-hekou,month,2019-01,import,vehicles,,9999"])
    do_import_clearance_file(rows.encode(), "vehicles.csv")
    result = estimate(lao_cai, start=dt.date(2019, 7, 1), weeks=2)
    assert result.capacity == 200  # road bridge and railway; pedestrians are no freight mode
    assert result.baseline == pytest.approx(100)
    assert result.baseline_note == "2019-03, 2019-02"
    assert result.seasons[0].share == pytest.approx(0.5)  # two gates listed
    assert result.weeks[0]["harvest"] == pytest.approx(196_000 * 0.5 / 20 / 14)  # 350
    assert [w["level"] for w in result.weeks] == ["over", "over"]
    others = pressure.alternatives(lao_cai, ["081090"])
    assert [(a["gate"], a["capacity"]) for a in others][0] == (boten, 300)
    assert tianbao not in [a["gate"] for a in others]
