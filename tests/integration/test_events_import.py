"""Organisers register a delegation list imported through the registry."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tradebridge.events import services
from tradebridge.events.models import Event, Registration
from tradebridge.registry import imports

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


OPEN_EVENT = "demo-hanoi-vientiane-kunming-b2b-2027"
LIST = (
    "Tên doanh nghiệp,Quốc gia,Tỉnh,Điện thoại,Sản phẩm cung cấp\n"
    "Công ty TNHH Gừng Việt Thử,Việt Nam,Hà Nội,+84 24 3888 0199,gừng tươi\n"
    "Làng lụa Vạn Phúc,Việt Nam,Hà Nội,,lụa tơ tằm\n"
)


def test_a_committed_import_is_registered_at_a_venue(vn_officer):
    batch = imports.do_preview_import(LIST.encode(), "delegation.csv", actor=vn_officer)
    event = Event.objects.get(slug=OPEN_EVENT)
    with pytest.raises(ValidationError, match="not committed"):
        services.do_register_import(event, batch, venue=event.main_venue, actor=vn_officer)
    imports.do_commit_import(batch, actor=vn_officer)
    batch.refresh_from_db()
    names = [o.name for o in services.organizations_of_import(batch)]
    assert names == ["Công ty TNHH Gừng Việt Thử", "Làng lụa Vạn Phúc"]
    client = Client()
    client.force_login(vn_officer)
    client.post(reverse("events:registrations_import", args=[OPEN_EVENT]),
                {"batch": batch.pk, "venue": event.main_venue.pk})
    registered = Registration.objects.filter(event=event, organization__name__in=names)
    assert registered.count() == 2 and all(r.venue == event.main_venue for r in registered)


def test_a_full_event_refuses_the_whole_import(vn_officer):
    batch = imports.do_preview_import(LIST.encode(), "delegation.csv", actor=vn_officer)
    imports.do_commit_import(batch, actor=vn_officer)
    batch.refresh_from_db()
    event = Event.objects.get(slug=OPEN_EVENT)
    event.capacity = event.registrations.count() + 1
    event.save()
    with pytest.raises(ValidationError, match="Van Phuc silk village.*full"):
        services.do_register_import(event, batch, venue=event.main_venue, actor=vn_officer)
    assert event.registrations.count() == event.capacity - 1
