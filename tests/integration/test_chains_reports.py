"""Reports to the ministers (seed 003): figures on a small fixture — members joining and leaving
(from the members' history), a meeting and an agreement between members, trade by stage with
growth, gaps closed and open, milestones, work plan, training — frozen when submitted; PDF and
Excel in Lao and Chinese; every refused role; bad periods change nothing."""

import datetime as dt
import io
from datetime import time

import pyarrow as pa
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import chains as chain_factory
from tests.factories.registry import org
from tests.personas import client_for, make_user
from tradebridge.agreements import services as agreement_services
from tradebridge.agreements.models import Agreement
from tradebridge.chains import pilots, reports
from tradebridge.chains.models import Member, MinisterReport
from tradebridge.chains.services import do_add_member, do_archive_member
from tradebridge.events import services as event_services
from tradebridge.events.models import Event, Meeting
from tradebridge.geo.models import Country, Province
from tradebridge.trade.store import TradeStore

pytestmark = pytest.mark.django_db
D = dt.date
# The period ends today (a report cannot end in the future). What the fixture records is dated
# inside the period or before it, never "now": a suite that runs past midnight would put "now"
# after the period's end.
END = timezone.localdate()
START = END - dt.timedelta(days=330)
BEFORE = timezone.make_aware(dt.datetime.combine(START - dt.timedelta(days=200), time(12, 0)))
DURING = timezone.make_aware(dt.datetime.combine(START + dt.timedelta(days=100), time(12, 0)))


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


@pytest.fixture
def mou():
    return Agreement.objects.get(demo_key="vn-la-linkage-chains-2025")


@pytest.fixture
def store(settings, tmp_path):
    """A trade store (USD) with VNM→LAO raw milk (0401) 100 then 150: growth 50 %."""
    settings.TRADE_STORE_DIR = tmp_path / "store"
    rows = [(2024, "VNM", "LAO", "040120", 100.0), (2025, "VNM", "LAO", "040120", 150.0),
            (2025, "LAO", "VNM", "010229", 20.0)]
    names = ("year", "exporter", "importer", "product", "value")
    table = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    table["quantity"] = [None] * len(rows)
    TradeStore(tmp_path / "store").write_flows(pa.table(table), source="test", kind="test", synthetic=False)


def _member(chain, stage, slug, actor, *, before=False):
    member = do_add_member(chain, actor=actor, stage=chain.stages.get(key=stage), organization=org(slug),
                           role="supplier")
    # recorded before the period, or during it
    Member.history.filter(id=member.pk).update(history_date=BEFORE if before else DURING)
    return member


def _archive_during_period(member, actor):
    do_archive_member(member, actor=actor)
    Member.objects.filter(pk=member.pk).update(archived_at=DURING)
    Member.history.filter(id=member.pk, history_date__gt=BEFORE).update(history_date=DURING, archived_at=DURING)


def _meeting(vn_officer, a, b, day):
    event = event_services.do_create_event(
        actor=vn_officer, organizers=[org("hanoi-doit")], kind=Event.Kind.FAIR, title_vi="Hội chợ sữa",
        starts_on=D(2030, 5, 1), ends_on=D(2030, 5, 1), capacity=5, max_requests=2)
    event_services.do_add_venue(event, actor=vn_officer, name="Hà Nội", is_main=True,
                                country=Country.objects.get(alpha3="VNM"), province=Province.objects.get(code="VN-HN"),
                                time_zone="Asia/Ho_Chi_Minh", tables=5, booths=0)
    event_services.do_add_meeting_day(event, actor=vn_officer, date=D(2030, 5, 1), start_time=time(9, 0),
                                      end_time=time(10, 0), slot_minutes=20)
    event_services.do_generate_slots(event)
    event_services.do_set_event_status(event, Event.Status.OPEN, actor=vn_officer)
    regs = [event_services.do_register_organization(event, org(s), actor=None, venue=event.main_venue,
                                                    delegates=[{"name": "A", "role": "CEO"}]) for s in (a, b)]
    request = event_services.do_accept_request(event_services.do_send_meeting_request(*regs, actor=None), actor=None)
    slot = event.slots.first()
    # The fair was held in the report's period (events are created ahead; the slot is moved back).
    slot.starts_at = timezone.make_aware(dt.datetime.combine(day, time(9, 0)))
    slot.ends_at = slot.starts_at + dt.timedelta(minutes=20)
    slot.save(update_fields=["starts_at", "ends_at"])
    return Meeting.objects.create(event=event, request=request, slot=slot, mode="table")


@pytest.fixture
def fixture(mou, vn_officer, store):
    chain = chain_factory.chain("test-dairy", actor=vn_officer, agreement=mou)
    vn_feed = _member(chain, "inputs", "demo-vn-thanhhoa-cassava", vn_officer, before=True)
    _member(chain, "inputs", "demo-la-champasak-cattle", vn_officer)  # joins in the period
    gone = _member(chain, "milk", "demo-la-vientiane-food-import", vn_officer, before=True)
    _archive_during_period(gone, vn_officer)  # leaves in the period
    _member(chain, "processed", "demo-vn-nghean-dairy", vn_officer, before=True)
    _meeting(vn_officer, "demo-vn-nghean-dairy", "demo-la-champasak-cattle", day(30))
    agreement_services.do_create_agreement(
        actor=vn_officer, parties=[agreement_services.PartyIn(vn_feed.organization),
                                   agreement_services.PartyIn(org("demo-la-champasak-cattle"))],
        level="enterprise", title="Hợp đồng thức ăn chăn nuôi", category="production_consumption", kind="contract", signed_on=day(60))
    pilot = pilots.do_save_pilot(None, actor=vn_officer, slug="dairy-pilot", kind="chain_model",
                                 name_en="Dairy pilot", chain=chain)
    pilots.do_add_milestone(pilot, actor=vn_officer, title="Feasibility", due_on=day(89),
                            done_on=day(74), state="done")
    pilots.do_add_milestone(pilot, actor=vn_officer, title="Pairing", due_on=day(200))
    for activity in mou.work_plans.get().activities.all():
        pilots.do_link_activity(activity, actor=vn_officer, chain=chain)
    return chain


@pytest.fixture
def cn_officer(db):
    return make_user("li.cn", "agency_staff", "honghe-commerce")


def _figures(chain):
    return reports.report_figures(chain=chain, period_start=START, period_end=END)


def test_figures_of_one_chain(fixture):
    figures = _figures(fixture)
    assert figures["sides"] == ["VNM", "LAO"] and figures["scope"] == "chain"
    stages = {s["key"]: s for s in figures["chains"][0]["stages"]}
    assert stages["inputs"]["members"]["LAO"] == {"start": 0, "end": 1, "joined": 1, "left": 0}
    assert stages["inputs"]["members"]["VNM"] == {"start": 1, "end": 1, "joined": 0, "left": 0}
    assert stages["milk"]["members"]["LAO"] == {"start": 1, "end": 0, "joined": 0, "left": 1}
    assert stages["inputs"]["gap"]["status"] == "closed" and stages["milk"]["gap"]["status"] == "open"
    assert figures["totals"]["gaps_closed"] == 1
    assert len(figures["meetings"]) == 1 and figures["meetings"][0]["date"] == day(30).isoformat()
    assert [a["signed_on"] for a in figures["agreements"]] == [day(60).isoformat()]
    trade = figures["chains"][0]["trade"]
    milk = next(r for r in trade["rows"] if r["stage"] == "milk")
    assert (trade["year"], trade["previous_year"]) == (2025, 2024)
    assert milk["a_to_b"] == 150.0 and milk["a_to_b_previous"] == 100.0 and milk["growth_a_to_b"] == 50.0
    inputs = next(r for r in trade["rows"] if r["stage"] == "inputs")
    assert inputs["b_to_a"] == 20.0 and inputs["growth_b_to_a"] is None
    assert figures["milestones"]["due"] == 2 and figures["milestones"]["done"] == 1
    assert figures["milestones"]["late"] == 1
    work = figures["work_plan"]
    assert work["done"] == 1 and work["done"] + work["in_progress"] + work["planned"] + work["late"] == 4
    training = next(t for t in figures["training"] if "chuỗi liên kết" in t["title"])
    assert training["groups"][0]["selected_by"]["en"] == "Ministry of Industry and Commerce of Lao PDR"
    assert figures["illustrative"]  # the demo work plan is illustrative


def test_overall_figures_cover_every_chain_of_the_agreement(fixture, mou):
    figures = reports.report_figures(agreement=mou, period_start=START, period_end=END)
    assert figures["scope"] == "overall"
    assert {"test-dairy", "materials"} <= {c["slug"] for c in figures["chains"]}
    assert figures["totals"]["members"]["LAO"]["joined"] >= 1


def test_submitted_figures_stay_frozen_and_exports_in_lao_and_chinese(fixture, lao_officer):
    client = client_for(lao_officer)
    response = client.post("/chains/reports/new/?chain=test-dairy", {
        "period_start": START, "period_end": END, "language": "lo", "preview": "1"})
    assert response.status_code == 200 and b"report-preview" in response.content
    assert MinisterReport.objects.count() == 0
    response = client.post("/chains/reports/new/?chain=test-dairy", {
        "period_start": START, "period_end": END, "language": "lo", "submitted_to": "Bộ trưởng hai bên",
        "submit": "1"})
    assert response.status_code == 302
    report = MinisterReport.objects.get()
    assert (report.submitted_by, report.language, report.chain) == (lao_officer, "lo", fixture)
    frozen = report.figures
    _member(fixture, "milk", "demo-vn-nghean-dairy", lao_officer)  # the data change afterwards
    assert _figures(fixture)["chains"][0]["stages"][1]["members"]["VNM"]["end"] == 1
    report.refresh_from_db()
    assert report.figures == frozen
    page = client.get(f"/chains/reports/{report.pk}/").content.decode()
    assert frozen["computed_at"] in page and 'data-gap="open"' in page
    for lang in ("lo", "zh-hans"):
        pdf = client.get(f"/chains/reports/{report.pk}/report.pdf?lang={lang}")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        xlsx = client.get(f"/chains/reports/{report.pk}/report.xlsx?lang={lang}")
        book = load_workbook(io.BytesIO(xlsx.content))
        assert len(book.sheetnames) >= 6
        assert book.worksheets[0]["A1"].value == {"lo": "ບົດລາຍງານຕໍ່ລັດຖະມົນຕີ", "zh-hans": "呈部长报告"}[lang]
        milk_rows = [row for row in book.worksheets[1].iter_rows(values_only=True) if row[2] == "VNM"]
        assert milk_rows[1][4] == 0  # VNM at the milk stage at the end, as submitted
    api = client.get(f"/api/chains/reports/{report.pk}").json()
    assert api["figures"] == frozen


def test_the_report_marks_illustrative_data(fixture, vn_officer):
    report = reports.do_submit_report(actor=vn_officer, agreement=None, chain=fixture, period_start=START,
                                      period_end=END, submitted_to="Ministers", language="en")
    page = client_for(vn_officer).get(f"/chains/reports/{report.pk}/").content.decode()
    assert 'data-testid="report-illustrative"' in page


@pytest.mark.parametrize(("start", "end", "field", "words"), [
    (D(2026, 6, 1), D(2026, 1, 1), "period_end", "before it starts"),
    (D(2022, 1, 1), D(2026, 1, 1), "period_end", "at most 3 years"),
    (END - dt.timedelta(days=10), END + dt.timedelta(days=5), "period_end", "future"),
])
def test_bad_periods_are_refused_and_nothing_is_stored(fixture, vn_officer, start, end, field, words):
    with pytest.raises(ValidationError) as info:
        reports.do_submit_report(actor=vn_officer, agreement=None, chain=fixture, period_start=start,
                                 period_end=end, submitted_to="Ministers", language="vi")
    assert words in " ".join(info.value.message_dict[field])
    response = client_for(vn_officer).post("/chains/reports/new/?chain=test-dairy", {
        "period_start": start, "period_end": end, "language": "vi", "submitted_to": "Ministers", "submit": "1"})
    assert response.status_code == 400 and words in response.content.decode()
    response = client_for(vn_officer).post("/api/chains/reports", {
        "chain": "test-dairy", "period_start": str(start), "period_end": str(end), "submitted_to": "M"},
        content_type="application/json")
    assert response.status_code == 422 and field in response.json()["fields"]
    assert MinisterReport.objects.count() == 0


def test_every_refused_role(fixture, vn_officer, cn_officer, cn_member, outsider):
    report = reports.do_submit_report(actor=vn_officer, agreement=None, chain=fixture, period_start=START,
                                      period_end=END, submitted_to="Ministers", language="vi")
    for user in (cn_officer, cn_member, outsider):
        with pytest.raises(PermissionDenied):
            reports.do_submit_report(actor=user, agreement=None, chain=fixture, period_start=START,
                                     period_end=END, submitted_to="x", language="vi")
        client = client_for(user)
        assert client.post("/chains/reports/new/?chain=test-dairy", {
            "period_start": START, "period_end": END, "language": "vi", "submitted_to": "x",
            "submit": "1"}).status_code == 403
        assert client.get(f"/chains/reports/{report.pk}/").status_code in (403, 404)
        assert client.get(f"/chains/reports/{report.pk}/report.pdf").status_code in (403, 404)
        assert client.get(f"/api/chains/reports/{report.pk}").status_code in (403, 404)
        assert client.post("/api/chains/reports", {"chain": "test-dairy", "period_start": str(START),
                                                   "period_end": str(END), "submitted_to": "x"},
                           content_type="application/json").status_code == 403
    # Enterprises never see reports, not even on the chain's page.
    assert "Ministers" not in client_for(cn_member).get("/chains/test-dairy/").content.decode()
    assert client_for(None).get(f"/chains/reports/{report.pk}/").status_code == 302
    assert MinisterReport.objects.count() == 1
