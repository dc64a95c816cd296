"""Crossing logs through the test client and the API: logging in a side's local time (UTC+7 and
UTC+8 round trips), the order of the time stamps, the Time Release Study figures against numbers
computed by hand, the public rule (aggregates only, months under 5 logs withheld), the CSV import
(all or nothing), and every role that must be refused."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.personas import client_for, make_user
from tradebridge.accounts.models import Role
from tradebridge.border import crossings
from tradebridge.border.models import CrossingLog, Gate
from tradebridge.geo.models import Zone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
JSON = "application/json"
UTC = dt.UTC


@pytest.fixture
def gate(db) -> Gate:
    gate, _created = Gate.objects.get_or_create(zone=Zone.objects.get(code="bg-laocai-hekou"),
                                                defaults={"level": Gate.Level.INTERNATIONAL})
    CrossingLog.objects.filter(gate=gate).delete()  # the demo's logs: these tests count their own
    return gate


@pytest.fixture
def vn_forwarder(db):
    return make_user("forwarder.vn", Role.ENTERPRISE_MEMBER, "demo-vn-laocai-logistics",
                     time_zone="Asia/Ho_Chi_Minh")


def _log(user, gate, arrival: dt.datetime, hours: list[float], direction="export", **extra) -> CrossingLog:
    """A log whose steps take `hours` (arrival→declaration, declaration→release, release→exit)."""
    declared = arrival + dt.timedelta(hours=hours[0])
    released = declared + dt.timedelta(hours=hours[1])
    exited = released + dt.timedelta(hours=hours[2])
    return crossings.do_log_crossing(user, gate=gate, direction=direction, arrived_at=arrival, declared_at=declared,
                                     released_at=released, exited_at=exited, **extra)


def _form(gate, **values) -> dict:
    data = {"gate": gate.pk, "direction": "export", "vehicle": "truck", "time_zone": "Asia/Ho_Chi_Minh",
            "arrived_at": "2024-03-01T08:00"}
    data.update(values)
    return data


# --- time zones and order ----------------------------------------------------------------------


@pytest.mark.parametrize(("zone", "utc_hour"), [("Asia/Ho_Chi_Minh", 1), ("Asia/Shanghai", 0)])
def test_times_typed_in_a_sides_local_time_are_stored_in_utc(cn_member, gate, zone, utc_hour):
    client = client_for(cn_member)
    response = client.post(reverse("border:crossing_new"), _form(
        gate, time_zone=zone, arrived_at="2024-03-01T08:00", released_at="2024-03-01T10:30",
        exited_at="2024-03-01T11:00"))
    assert response.status_code == 302
    log = CrossingLog.objects.get(organization=cn_member.organization, gate=gate)
    assert log.arrived_at == dt.datetime(2024, 3, 1, utc_hour, 0, tzinfo=UTC)
    assert log.released_at == dt.datetime(2024, 3, 1, utc_hour + 2, 30, tzinfo=UTC)
    # Shown back in the gate's own side (Lào Cai, UTC+7).
    page = client.get(reverse("border:crossing_edit", args=[log.pk])).content.decode()
    assert f'value="2024-03-01T{7 + utc_hour:02d}:00"' in page
    assert 'value="Asia/Ho_Chi_Minh" selected' in page


def test_edit_round_trip_keeps_the_instant(cn_member, gate):
    log = _log(cn_member, gate, dt.datetime(2024, 3, 1, 1, 0, tzinfo=UTC), [1, 2, 0.5])
    client = client_for(cn_member)
    form = client.get(reverse("border:crossing_edit", args=[log.pk])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["gate"] = gate.pk
    assert client.post(reverse("border:crossing_edit", args=[log.pk]), data).status_code == 302
    log.refresh_from_db()
    assert log.arrived_at == dt.datetime(2024, 3, 1, 1, 0, tzinfo=UTC)
    assert log.exited_at == dt.datetime(2024, 3, 1, 4, 30, tzinfo=UTC)


def test_a_release_before_the_arrival_is_refused_naming_the_field(cn_member, gate):
    response = client_for(cn_member).post(reverse("border:crossing_new"), _form(
        gate, arrived_at="2024-03-01T08:00", released_at="2024-03-01T07:00"))
    assert response.status_code == 400
    assert response.context["form"].errors["released_at"] == [
        "Release is before arrival: the time stamps must follow the order of the crossing."]
    assert not CrossingLog.objects.filter(organization=cn_member.organization).exists()


def test_the_api_reads_naive_times_in_the_given_zone_and_refuses_a_bad_order(cn_member, gate):
    client = client_for(cn_member)
    body = {"gate": gate.zone.code, "direction": "import", "time_zone": "Asia/Shanghai",
            "arrived_at": "2024-03-01T08:00:00", "exited_at": "2024-03-01T09:00:00+07:00"}
    response = client.post("/api/border/crossings", json.dumps(body), content_type=JSON)
    assert response.status_code == 201, response.content
    log = CrossingLog.objects.get(pk=response.json()["id"])
    assert log.arrived_at == dt.datetime(2024, 3, 1, 0, 0, tzinfo=UTC)
    assert log.exited_at == dt.datetime(2024, 3, 1, 2, 0, tzinfo=UTC)
    body["exited_at"] = "2024-03-01T07:59:00+08:00"
    refused = client.post("/api/border/crossings", json.dumps(body), content_type=JSON)
    assert refused.status_code == 422 and refused.json()["fields"] == ["exited_at"]
    assert CrossingLog.objects.filter(organization=cn_member.organization).count() == 1


# --- statistics --------------------------------------------------------------------------------


def test_percentile_by_linear_interpolation():
    assert crossings.percentile([10, 1, 4, 3, 2], 0.5) == 3
    assert crossings.percentile([1, 2, 3, 4, 10], 0.9) == pytest.approx(7.6)  # rank 3.6: 4 + 0.6 × 6
    assert crossings.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert crossings.percentile([], 0.5) is None


@pytest.fixture
def march_logs(cn_member, gate):
    """Five export logs in March 2024 (Lào Cai time) whose totals are 1, 2, 3, 4 and 10 hours."""
    gate.truck_hour_cost_usd = Decimal("20.00")
    gate.save(update_fields=["truck_hour_cost_usd"])
    steps = [[0.5, 0.25, 0.25], [1, 0.5, 0.5], [1, 1, 1], [2, 1, 1], [4, 4, 2]]
    for day, hours in enumerate(steps, start=1):
        _log(cn_member, gate, dt.datetime(2024, 3, day, 2, 0, tzinfo=UTC), hours, queue_length=day * 10)
    # Four import logs in March: under the public threshold.
    for day in range(1, 5):
        _log(cn_member, gate, dt.datetime(2024, 3, day, 3, 0, tzinfo=UTC), [1, 1, 1], direction="import")
    return gate


def test_median_90th_percentile_and_cost_of_delay_by_hand(march_logs):
    stats = crossings.gate_statistics(march_logs, public=True)
    assert stats.hidden_months == 1  # March imports: 4 logs
    [row] = stats.rows
    assert (row.month, row.direction, row.count) == (dt.date(2024, 3, 1), "export", 5)
    assert row.steps["total"].median == pytest.approx(3)
    assert row.steps["total"].p90 == pytest.approx(7.6)
    assert row.steps["arrival_declaration"].median == pytest.approx(1)  # 0.5 1 1 2 4
    assert row.steps["arrival_declaration"].p90 == pytest.approx(3.2)  # 2 + 0.6 × 2
    assert row.steps["declaration_release"].p90 == pytest.approx(2.8)  # 0.25 0.5 1 1 4: 1 + 0.6 × 3
    assert row.steps["release_exit"].median == pytest.approx(1)
    assert row.queue_median == 30
    # Hours beyond the median (3): 1 + 7 = 8; × 20 USD.
    assert row.delay_hours == pytest.approx(8)
    assert row.delay_cost_usd == Decimal("160.00")
    staff = crossings.gate_statistics(march_logs, public=False)
    assert [r.direction for r in staff.rows] == ["export", "import"] and staff.hidden_months == 0


def test_public_figures_are_aggregates_only(march_logs, cn_member):
    anonymous = client_for()
    page = anonymous.get(reverse("border:crossing_statistics") + f"?gate={march_logs.zone.code}")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-month="2024-03" data-direction="export"' in text
    assert 'data-direction="import"' not in text  # 4 logs: withheld
    assert "1 month and direction withheld" in text
    assert cn_member.organization.display_name not in text and "7.6" in text and "160.00" in text
    api = anonymous.get(f"/api/border/crossings/statistics?gate={march_logs.zone.code}").json()
    assert api["hidden_months"] == 1 and api["rows"][0]["steps"]["total"] == {
        "count": 5, "median_hours": 3.0, "p90_hours": 7.6}
    assert "organization" not in json.dumps(api)


def test_staff_see_every_month_and_every_log(march_logs, vn_officer):
    client = client_for(vn_officer)
    api = client.get(f"/api/border/crossings/statistics?gate={march_logs.zone.code}").json()
    assert api["hidden_months"] == 0 and len(api["rows"]) == 2
    assert len(client.get("/api/border/crossings").json()) == CrossingLog.objects.filter(
        archived_at__isnull=True).count()


def test_the_logger_sees_its_own_records_and_statistics(march_logs, cn_member):
    page = client_for(cn_member).get(reverse("border:crossings"))
    assert page.status_code == 200
    assert len(page.context["logs"]) == 9
    [(stats, _chart)] = page.context["stats"]
    assert len(stats.rows) == 2  # its own imports too, under the public threshold


# --- refusals ----------------------------------------------------------------------------------


def test_an_enterprise_cannot_see_or_change_anothers_crossing_logs(march_logs, cn_member, vn_forwarder):
    theirs = CrossingLog.objects.filter(organization=cn_member.organization).first()
    client = client_for(vn_forwarder)
    assert client.get("/api/border/crossings").json() == []
    assert client.get(reverse("border:crossings")).context["logs"].count() == 0
    assert client.get(reverse("border:crossing_edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("border:crossing_archive", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.archived_at is None


def test_staff_read_all_logs_but_change_only_their_own(march_logs, vn_officer, cn_member):
    theirs = CrossingLog.objects.filter(organization=cn_member.organization).first()
    client = client_for(vn_officer)
    assert client.get(reverse("border:crossing_edit", args=[theirs.pk])).status_code == 403
    assert client.post(reverse("border:crossing_archive", args=[theirs.pk])).status_code == 403


def test_visitors_cannot_log_or_list_crossings(gate, outsider):
    anonymous = client_for()
    assert anonymous.get("/api/border/crossings").status_code == 401
    assert anonymous.get(reverse("border:crossing_new")).status_code == 302
    client = client_for(outsider)
    assert client.get("/api/border/crossings").status_code == 403
    assert client.get(reverse("border:crossing_new")).status_code == 403
    body = {"gate": gate.zone.code, "direction": "export", "arrived_at": "2024-03-01T08:00:00+07:00"}
    assert client.post("/api/border/crossings", json.dumps(body), content_type=JSON).status_code == 403
    assert not CrossingLog.objects.filter(logged_by=outsider).exists()


def test_withdrawing_archives_the_log_and_takes_it_out_of_the_figures(cn_member, gate):
    log = _log(cn_member, gate, dt.datetime(2024, 4, 1, 1, 0, tzinfo=UTC), [1, 1, 1])
    client = client_for(cn_member)
    assert client.post(reverse("border:crossing_archive", args=[log.pk])).status_code == 302
    log.refresh_from_db()
    assert log.archived_at is not None
    assert crossings.gate_statistics(gate, public=False).rows == []
    assert log.history.first().history_change_reason == "crossing log withdrawn"


# --- CSV import --------------------------------------------------------------------------------

HEADER = "gate,direction,time_zone,arrival,declaration,release,exit,queue_length\n"


def test_a_csv_file_is_imported_whole(cn_member, gate):
    content = HEADER + "".join(
        f"bg-laocai-hekou,export,Asia/Shanghai,2024-05-0{d} 09:00,2024-05-0{d} 10:00,2024-05-0{d} 12:00,"
        f"2024-05-0{d} 13:00,{d}\n" for d in range(1, 6))
    response = client_for(cn_member).post(reverse("border:crossing_import"), {
        "file": SimpleUploadedFile("logs.csv", content.encode(), content_type="text/csv")})
    assert response.status_code == 302
    logs = CrossingLog.objects.filter(organization=cn_member.organization).order_by("arrived_at")
    assert logs.count() == 5 and logs[0].arrived_at == dt.datetime(2024, 5, 1, 1, 0, tzinfo=UTC)


def test_a_csv_file_with_one_bad_line_imports_nothing(cn_member, gate):
    content = (HEADER + "bg-laocai-hekou,export,,2024-05-01 09:00,,,2024-05-01 13:00,\n"
               "bg-laocai-hekou,export,,2024-05-02 09:00,,2024-05-02 08:00,,\n"
               "bg-nowhere,sideways,,yesterday,,,,many\n")
    response = client_for(cn_member).post(reverse("border:crossing_import"), {
        "file": SimpleUploadedFile("logs.csv", content.encode(), content_type="text/csv")})
    assert response.status_code == 400
    errors = response.context["errors"]
    assert "Line 3, release: Release is before arrival: the time stamps must follow the order of the crossing." \
        in errors
    assert any(e.startswith("Line 4, gate:") for e in errors) and any(e.startswith("Line 4, arrival:") for e in errors)
    assert any(e.startswith("Line 4, queue_length:") for e in errors)
    assert not CrossingLog.objects.filter(organization=cn_member.organization).exists()
