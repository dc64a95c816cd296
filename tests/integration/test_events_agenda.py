"""Agendas in each participant's own time zone, the partner's local time across the border,
the ICS download, and who may see which agenda."""

import pytest
from django.urls import reverse

from tests.personas import client_for
from tradebridge.events.models import Event, Meeting, Registration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


HYBRID = "laocai-export-conference-2021"


def own_meeting(user):
    registration = Registration.objects.get(event__slug=HYBRID, organization=user.organization)
    return registration, Meeting.objects.get(request__sender=registration)


def test_agenda_in_own_time_zone_with_partner_local_time(cn_member):
    registration, meeting = own_meeting(cn_member)
    assert registration.venue.time_zone == "Asia/Shanghai" and meeting.mode == Meeting.Mode.ONLINE
    page = client_for(cn_member).get(reverse("events:agenda", args=[HYBRID])).content.decode()
    start = meeting.slot.starts_at
    shanghai = f"{(start.hour + 8) % 24:02d}:{start.minute:02d}"
    hanoi = f"{(start.hour + 7) % 24:02d}:{start.minute:02d}"
    assert "Asia/Shanghai" in page and shanghai in page
    assert f"{hanoi}" in page and "(Asia/Ho_Chi_Minh)" in page
    assert f"tradebridge-{meeting.room_token}" in page


def test_ics_download(cn_member):
    _registration, meeting = own_meeting(cn_member)
    response = client_for(cn_member).get(reverse("events:agenda_ics", args=[HYBRID]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert f"DTSTART:{meeting.slot.starts_at:%Y%m%dT%H%M%S}Z" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert body.count("BEGIN:VEVENT") == Meeting.objects.filter(request__sender__organization=cn_member.organization,
                                                                event__slug=HYBRID).count()


def test_a_participant_sees_only_its_own_agenda(cn_member):
    other = Registration.objects.filter(event__slug=HYBRID).exclude(organization=cn_member.organization).first()
    client = client_for(cn_member)
    for name in ("events:agenda", "events:agenda_ics"):
        assert client.get(reverse(name, args=[HYBRID]) + f"?participant={other.pk}").status_code == 404


def test_agenda_waits_for_the_published_schedule(cn_member):
    event = Event.objects.get(slug="demo-hanoi-vientiane-kunming-b2b-2027")
    assert event.status == Event.Status.OPEN
    assert client_for(cn_member).get(reverse("events:agenda", args=[event.slug])).status_code == 403


def test_organisers_see_any_participants_agenda(administrator, lao_officer):
    registration = Registration.objects.filter(event__slug=HYBRID).first()
    url = reverse("events:agenda", args=[HYBRID]) + f"?participant={registration.pk}"
    assert client_for(administrator).get(url).status_code == 200
    assert client_for(lao_officer).get(url).status_code == 403  # not an organiser of this event


def test_printable_pdf_agenda(cn_member):
    response = client_for(cn_member).get(reverse("events:agenda_pdf", args=[HYBRID]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
