"""Date-times typed in the event's time zone come back in the same zone (UTC+7 and UTC+8); the
venue's time zone is chosen from the IANA list ("GMT+8" refused, naming the place to choose); the
province must be in the venue's country; organisers are ticked in a searchable list."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.personas import client_for
from tradebridge.events.forms import EventForm, VenueForm
from tradebridge.events.models import Event
from tradebridge.geo.models import Country, Province

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

OPEN_EVENT = "demo-hanoi-vientiane-kunming-b2b-2027"  # organised by Hanoi; main venue Hà Nội
UTC = dt.UTC


def event_post(event: Event, **changes) -> dict:
    """What the set-up page's event form posts unchanged, with `changes`."""
    form = EventForm(instance=event, initial={"organizers": list(event.organizers.all())}, prefix="event")
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list):
            value = [getattr(v, "pk", v) for v in value]
        data[field.html_name] = "" if value is None else value
    data.update({f"event-{k}": v for k, v in changes.items()})
    return data


def deadline_input(html: str) -> str:
    return re.search(r'name="event-registration_deadline" value="([^"]*)"', html).group(1)


@pytest.mark.parametrize(("main", "zone", "utc_hour"), [
    ("hanoi", "Asia/Ho_Chi_Minh", 10),   # UTC+7
    ("kunming", "Asia/Shanghai", 9),     # UTC+8
])
def test_deadline_round_trip_in_the_main_venues_zone(vn_officer, main, zone, utc_hour):
    event = Event.objects.get(slug=OPEN_EVENT)
    event.venues.update(is_main=False)
    event.venues.filter(code=main).update(is_main=True)
    client = client_for(vn_officer)
    response = client.post(reverse("events:setup_event", args=[event.slug]),
                           event_post(event, registration_deadline="2027-05-10T17:00"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.registration_deadline == dt.datetime(2027, 5, 10, utc_hour, 0, tzinfo=UTC)
    setup_page = client.get(reverse("events:setup", args=[event.slug])).content.decode()
    assert deadline_input(setup_page) == "2027-05-10T17:00"
    assert zone in setup_page
    detail = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert f"2027-05-10 17:00 ({zone})" in detail


@pytest.mark.parametrize(("zone", "utc_hour"), [("Asia/Vientiane", 10), ("Asia/Shanghai", 9)])
def test_a_new_event_reads_the_deadline_in_the_zone_chosen(vn_officer, zone, utc_hour):
    client = client_for(vn_officer)
    page = client.get(reverse("events:new")).content.decode()
    assert 'value="Asia/Ho_Chi_Minh"' in page  # the officer's country's zone is suggested
    response = client.post(reverse("events:new"), {
        "kind": "conference", "primary_language": "vi", "title_vi": f"Hội nghị {zone}",
        "starts_on": "2027-06-01", "ends_on": "2027-06-02", "max_requests": 10,
        "registration_deadline": "2027-05-10T17:00", "deadline_zone": zone,
        "organizers": [vn_officer.organization.pk]})
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title_vi=f"Hội nghị {zone}")
    assert event.registration_deadline == dt.datetime(2027, 5, 10, utc_hour, 0, tzinfo=UTC)


def test_an_offset_is_refused_naming_the_zone_to_choose():
    china = Country.objects.get(alpha3="CHN")
    form = VenueForm({"name": "Côn Minh", "country": china.pk, "time_zone": "GMT+8", "tables": 1, "booths": 0})
    assert not form.is_valid()
    assert form.errors["time_zone"] == [
        "“GMT+8” is an offset, not a time zone: choose the place, e.g. Asia/Shanghai (UTC+8)."]
    unknown = VenueForm({"name": "x", "country": china.pk, "time_zone": "Kunming", "tables": 1, "booths": 0})
    assert not unknown.is_valid() and "Asia/Shanghai" in unknown.errors["time_zone"][0]
    good = VenueForm({"name": "x", "country": china.pk, "time_zone": "Asia/Shanghai", "tables": 1, "booths": 0})
    assert good.is_valid(), good.errors


def test_the_province_must_be_in_the_venues_country():
    vietnam = Country.objects.get(alpha3="VNM")
    yunnan = Province.objects.get(code="CN-YN")
    form = VenueForm({"name": "x", "country": vietnam.pk, "province": yunnan.pk,
                      "time_zone": "Asia/Ho_Chi_Minh", "tables": 1, "booths": 0})
    assert not form.is_valid() and "province" in form.errors


def test_setup_page_lists_zones_provinces_by_country_and_searchable_organisers(vn_officer):
    event = Event.objects.get(slug=OPEN_EVENT)
    html = client_for(vn_officer).get(reverse("events:setup", args=[event.slug])).content.decode()
    assert 'data-provinces="id_venue-province"' in html and 'data-zone-input="id_venue-time_zone"' in html
    vietnam = Country.objects.get(alpha3="VNM")
    assert f'value="{vietnam.pk}" data-zone="Asia/Ho_Chi_Minh"' in html
    hanoi = Province.objects.get(code="VN-HN")
    assert f'value="{hanoi.pk}" data-country="{vietnam.pk}"' in html
    zones = re.search(r'<datalist id="id_venue-time_zone-list">(.*?)</datalist>', html).group(1)
    listed = re.findall(r'<option value="([^"]+)">', zones)
    assert listed[0] == "Asia/Ho_Chi_Minh" and "Europe/Paris" in listed and "GMT+8" not in listed
    assert 'type="checkbox" name="event-organizers"' in html and 'data-filter-list="id_event-organizers"' in html
    assert "tradebridge/forms.js" in html
