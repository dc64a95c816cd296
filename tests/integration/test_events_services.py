"""Event set-up, registration and meeting requests through the services, and the demo events."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories.registry import org
from tradebridge.bootstrap.demo_events import do_load_events_demo
from tradebridge.events import services
from tradebridge.events.models import Event, MeetingRequest, Registration, Slot
from tradebridge.geo.models import Country, Province

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


@pytest.fixture
def event(vn_officer):
    event = services.do_create_event(
        actor=vn_officer, organizers=[org("hanoi-doit")], kind=Event.Kind.FAIR, title_vi="Hội chợ thử",
        starts_on=date(2030, 5, 1), ends_on=date(2030, 5, 2), capacity=3, max_requests=2)
    services.do_add_venue(event, actor=vn_officer, name="Hà Nội", is_main=True,
                          country=Country.objects.get(alpha3="VNM"), province=Province.objects.get(code="VN-HN"),
                          time_zone="Asia/Ho_Chi_Minh", tables=5, booths=2)
    services.do_add_venue(event, actor=vn_officer, name="Kunming", country=Country.objects.get(alpha3="CHN"),
                          time_zone="Asia/Shanghai", tables=0, booths=2)
    services.do_add_meeting_day(event, actor=vn_officer, date=date(2030, 5, 1), start_time=time(9, 0),
                                end_time=time(10, 0), slot_minutes=20)
    services.do_generate_slots(event)
    services.do_set_event_status(event, Event.Status.OPEN, actor=vn_officer)
    return event


def register(event, slug, venue_code=None, **extra):
    venue = event.venues.get(code=venue_code) if venue_code else event.main_venue
    return services.do_register_organization(event, org(slug), actor=None, venue=venue,
                                             delegates=[{"name": "A. Delegate", "role": "CEO"}], **extra)


def test_slots_come_from_the_meeting_days_in_the_main_venues_zone(event):
    slots = list(event.slots.all())
    assert [s.code for s in slots] == ["s001", "s002", "s003"]
    assert slots[0].starts_at.isoformat() == "2030-05-01T02:00:00+00:00"


def test_an_event_needs_an_agency_organiser_and_a_title_in_its_primary_language(vn_officer):
    with pytest.raises(ValidationError, match="Not an agency"):
        services.do_create_event(actor=vn_officer, organizers=[org("demo-vn-hanoi-silk")], kind="fair",
                                 title_vi="X", starts_on=date(2030, 1, 1), ends_on=date(2030, 1, 1))
    with pytest.raises(ValidationError) as caught:
        services.do_create_event(actor=vn_officer, organizers=[org("hanoi-doit")], kind="fair",
                                 primary_language="lo", title_vi="X", starts_on=date(2030, 1, 2),
                                 ends_on=date(2030, 1, 1))
    assert {"title_lo", "ends_on"} <= set(caught.value.message_dict)
    assert not Event.objects.filter(title_vi="X").exists()


def test_an_impossible_setup_is_named_and_refused(vn_officer):
    event = services.do_create_event(actor=vn_officer, organizers=[org("hanoi-doit")], kind="conference",
                                     title_en="Empty", primary_language="en", starts_on=date(2030, 1, 1),
                                     ends_on=date(2030, 1, 1))
    services.do_add_venue(event, actor=vn_officer, name="Empty hall", is_main=True,
                          country=Country.objects.get(alpha3="VNM"), time_zone="Asia/Ho_Chi_Minh")
    problems = services.setup_problems(event)
    assert any("Empty hall" in p and "no tables and no booths" in p for p in problems)
    assert any("no meeting day" in p for p in problems)
    with pytest.raises(ValidationError):
        services.do_set_event_status(event, Event.Status.OPEN, actor=vn_officer)
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    Registration.objects.create(event=event, organization=org("demo-vn-hanoi-silk"))
    assert any("is at no venue" in p for p in services.setup_problems(event))


def test_generating_slots_without_a_main_venue_names_the_event(vn_officer):
    event = services.do_create_event(actor=vn_officer, organizers=[org("hanoi-doit")], kind="conference",
                                     title_en="No venue", primary_language="en", starts_on=date(2030, 1, 1),
                                     ends_on=date(2030, 1, 1))
    with pytest.raises(ValidationError, match="No venue"):
        services.do_generate_slots(event)


def test_a_venue_needs_a_real_time_zone(event, vn_officer):
    with pytest.raises(ValidationError, match="IANA"):
        services.do_add_venue(event, actor=vn_officer, name="Nowhere", country=Country.objects.get(alpha3="LAO"),
                              time_zone="Mars/Olympus", tables=1)
    assert event.venues.count() == 2


def test_capacity_deadline_and_status_are_enforced(event):
    for slug in ("demo-vn-hanoi-silk", "demo-la-luangprabang-silk", "demo-cn-kunming-herbs"):
        register(event, slug)
    with pytest.raises(ValidationError, match="full"):
        register(event, "demo-vn-hanoi-spice")
    # Updating an existing registration is not a new place.
    register(event, "demo-vn-hanoi-silk", consent_to_contact=True)
    event.capacity, event.registration_deadline = None, timezone.now() - timedelta(hours=1)
    event.save()
    with pytest.raises(ValidationError, match="deadline"):
        register(event, "demo-vn-hanoi-spice")
    event.registration_deadline, event.status = None, Event.Status.CLOSED
    event.save()
    with pytest.raises(ValidationError, match="not open"):
        register(event, "demo-vn-hanoi-spice")
    assert not event.registrations.filter(organization__slug="demo-vn-hanoi-spice").exists()


def test_registration_checks_venue_slots_and_delegates(event):
    other = Event.objects.get(slug="laocai-export-conference-2021")
    with pytest.raises(ValidationError, match="not part of this event"):
        services.do_register_organization(event, org("demo-vn-hanoi-silk"), actor=None,
                                          venue=other.main_venue)
    with pytest.raises(ValidationError, match="Slots not of this event"):
        register(event, "demo-vn-hanoi-silk", available_slots=[other.slots.first()])
    with pytest.raises(ValidationError, match="Delegate 1 has no name"):
        services.do_register_organization(event, org("demo-vn-hanoi-silk"), actor=None,
                                          venue=event.main_venue, delegates=[{"name": " "}])
    registration = register(event, "demo-vn-hanoi-silk", available_slots=event.slots.all()[:2])
    assert registration.available_slots.count() == 2
    assert registration.history.count() == 1


def test_meeting_requests_keep_their_rules(event, cn_member):
    silk = register(event, "demo-vn-hanoi-silk")
    lao = register(event, "demo-la-luangprabang-silk")
    kunming = register(event, "demo-cn-kunming-herbs", venue_code="kunming")
    with pytest.raises(ValidationError, match="itself"):
        services.do_send_meeting_request(silk, silk, actor=None)
    first = services.do_send_meeting_request(silk, lao, actor=None, message="Tơ tằm?")
    with pytest.raises(ValidationError, match="already a meeting request"):
        services.do_send_meeting_request(lao, silk, actor=None)
    services.do_send_meeting_request(silk, kunming, actor=None)
    outsider_registration = Registration.objects.filter(event__slug="laocai-export-conference-2021").first()
    with pytest.raises(ValidationError, match="not registered for this event"):
        services.do_send_meeting_request(silk, outsider_registration, actor=None)
    services.do_accept_request(first, actor=None)
    with pytest.raises(ValidationError, match="already answered"):
        services.do_decline_request(first, actor=None)
    # The limit counts open requests: a third is refused, and a cancellation frees a place.
    spice = register(event, "demo-vn-hanoi-spice") if event.capacity is None else None
    assert spice is None
    event.capacity = None
    event.save()
    spice = register(event, "demo-vn-hanoi-spice")
    with pytest.raises(ValidationError, match="already sent 2 requests"):
        services.do_send_meeting_request(silk, spice, actor=None)
    services.do_cancel_request(first, actor=None)
    services.do_send_meeting_request(silk, spice, actor=None)
    assert MeetingRequest.objects.get(pk=first.pk).status == MeetingRequest.Status.CANCELLED


def test_cancelling_a_registration_withdraws_its_requests(event):
    silk = register(event, "demo-vn-hanoi-silk")
    lao = register(event, "demo-la-luangprabang-silk")
    request = services.do_send_meeting_request(lao, silk, actor=None)
    services.do_cancel_registration(silk, actor=None)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.CANCELLED
    with pytest.raises(ValidationError, match="not registered"):
        services.do_send_meeting_request(lao, silk, actor=None)


def test_regenerating_slots_is_refused_once_meetings_sit_in_them(event):
    from tradebridge.events.models import Meeting

    silk = register(event, "demo-vn-hanoi-silk")
    lao = register(event, "demo-la-luangprabang-silk")
    request = services.do_accept_request(services.do_send_meeting_request(lao, silk, actor=None), actor=None)
    meeting = Meeting.objects.create(event=event, request=request, slot=event.slots.first(), mode="table")
    assert len(meeting.room_token) >= 20
    with pytest.raises(ValidationError, match="already has meetings"):
        services.do_generate_slots(event)
    assert Slot.objects.filter(event=event).count() == 3
    services.do_cancel_request(request, actor=None)
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_demo_events_follow_the_seeds_and_reload_idempotently():
    conference = Event.objects.get(slug="laocai-export-conference-2021")
    assert conference.starts_on == date(2021, 1, 19)
    zones = dict(conference.venues.values_list("code", "time_zone"))
    # The main venue, the domestic bridge points (unnamed in the source) and the Hangzhou one.
    assert zones == {"laocai": "Asia/Ho_Chi_Minh", "domestic": "Asia/Ho_Chi_Minh", "hangzhou": "Asia/Shanghai"}
    assert conference.rooms.count() == 2
    assert conference.registrations.filter(venue__code="hangzhou").exists()
    assert conference.requests.filter(status="accepted", is_illustrative=True).count() >= 5
    vientiane = Event.objects.get(slug="hanoi-vientiane-craft-villages-2023")
    assert vientiane.main_venue.time_zone == "Asia/Vientiane"
    assert set(vientiane.organizers.values_list("slug", flat=True)) == {"hanoi-doit", "vientiane-doic"}
    talks = Event.objects.get(slug="laocai-honghe-talks-2024")
    assert talks.kind == Event.Kind.BILATERAL_TALKS and talks.starts_on == date(2024, 1, 29)
    before = (Event.objects.count(), Registration.objects.count(), MeetingRequest.objects.count(),
              Slot.objects.count(), Event.history.count())
    do_load_events_demo()
    assert before == (Event.objects.count(), Registration.objects.count(), MeetingRequest.objects.count(),
                      Slot.objects.count(), Event.history.count())
    # Events with meeting days can be scheduled; the mission, the July 2023 conference and the study
    # tour of seed 001 had no matchmaking and have none.
    assert all(not services.setup_problems(e) for e in Event.objects.exclude(days=None))
