"""Agreements linked to the events app: the demo links, the register's event filter and facet,
the form, the API and the migration that maps the old text labels."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from tests.personas import client_for
from tradebridge.agreements import queries, services
from tradebridge.agreements.models import Agreement
from tradebridge.bootstrap.demo_agreements import CONFERENCE_EVENT, MISSION_EVENT, TALKS_EVENT
from tradebridge.events.models import Event
from tradebridge.registry.models import Organization

pytestmark = pytest.mark.django_db
D = dt.date


def record(actor, **fields):
    values = {"level": "agency", "kind": "mou", "title": "Event MOU", "category": "logistics",
              "signed_on": D(2024, 3, 1), **fields}
    return services.do_create_agreement(
        actor=actor, parties=[services.PartyIn(Organization.objects.get(slug=s)) for s in ("hanoi-doit", "laocai-doit")],
        **values)


def test_demo_links_the_conference_mous_to_the_conference_within_the_mission():
    conference = Event.objects.get(slug=CONFERENCE_EVENT)
    assert conference.agreements.filter(demo_key__startswith="vientiane-2023-mou-").count() == 12
    assert conference.part_of.slug == MISSION_EVENT
    # The Lào Cai–Honghe talks were talks: no agreement is recorded as signed there.
    assert not Event.objects.get(slug=TALKS_EVENT).agreements.active().exists()
    mission = Agreement.objects.get(demo_key="hanoi-mission-2023-13th")
    assert mission.event.slug == MISSION_EVENT and mission.event_label == ""
    assert mission.event_key == MISSION_EVENT and mission.event_name == mission.event.title


def test_event_filter_and_facet_take_slugs_and_labels():
    visible = Agreement.objects.active()
    by_mission = queries.filter_register(visible, queries.RegisterFilters(event=MISSION_EVENT))
    assert by_mission.count() == 13 and by_mission.filter(demo_key="hanoi-mission-2023-13th").exists()
    labelled = record(None, event_label="A fair the system does not hold")
    by_label = queries.filter_register(Agreement.objects.active(), queries.RegisterFilters(event=labelled.event_label))
    assert list(by_label) == [labelled]
    facet = queries.facet_counts(visible)["event"]
    conference = Event.objects.get(slug=CONFERENCE_EVENT)
    mission = Event.objects.get(slug=MISSION_EVENT)
    assert (CONFERENCE_EVENT, conference.title, 12) in facet
    assert (MISSION_EVENT, mission.title, 13) in facet


def test_agreements_signed_at_respects_visibility(vn_officer, outsider):
    event = Event.objects.get(slug="laocai-honghe-talks-2024")
    private = record(vn_officer, event=event, visibility="private", title="Private talks MOU")
    public = record(vn_officer, event=event, title="Public talks MOU")
    assert private in queries.agreements_signed_at(event, vn_officer)
    seen = list(queries.agreements_signed_at(event, outsider))
    assert private not in seen and seen == [public]


def test_register_page_lists_the_event_by_title_and_detail_links_it():
    client = client_for()
    page = client.get("/agreements/").content.decode()
    title_en = Event.objects.get(slug=CONFERENCE_EVENT).title_en
    with_title = client.get("/agreements/", {"event": CONFERENCE_EVENT}).content.decode()
    assert f"?event={CONFERENCE_EVENT}" in page and "12 = 3 + 8 + 1" in with_title
    mou = Agreement.objects.get(demo_key="vientiane-2023-mou-01")
    detail = client.get(f"/agreements/{mou.pk}/").content.decode()
    assert f"/events/{CONFERENCE_EVENT}/" in detail and title_en in detail


def test_form_offers_published_events_and_saves_the_link(vn_officer):
    client = client_for(vn_officer)
    page = client.get("/agreements/new/", {"event": CONFERENCE_EVENT}).content.decode()
    assert f'value="{CONFERENCE_EVENT}" selected' in page
    draft = Event.objects.filter(status=Event.Status.DRAFT).first()
    if draft is not None:
        assert f'value="{draft.slug}"' not in page


def test_api_reads_and_writes_the_event_slug(vn_officer):
    client = client_for(vn_officer)
    body = {"level": "agency", "title": "API event MOU", "category": "logistics", "signed_on": "2024-02-01",
            "event": "laocai-honghe-talks-2024", "parties": [{"organization": "hanoi-doit"},
                                                             {"organization": "laocai-doit"}]}
    created = client.post("/api/agreements", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["event"] == "laocai-honghe-talks-2024"
    pk = created.json()["id"]
    bad = client.patch(f"/api/agreements/{pk}", {"event": "no-such-event"}, content_type="application/json")
    assert bad.status_code == 422 and "event" in bad.json()["message"]
    assert Agreement.objects.get(pk=pk).event.slug == "laocai-honghe-talks-2024"
    unlinked = client.patch(f"/api/agreements/{pk}", {"event": None, "event_label": "Another fair"},
                            content_type="application/json")
    assert unlinked.status_code == 200 and unlinked.json()["event"] is None
    assert unlinked.json()["event_label"] == "Another fair"
    listed = client.get("/api/agreements", {"event": CONFERENCE_EVENT}).json()
    assert len(listed) == 12 and {a["event"] for a in listed} == {CONFERENCE_EVENT}


def test_migration_links_labels_that_name_a_known_event(vn_officer):
    migration = importlib.import_module("tradebridge.agreements.migrations.0002_agreement_event")
    event = Event.objects.get(slug=CONFERENCE_EVENT)
    spaced = record(vn_officer, event_label=event.title_vi.replace(" – ", "–").upper())
    unknown = record(vn_officer, event_label="A fair the system does not hold")
    migration.link_labels(apps, None)
    spaced.refresh_from_db()
    unknown.refresh_from_db()
    assert spaced.event == event and spaced.event_label == ""
    assert unknown.event is None and unknown.event_label == "A fair the system does not hold"


def test_periodic_report_names_the_event_in_the_report_language():
    from tradebridge.agreements import reports

    filters = queries.RegisterFilters(event=CONFERENCE_EVENT)
    found = queries.filter_register(Agreement.objects.active(), filters)
    html = reports.periodic_report_html(found, filters, today=D(2026, 11, 23), language="lo")
    assert Event.objects.get(slug=CONFERENCE_EVENT).title_lo in html


def test_event_page_links_to_the_agreements_signed_there():
    client = client_for()
    page = client.get(f"/events/{CONFERENCE_EVENT}/").content.decode()
    link = f'/agreements/?event={CONFERENCE_EVENT}'
    assert f'href="{link}" data-testid="event-agreements"' in page
    register = client.get(link)
    assert register.status_code == 200
    public = list(queries.agreements_signed_at(Event.objects.get(slug=CONFERENCE_EVENT), AnonymousUser()))
    assert len(public) == 12  # the conference's MOUs = 3 + 8 + 1
    assert all(f"/agreements/{a.pk}/" in register.content.decode() for a in public)
