"""Border gates through the Django test client and the API: the gates list with its map and
filters, a gate page (crossings, hours, Tết, goods, authorities, advisories, services, pilots),
corridors, logistics and labour; advisories that close a gate and its status returning; every
role that must be refused; bad input refused with nothing changed; the demo loaded twice."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.personas import client_for
from tradebridge.bootstrap.demo_border_gates import do_load_border_gates_demo
from tradebridge.border import gates as services
from tradebridge.border.models import Advisory, Corridor, Gate, LogisticsService, OpeningHours, PermittedGoods
from tradebridge.chains.models import Pilot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]
CODE = "bg-laocai-hekou"


@pytest.fixture
def demo(db):
    do_load_border_gates_demo()
    return Gate.objects.get(zone__code=CODE)


def _advisory_data(**changes) -> dict:
    today = timezone.localdate()
    return {
        "kind": "closed",
        "title": "Bridge repairs",
        "starts_on": today.isoformat(),
        "ends_on": (today + dt.timedelta(days=3)).isoformat(),
        "source": "Lào Cai DoIT notice",
        **changes,
    }


# --- pages ------------------------------------------------------------------------------------


def test_gates_list_shows_levels_status_sides_map_and_corridors(demo):
    page = client_for().get("/border/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="border-map"' in html and "border-map.js" in html
    markers = json.loads(html.split('id="gate-markers" type="application/json">')[1].split("</script>")[0])
    laocai = next(m for m in markers if m["url"] == f"/border/{CODE}/")
    assert laocai["status"] == "open" and laocai["colour"]
    lines = json.loads(html.split('id="corridor-lines" type="application/json">')[1].split("</script>")[0])
    assert len(lines) == 2 and all(len(line["points"]) >= 3 for line in lines)
    row = html.split(f'data-gate="{CODE}"')[1].split("</tr>")[0]
    assert "Lao Cai" in row and "Hekou" in row and "International" in row and "Open" in row


def test_gates_list_names_both_sides_in_the_readers_language(demo):
    html = client_for(language="vi").get("/border/").content.decode()
    row = html.split(f'data-gate="{CODE}"')[1].split("</tr>")[0]
    assert "Lào Cai" in row and "Hà Khẩu" in row
    html = client_for(language="zh-hans").get("/border/").content.decode()
    row = html.split(f'data-gate="{CODE}"')[1].split("</tr>")[0]
    assert "老街" in row and "河口" in row


def test_gates_list_filters_by_corridor_country_and_status(demo):
    client = client_for()
    html = client.get("/border/?corridor=kunming-laocai-hanoi-haiphong-quangninh").content.decode()
    assert f'data-gate="{CODE}"' in html and 'data-gate="bg-boten-mohan"' not in html
    html = client.get("/border/?country=LAO").content.decode()
    assert 'data-gate="bg-cautreo-namphao"' in html and f'data-gate="{CODE}"' not in html
    html = client.get("/border/?status=closed").content.decode()
    assert "No gate matches." in html
    html = client.get(
        "/border/?corridor=nowhere&status=bogus"
    ).content.decode()  # unknown filters are ignored
    assert f'data-gate="{CODE}"' in html


def test_gate_page_shows_everything_about_the_gate(demo):
    page = client_for().get(f"/border/{CODE}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="gate-header"' in html and 'data-testid="border-map"' in html
    crossings = html.split('data-testid="crossings"')[1].split("</table>")[0]
    assert (
        "Ho Kieu road bridge I" in crossings and "railway bridge" in crossings and "pedestrian" in crossings
    )
    assert "illustrative" in crossings
    hours = html.split('data-testid="opening-hours"')[1].split("</table>")[0]
    assert "Monday" in hours and "07:00–19:00" in hours
    assert 'data-testid="hours-illustrative"' in html
    assert "Tết Nguyên đán 2027" in html.split('data-testid="opening-exceptions"')[1].split("</ul>")[0]
    goods = html.split('data-testid="permitted-goods"')[1].split("</ul>")[0]
    assert "0810.90" in goods and "0803.90" in goods and "quarantine" in goods
    authorities = html.split('data-testid="authorities"')[1].split("</ul>")[0]
    assert "Lao Cai Department of Industry and Trade" in authorities and "Honghe" in authorities
    assert "Dragon-fruit season" in html  # a past advisory, with its dates
    services_html = html.split('data-testid="gate-services"')[1].split("</ul>")[0]
    assert "Customs broker" in services_html
    pilots = html.split('data-testid="gate-pilots"')[1]
    assert "Smart border gate study" in pilots and "two-way goods transport" in pilots
    assert "2024-01-29" in pilots
    assert "Edit the gate" not in html  # read-only for visitors


def test_gate_page_hs_names_in_the_readers_language(demo):
    goods = client_for(language="vi").get(f"/border/{CODE}/").content.decode()
    goods = goods.split('data-testid="permitted-goods"')[1].split("</ul>")[0]
    assert "0810.90 thanh long" in goods and "0803.90 chuối" in goods
    goods = client_for(language="zh-hans").get(f"/border/{CODE}/").content.decode()
    assert "芒果" in goods.split('data-testid="permitted-goods"')[1].split("</ul>")[0]
    assert client_for().get("/border/bg-nowhere/").status_code == 404


def test_corridor_page_lists_nodes_segments_and_totals(demo):
    page = client_for().get("/border/corridors/kunming-laocai-hanoi-haiphong-quangninh/")
    assert page.status_code == 200
    html = page.content.decode()
    nodes = html.split('data-testid="corridor-nodes"')[1].split("</ol>")[0]
    assert nodes.index("Kunming") < nodes.index("Lao Cai") < nodes.index("Hanoi") < nodes.index("Hai Phong")
    assert "Railway" in html.split('data-testid="corridor-segments"')[1]
    road = html.split('data-testid="total-road">')[1].split("</tr>")[0]
    assert "Kunming" in road and "Quang Ninh" in road and "850.0" in road and "13.5" in road
    railway = html.split('data-testid="total-railway">')[1].split("</tr>")[0]
    assert "Hanoi" in railway and "766.0" in railway
    assert client_for().get("/border/corridors/nowhere/").status_code == 404


def test_logistics_search_by_gate_and_kind(demo):
    client = client_for()
    html = client.get(f"/border/logistics/?gate={CODE}&kind=customs_broker").content.decode()
    table = html.split('data-testid="logistics"')[1]
    assert "Hekou" in table and "Customs broker" in table and "Warehouse" not in table
    html = client.get("/border/logistics/?gate=bg-boten-mohan").content.decode()
    assert "No logistics service matches." in html


def test_labour_view_keeps_more_than(demo):
    html = client_for().get("/border/labour/").content.decode()
    assert "2017–2019" in html
    assert "more than 1,000" in html.split('data-testid="workers"')[1].split("</td>")[0]
    assert "more than 80%" in html.split('data-testid="minority-share"')[1].split("</td>")[0]


def test_zones_map_shows_gates_with_status(demo):
    html = client_for().get("/geo/zones/").content.decode()
    markers = json.loads(html.split('id="zone-markers" type="application/json">')[1].split("</script>")[0])
    assert any(m.get("status") == "open" for m in markers)


# --- staff writes -----------------------------------------------------------------------------


def test_closing_advisory_sets_status_while_in_force_then_status_returns(demo, vn_officer):
    client = client_for(vn_officer)
    response = client.post(f"/border/{CODE}/advisories/new/", _advisory_data())
    assert response.status_code == 302
    advisory = Advisory.objects.get(gate=demo, title="Bridge repairs")
    assert services.current_status(demo) == "closed" and demo.status == "open"
    html = client.get("/border/?status=closed").content.decode()
    assert f'data-gate="{CODE}"' in html
    assert services.gate_summary(demo)["open_now"] is False
    assert (
        client.post(
            f"/border/{CODE}/advisories/{advisory.pk}/end/",
            {"ends_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat()},
        ).status_code
        == 422
    )
    assert client.post(f"/border/{CODE}/advisories/{advisory.pk}/end/", {}).status_code == 302
    assert services.current_status(demo, timezone.localdate() + dt.timedelta(days=1)) == "open"
    assert advisory.history.first().history_change_reason == "ended"


def test_staff_edit_the_gate_hours_exceptions_goods_and_crossings(demo, vn_officer):
    client = client_for(vn_officer)
    assert client.get(f"/border/{CODE}/edit/").status_code == 200
    response = client.post(
        f"/border/{CODE}/edit/",
        {
            "level": "international",
            "status": "restricted",
            "lanes": 8,
            "authorities": ["laocai-doit"],
            "source": "test",
        },
    )
    assert response.status_code == 302
    demo.refresh_from_db()
    assert (
        demo.status == "restricted"
        and demo.lanes == 8
        and [a.slug for a in demo.authorities.all()] == ["laocai-doit"]
    )
    hours = {f"day{d}": "06:30-20:00" for d in range(5)}
    assert client.post(f"/border/{CODE}/hours/", hours).status_code == 302
    assert OpeningHours.objects.filter(gate=demo, crossing__isnull=True).count() == 5
    assert (
        client.post(
            f"/border/{CODE}/exceptions/new/",
            {
                "starts_on": "2027-04-30",
                "ends_on": "2027-05-01",
                "reason": "Reunification Day",
                "closed": "on",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/border/{CODE}/goods/new/", {"hs_codes": "0714, 081090", "label": "Cassava"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/border/{CODE}/crossings/new/",
            {"name_en": "New bridge", "mode": "road_bridge", "freight": "on"},
        ).status_code
        == 302
    )
    assert demo.crossings.filter(name_en="New bridge").exists()


def test_bad_input_is_refused_naming_the_field_and_changes_nothing(demo, vn_officer):
    client = client_for(vn_officer)
    before = list(OpeningHours.objects.filter(gate=demo).values_list("weekday", "opens", "closes"))
    response = client.post(f"/border/{CODE}/hours/", {"day0": "7-25:00", "day1": "08:00-17:00"})
    assert response.status_code == 422 and "7-25:00" in response.content.decode()
    assert list(OpeningHours.objects.filter(gate=demo).values_list("weekday", "opens", "closes")) == before
    goods = PermittedGoods.objects.count()
    response = client.post(f"/border/{CODE}/goods/new/", {"hs_codes": "0810, 0899", "label": "Fruit"})
    assert response.status_code == 422 and "0899" in response.content.decode()
    assert PermittedGoods.objects.count() == goods
    advisories = Advisory.objects.count()
    response = client.post(f"/border/{CODE}/advisories/new/", _advisory_data(ends_on="2001-01-01"))
    assert response.status_code == 422 and "The last day is before the first." in response.content.decode()
    assert Advisory.objects.count() == advisories
    response = client.post(
        f"/border/{CODE}/exceptions/new/",
        {"starts_on": "2027-01-02", "ends_on": "2027-01-03", "reason": "Half day"},
    )
    assert response.status_code == 422 and demo.opening_exceptions.count() == 1


@pytest.mark.parametrize("persona", ["outsider", "cn_member"])
def test_visitors_and_enterprise_members_cannot_edit_gates_or_publish_advisories(demo, persona, request):
    client = client_for(request.getfixturevalue(persona))
    for url in (
        f"/border/{CODE}/edit/",
        f"/border/{CODE}/advisories/new/",
        f"/border/{CODE}/hours/",
        "/border/gates/new/",
        f"/border/{CODE}/goods/new/",
        f"/border/{CODE}/crossings/new/",
    ):
        assert client.get(url).status_code == 403, url
    advisories = Advisory.objects.count()
    assert client.post(f"/border/{CODE}/advisories/new/", _advisory_data()).status_code == 403
    assert client.post(f"/border/{CODE}/edit/", {"level": "main", "status": "closed"}).status_code == 403
    goods = demo.permitted_goods.first()
    assert client.post(f"/border/{CODE}/goods/{goods.pk}/archive/").status_code == 403
    demo.refresh_from_db()
    goods.refresh_from_db()
    assert Advisory.objects.count() == advisories and demo.status == "open" and goods.archived_at is None
    assert client.get(f"/border/{CODE}/").status_code == 200


def test_anonymous_is_sent_to_sign_in(demo):
    response = client_for().post(f"/border/{CODE}/advisories/new/", _advisory_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_members_edit_their_own_logistics_services_only(demo, cn_member, outsider):
    client = client_for(cn_member)
    response = client.post(
        "/border/logistics/new/",
        {
            "organization": "demo-zhejiang-textiles",
            "kind": "carrier",
            "gates": [demo.pk],
            "description": "Trucks to Hekou",
        },
    )
    assert response.status_code == 302
    own = LogisticsService.objects.get(organization__slug="demo-zhejiang-textiles")
    assert list(own.gates.all()) == [demo]
    other = LogisticsService.objects.filter(organization__slug="demo-cn-hekou-logistics").first()
    assert client.get(f"/border/logistics/{other.pk}/edit/").status_code == 403
    count = LogisticsService.objects.count()
    response = client.post(
        "/border/logistics/new/", {"organization": "demo-cn-hekou-logistics", "kind": "carrier"}
    )
    assert response.status_code == 422 and LogisticsService.objects.count() == count
    assert client_for(outsider).get("/border/logistics/new/").status_code == 403


# --- API --------------------------------------------------------------------------------------


def test_api_lists_and_filters_gates(demo):
    client = client_for()
    rows = client.get("/api/border/gates").json()
    assert {r["code"] for r in rows} >= {CODE, "bg-boten-mohan"}
    rows = client.get("/api/border/gates?corridor=kunming-laocai-hanoi-haiphong-quangninh").json()
    assert [r["code"] for r in rows] == [CODE]
    assert {r["code"] for r in client.get("/api/border/gates?country=lao").json()} >= {"bg-cautreo-namphao"}
    assert client.get("/api/border/gates?status=closed").json() == []


def test_api_gate_detail_has_hours_exceptions_goods_advisories(demo):
    body = client_for().get(f"/api/border/gates/{CODE}").json()
    assert body["level"] == "international" and body["time_zone"] == "Asia/Ho_Chi_Minh"
    assert {h["weekday"] for h in body["hours"]} == set(range(7))
    assert (
        body["exceptions"][0]["reason"] == "Tết Nguyên đán 2027" and body["exceptions"][0]["is_illustrative"]
    )
    assert ["081090", "080390", "080450"] in [g["hs_codes"] for g in body["goods"]]
    assert {a["kind"] for a in body["advisories"]} == {"congestion", "rule_change"}
    assert client_for().get("/api/border/gates/bg-nowhere").status_code == 404


def test_api_corridors_and_logistics(demo):
    client = client_for()
    corridors = client.get("/api/border/corridors").json()
    kunming = next(c for c in corridors if c["slug"] == "kunming-laocai-hanoi-haiphong-quangninh")
    assert kunming["gates"] == [CODE] and len(kunming["nodes"]) == 5
    assert client.get("/api/border/corridors/nowhere").status_code == 404
    rows = client.get(f"/api/border/logistics?gate={CODE}&kind=warehouse").json()
    assert [r["organization"] for r in rows] == ["demo-vn-laocai-logistics"]
    assert client.get("/api/border/logistics?gate=bg-nowhere").status_code == 404


def test_api_staff_publish_and_end_an_advisory(demo, lao_officer):
    client = client_for(lao_officer)
    response = client.post(
        f"/api/border/gates/{CODE}/advisories",
        _advisory_data(kind="suspended"),
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["in_force"]
    assert client.get(f"/api/border/gates/{CODE}").json()["status"] == "suspended"
    advisory_id = response.json()["id"]
    ended = client.patch(
        f"/api/border/gates/{CODE}/advisories/{advisory_id}",
        {"ends_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert ended.status_code == 200
    patched = client.patch(f"/api/border/gates/{CODE}", {"lanes": 6}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["lanes"] == 6


def test_api_refuses_others_unknown_and_bad_input(demo, cn_member, outsider, vn_officer):
    url = f"/api/border/gates/{CODE}/advisories"
    count = Advisory.objects.count()
    assert client_for().post(url, _advisory_data(), content_type="application/json").status_code == 401
    for user in (cn_member, outsider):
        assert (
            client_for(user).post(url, _advisory_data(), content_type="application/json").status_code == 403
        )
        assert (
            client_for(user)
            .patch(f"/api/border/gates/{CODE}", {"status": "closed"}, content_type="application/json")
            .status_code
            == 403
        )
    staff = client_for(vn_officer)
    assert (
        staff.post(
            "/api/border/gates/bg-nowhere/advisories", _advisory_data(), content_type="application/json"
        ).status_code
        == 404
    )
    bad = staff.post(url, _advisory_data(kind="flooded"), content_type="application/json")
    assert bad.status_code == 422 and "kind" in bad.json()["fields"]
    assert (
        staff.patch(
            f"/api/border/gates/{CODE}", {"status": "shut"}, content_type="application/json"
        ).status_code
        == 422
    )
    assert (
        staff.post(
            "/api/border/gates", {"zone": CODE, "level": "main"}, content_type="application/json"
        ).status_code
        == 422
    )  # the zone has its gate
    demo.refresh_from_db()
    assert Advisory.objects.count() == count and demo.status == "open"


# --- queries and demo -------------------------------------------------------------------------


def test_admitting_gates_cover_listed_codes_and_gates_without_a_list(demo, vn_officer):
    boten = Gate.objects.get(zone__code="bg-boten-mohan")
    services.do_add_permitted_goods(boten, actor=vn_officer, hs_codes=["2523"], label="Cement")
    admitting = set(services.admitting_gates("081090").values_list("zone__code", flat=True))
    assert CODE in admitting and "bg-cautreo-namphao" in admitting and "bg-boten-mohan" not in admitting
    assert CODE in set(services.admitting_gates("08").values_list("zone__code", flat=True))
    assert CODE not in set(services.admitting_gates("2523").values_list("zone__code", flat=True))


def test_gates_on_corridor_in_node_order(demo):
    corridor = Corridor.objects.get(slug="vientiane-cautreo-vungang")
    assert [g.zone.code for g in services.gates_on_corridor(corridor)] == ["bg-cautreo-namphao"]


def test_border_demo_is_idempotent_and_labelled(demo):
    counts = (
        Gate.objects.count(),
        Corridor.objects.count(),
        LogisticsService.objects.count(),
        Pilot.objects.filter(kind="border").count(),
        demo.crossings.count(),
        Advisory.objects.count(),
    )
    do_load_border_gates_demo()
    assert counts == (
        Gate.objects.count(),
        Corridor.objects.count(),
        LogisticsService.objects.count(),
        Pilot.objects.filter(kind="border").count(),
        demo.crossings.count(),
        Advisory.objects.count(),
    )
    assert not demo.crossings.filter(is_illustrative=False).exists()
    assert Pilot.objects.get(slug="laocai-hekou-smart-gate").zone == demo.zone
    assert Gate.objects.exclude(zone__code=CODE).filter(is_illustrative=False).count() == 0
