"""Organisers edit and archive venues, sector rooms and meeting days; archiving is refused,
naming what depends, while participants or meetings rely on the item."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.personas import client_for
from tradebridge.events import services, setup
from tradebridge.events.models import Event, MeetingDay, SectorRoom, Venue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]

OPEN_EVENT = "demo-hanoi-vientiane-kunming-b2b-2027"  # organised by Hanoi; no meetings yet
HYBRID = "laocai-export-conference-2021"  # published, with meetings


def item_url(event, kind, pk):
    return reverse("events:setup_item", args=[event.slug, kind, pk])


def archive_url(event, kind, pk):
    return reverse("events:setup_item_archive", args=[event.slug, kind, pk])


def test_only_organisers_edit_or_archive(vn_officer, lao_officer, cn_member, outsider):
    event = Event.objects.get(slug=OPEN_EVENT)
    venue = event.venues.get(code="kunming")
    page = item_url(event, "venue", venue.pk)
    for user in (cn_member, outsider):
        assert client_for(user).get(page).status_code == 403
        assert client_for(user).post(archive_url(event, "venue", venue.pk)).status_code == 403
    talks = Event.objects.get(slug="laocai-honghe-talks-2024")
    assert client_for(vn_officer).get(item_url(talks, "venue", talks.venues.first().pk)).status_code == 403
    assert client_for(vn_officer).get(item_url(event, "nothing", venue.pk)).status_code == 404
    assert client_for(vn_officer).get(page).status_code == 200
    assert Venue.objects.filter(pk=venue.pk).exists()


def test_organiser_edits_a_venue_and_archiving_names_who_depends(vn_officer):
    event = Event.objects.get(slug=OPEN_EVENT)
    venue = event.venues.get(code="kunming")
    client = client_for(vn_officer)
    page = item_url(event, "venue", venue.pk)
    response = client.post(page, {"name": "Kunming hall", "country": venue.country_id,
                                  "time_zone": "Asia/Shanghai", "tables": 2, "booths": 5})
    assert response.status_code == 302
    venue.refresh_from_db()
    assert (venue.name, venue.tables, venue.booths) == ("Kunming hall", 2, 5)
    assert venue.history.first().history_change_reason.startswith("edited name")
    refused = client.post(archive_url(event, "venue", venue.pk))
    assert refused.status_code == 400
    assert "participants registered there" in refused.content.decode()
    assert venue.registrations.first().organization.display_name in refused.content.decode()
    assert event.venues.active().filter(pk=venue.pk).exists()


def test_an_unused_venue_is_archived_and_its_code_freed(vn_officer):
    event = Event.objects.get(slug=OPEN_EVENT)
    venue = services.do_add_venue(event, actor=vn_officer, code="spare", name="Spare hall",
                                  country=event.main_venue.country, time_zone="Asia/Ho_Chi_Minh", tables=1)
    assert client_for(vn_officer).post(archive_url(event, "venue", venue.pk)).status_code == 302
    assert not event.venues.active().filter(pk=venue.pk).exists()
    assert Venue.objects.get(pk=venue.pk).archived_at is not None
    services.do_add_venue(event, actor=vn_officer, code="spare", name="Spare hall 2",
                          country=event.main_venue.country, time_zone="Asia/Ho_Chi_Minh", tables=1)


def test_fewer_tables_than_meetings_use_is_refused(administrator):
    event = Event.objects.get(slug=HYBRID)
    venue = event.venues.get(code="laocai")
    with pytest.raises(ValidationError, match="already has more meetings than that in slot"):
        setup.do_update_venue(venue, {"tables": 0}, actor=administrator)
    with pytest.raises(ValidationError, match="meetings there"):
        setup.do_archive_venue(event.venues.get(code="hangzhou"), actor=administrator)


def test_sector_room_edit_and_archive(administrator):
    event = Event.objects.get(slug=HYBRID)
    chosen = SectorRoom.objects.filter(event=event, registrations__status="registered").first()
    with pytest.raises(ValidationError, match="participants chose it"):
        setup.do_archive_sector_room(chosen, actor=administrator)
    client = client_for(administrator)
    response = client.post(item_url(event, "room", chosen.pk), {"name": "Farm produce",
                                                                "chapters": "07, 08", "online_link": ""})
    assert response.status_code == 302
    chosen.refresh_from_db()
    assert (chosen.name, chosen.hs_chapters) == ("Farm produce", ["07", "08"])
    spare = services.do_add_sector_room(event, actor=administrator, name="Spare room")
    assert client.post(archive_url(event, "room", spare.pk)).status_code == 302
    assert not event.rooms.active().filter(pk=spare.pk).exists()


def test_a_day_with_meetings_is_neither_changed_nor_archived(administrator):
    event = Event.objects.get(slug=HYBRID)
    day = event.days.first()
    slots = event.slots.count()
    with pytest.raises(ValidationError, match="meetings sit in its slots"):
        setup.do_update_meeting_day(day, {"end_time": time(17, 0)}, actor=administrator)
    with pytest.raises(ValidationError, match="cannot be archived: meetings sit in its slots"):
        setup.do_archive_meeting_day(day, actor=administrator)
    with pytest.raises(ValidationError, match="already has meetings"):
        services.do_generate_slots(event)
    assert event.slots.count() == slots and event.days.active().filter(pk=day.pk).exists()


def test_a_day_without_meetings_is_edited_archived_and_added_again(vn_officer):
    event = Event.objects.get(slug=OPEN_EVENT)
    day = event.days.first()
    assert day.slots.count() == 6  # 08:30–12:00 by 30 minutes, a pause 10:00–10:30
    client = client_for(vn_officer)
    response = client.post(item_url(event, "day", day.pk), {
        "date": day.date.isoformat(), "start_time": "08:00", "end_time": "12:00",
        "slot_minutes": 30, "pauses": "10:00-10:30"})
    assert response.status_code == 302
    assert day.slots.count() == 7
    assert client.post(archive_url(event, "day", day.pk)).status_code == 302
    assert not event.days.active().exists() and not event.slots.exists()
    again = services.do_add_meeting_day(event, actor=vn_officer, date=day.date, start_time=time(9, 0),
                                        end_time=time(10, 0))
    assert again.pk == day.pk and MeetingDay.objects.filter(event=event).count() == 1


def test_the_status_drop_down_cannot_publish_silently(vn_officer, mailoutbox):
    """Publishing goes only through the schedule page's button, which mails the agendas."""
    event = Event.objects.get(slug=OPEN_EVENT)
    client = client_for(vn_officer)
    page = client.get(reverse("events:setup", args=[OPEN_EVENT])).content.decode()
    status_form = page.split('name="status"')[1].split("</select>")[0]
    assert 'value="open"' in status_form and 'value="published"' not in status_form
    assert reverse("events:schedule", args=[OPEN_EVENT]) in page
    response = client.post(reverse("events:setup_status", args=[OPEN_EVENT]), {"status": "published"})
    assert response.status_code == 400
    assert "Publish the schedule with the button on the schedule page" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.OPEN and mailoutbox == []
    assert not event.history.filter(status=Event.Status.PUBLISHED).exists()
    # The other statuses still change from here.
    assert client.post(reverse("events:setup_status", args=[OPEN_EVENT]), {"status": "closed"}).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CLOSED
