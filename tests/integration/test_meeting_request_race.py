"""A→B and B→A sent at the same moment: one request wins, the other gets a clear answer, and
nothing deadlocks (issue 16, item 3).

On PostgreSQL the two requests really race, each in its own thread and database connection.
Those connections must see the rows, so the small world they use (a country, two organisations,
an event) is committed by a helper thread and deleted afterwards, instead of flushing the shared
reference and demo data as a transactional test would. SQLite's shared in-memory test database
cannot hold two writers at once: there the two requests run one after the other inside the
test's transaction, and the test checks the same outcome."""

from __future__ import annotations

import threading
import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from tests.threads import in_thread
from tradebridge.events import services
from tradebridge.events.models import Event, MeetingRequest, Registration, Venue
from tradebridge.geo.models import Country
from tradebridge.registry.models import Organization

pytestmark = pytest.mark.django_db
ROUNDS = 4
RACING = connection.vendor == "postgresql"


def _make_world(tag: str) -> list[Registration]:
    # A user-assigned ISO code, so that it cannot clash with a real country of the reference data.
    country = Country.objects.create(alpha2="XR", alpha3="XXR",
                                     name_en=f"Race land {tag}")
    event = Event.objects.create(slug=f"race-{tag}", kind=Event.Kind.FAIR, primary_language="en",
                                 title_en="Race fair", starts_on=date(2030, 5, 1), ends_on=date(2030, 5, 1),
                                 status=Event.Status.OPEN)
    venue = Venue.objects.create(event=event, code="main", name="Hall", is_main=True, country=country,
                                 time_zone="Asia/Ho_Chi_Minh", tables=5)
    registrations = []
    for name in ("North", "South"):
        organization = Organization.objects.create(
            slug=f"race-{name.lower()}-{tag}", kind=Organization.Kind.ENTERPRISE,
            name=f"{name} Trading {tag}", country=country)
        registrations.append(Registration.objects.create(event=event, organization=organization, venue=venue))
    return registrations


def _remove_world(registrations: list[Registration]) -> None:
    event_id = registrations[0].event_id
    organizations = [r.organization_id for r in registrations]
    country_id = registrations[0].organization.country_id
    MeetingRequest.history.filter(event_id=event_id).delete()
    MeetingRequest.objects.filter(event_id=event_id).delete()
    Registration.objects.filter(event_id=event_id).delete()
    Event.objects.filter(pk=event_id).delete()
    Registration.history.filter(event_id=event_id).delete()
    Organization.history.filter(id__in=organizations).delete()
    Organization.objects.filter(pk__in=organizations).delete()
    Country.objects.filter(pk=country_id).delete()


@pytest.fixture
def pair():
    """Two registrations of one open event: committed where the requests race."""
    tag = uuid.uuid4().hex[:8]
    if not RACING:
        yield _make_world(tag)
        return
    registrations = in_thread(lambda: _make_world(tag))
    try:
        yield registrations
    finally:
        in_thread(lambda: _remove_world(registrations))


def _send(sender: Registration, recipient: Registration, outcome: dict, start: threading.Barrier | None):
    try:
        if start is not None:
            start.wait(timeout=10)
        with translation.override("en"):
            outcome[sender.pk] = services.do_send_meeting_request(sender, recipient, actor=None)
    except Exception as exc:  # a refusal, or a deadlock or other server error: the test judges it
        outcome[sender.pk] = exc
    finally:
        if start is not None:
            connections.close_all()  # this thread's connection


def _crosswise(a: Registration, b: Registration) -> dict:
    outcome: dict = {}
    if RACING:
        start = threading.Barrier(2)
        threads = [threading.Thread(target=_send, args=(x, y, outcome, start)) for x, y in ((a, b), (b, a))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    else:
        _send(a, b, outcome, None)
        _send(b, a, outcome, None)
    return outcome


def _open_requests(event_id: int) -> list[MeetingRequest]:
    return list(MeetingRequest.objects.filter(event_id=event_id, status__in=MeetingRequest.OPEN_STATUSES))


def test_crosswise_requests_one_wins_the_other_is_told(pair):
    a, b = pair
    names = {a.pk: a.organization.name, b.pk: b.organization.name}
    query = (lambda fn: in_thread(fn)) if RACING else (lambda fn: fn())
    for _round in range(ROUNDS):
        outcome = _crosswise(a, b)
        winners = [pk for pk, result in outcome.items() if isinstance(result, MeetingRequest)]
        refused = [result for result in outcome.values() if not isinstance(result, MeetingRequest)]
        assert len(winners) == 1 and len(refused) == 1, outcome
        assert isinstance(refused[0], ValidationError), repr(refused[0])
        message = " ".join(refused[0].messages)
        # The loser hears that the other side asked first, and that it can accept that request.
        assert names[winners[0]] in message and "accept" in message.lower(), message
        still_open = query(lambda: _open_requests(a.event_id))
        assert [r.sender_id for r in still_open] == winners
        query(lambda request=still_open[0]: services.do_cancel_request(request, actor=None))
