"""Event pages and who may do what on them (personas of tests/personas.py)."""

import pytest
from django.urls import reverse

from tests.personas import client_for
from tradebridge.events import services
from tradebridge.events.models import Event, MeetingRequest, Registration
from tradebridge.registry.models import Organization

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


OPEN_EVENT = "demo-hanoi-vientiane-kunming-b2b-2027"
HYBRID = "laocai-export-conference-2021"


def url(name, *args):
    return reverse(f"events:{name}", args=args)


@pytest.mark.parametrize("language, title", [
    ("lo", "ການພົບປະທຸລະກິດ ຮ່າໂນ້ຍ"), ("zh-hans", "河内–万象–昆明"), ("vi", "Gặp gỡ giao thương"),
    ("en", "Hanoi–Vientiane–Kunming"),
])
def test_event_list_and_page_in_every_language(language, title):
    client = client_for(language=language)
    listing = client.get(url("list"))
    assert listing.status_code == 200 and title in listing.content.decode()
    page = client.get(url("detail", OPEN_EVENT)).content.decode()
    assert f'<html lang="{language}">' in page and title in page


def test_hybrid_event_shows_each_venue_in_its_own_time_zone():
    page = client_for().get(url("detail", HYBRID)).content.decode()
    assert "Asia/Shanghai" in page and "Asia/Ho_Chi_Minh" in page
    # The first slot: 08:00 in Lào Cai is 09:00 in Hangzhou.
    assert "08:00–08:20" in page and "09:00–09:20" in page
    assert "Agriculture and food" in page and "illustrative" in page


def test_a_draft_event_is_hidden_from_the_public(vn_officer):
    event = Event.objects.create(slug="draft-x", kind="fair", title_en="Secret fair", primary_language="en",
                                 starts_on="2030-01-01", ends_on="2030-01-01")
    event.organizers.add(Organization.objects.get(slug="hanoi-doit"))
    assert client_for().get(url("detail", "draft-x")).status_code == 404
    assert "Secret fair" not in client_for().get(url("list")).content.decode()
    assert client_for(vn_officer).get(url("detail", "draft-x")).status_code == 200


def test_a_visitor_cannot_register(outsider):
    assert client_for().get(url("register", OPEN_EVENT)).status_code == 302  # to sign in
    response = client_for(outsider).post(url("register", OPEN_EVENT), {"venue": 1, "delegates": "X"})
    assert response.status_code == 403
    assert not Registration.objects.filter(event__slug=OPEN_EVENT, organization=None).exists()


def test_a_member_registers_its_own_organisation(cn_member):
    event = Event.objects.get(slug=OPEN_EVENT)
    Registration.objects.filter(event=event, organization=cn_member.organization).delete()
    client = client_for(cn_member)
    assert 'data-testid="register"' in client.get(url("detail", OPEN_EVENT)).content.decode()
    bad = client.post(url("register", OPEN_EVENT), {"delegates": "", "venue": ""})
    assert bad.status_code == 400
    kunming = event.venues.get(code="kunming")
    response = client.post(url("register", OPEN_EVENT), {
        "venue": kunming.pk, "delegates": "Wang Fang, sales director\nLi Na", "consent_to_contact": "on",
        "available_slots": [event.slots.first().pk]})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, organization=cn_member.organization)
    assert registration.venue == kunming and registration.consent_to_contact
    assert registration.delegates == [{"name": "Wang Fang", "role": "sales director"}, {"name": "Li Na", "role": ""}]
    assert registration.available_slots.count() == 1


def test_participants_page_suggests_partners_with_reasons(cn_member):
    page = client_for(cn_member).get(url("participants", OPEN_EVENT)).content.decode()
    assert 'data-testid="suggestions"' in page
    # Zhejiang Silk Road Textiles needs raw silk: the Nam Khan silk producers attend.
    panel = page.split('data-testid="suggestions"')[1]
    assert "Nam Khan Silk" in panel and "HS" in panel


def test_send_accept_and_privacy_of_requests(cn_member, vn_officer):
    event = Event.objects.get(slug=OPEN_EVENT)
    spice = Registration.objects.get(event=event, organization__slug="demo-vn-hanoi-spice")
    client = client_for(cn_member)
    form = client.get(url("request_new", OPEN_EVENT, spice.pk), HTTP_HX_REQUEST="true")
    assert 'data-testid="request-form"' in form.content.decode()
    sent = client.post(url("request_new", OPEN_EVENT, spice.pk), {"message": "真丝面料"}, HTTP_HX_REQUEST="true")
    assert 'data-testid="request-sent"' in sent.content.decode()
    request = MeetingRequest.objects.get(event=event, sender__organization=cn_member.organization,
                                         recipient=spice)
    again = client.post(url("request_new", OPEN_EVENT, spice.pk), {"message": "again"})
    assert again.status_code == 400 and "already a meeting request" in again.content.decode()
    # The sender cannot accept its own request; a participant cannot see others' requests.
    assert client.post(url("request_answer", OPEN_EVENT, request.pk, "accept")).status_code == 403
    others = MeetingRequest.objects.filter(event=event).exclude(sender__organization=cn_member.organization) \
        .exclude(recipient__organization=cn_member.organization).first()
    assert client.post(url("request_answer", OPEN_EVENT, others.pk, "cancel")).status_code == 404
    mine = client.get(url("my_requests", OPEN_EVENT)).content.decode()
    assert "真丝面料" in mine and others.sender.organization.name_en not in mine
    # The recipient's member accepts it.
    from tests.personas import make_user

    spice_member = make_user("spice.vn", "enterprise_member", "demo-vn-hanoi-spice")
    answered = client_for(spice_member).post(url("request_answer", OPEN_EVENT, request.pk, "accept"),
                                             HTTP_HX_REQUEST="true")
    assert 'data-testid="request-row"' in answered.content.decode()
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED


def test_an_unregistered_member_sees_no_participant_list(cn_member):
    assert client_for(cn_member).get(url("participants", "laocai-honghe-talks-2024")).status_code == 403
    assert client_for(cn_member).get(url("my_requests", "laocai-honghe-talks-2024")).status_code == 403


def test_only_organisers_edit_the_event(vn_officer, lao_officer, cn_member, administrator):
    talks = "laocai-honghe-talks-2024"  # organised by Lào Cai and Honghe: not Hanoi's
    for user in (cn_member, vn_officer, lao_officer):
        assert client_for(user).get(url("setup", talks)).status_code == 403
        assert client_for(user).get(url("registrations", talks)).status_code == 403
    assert client_for(administrator).get(url("setup", talks)).status_code == 200
    client = client_for(vn_officer)
    assert client.get(url("setup", OPEN_EVENT)).status_code == 200
    response = client.post(url("setup_add_venue", OPEN_EVENT), {
        "venue-name": "Empty booth", "venue-country": "", "venue-time_zone": "Asia/Hanoi"})
    assert response.status_code == 400
    assert not Event.objects.get(slug=OPEN_EVENT).venues.filter(name="Empty booth").exists()
    registrations = client.get(url("registrations", OPEN_EVENT)).content.decode()
    assert "Nam Khan Silk" in registrations


def test_organiser_sets_up_an_event_from_scratch(vn_officer):
    client = client_for(vn_officer)
    response = client.post(url("new"), {"kind": "fair", "primary_language": "vi", "title_vi": "Hội chợ biên giới",
                                        "starts_on": "2030-06-01", "ends_on": "2030-06-01", "max_requests": 5,
                                        "organizers": [vn_officer.organization_id]})
    assert response.status_code == 302
    event = Event.objects.get(title_vi="Hội chợ biên giới")
    vietnam = Organization.objects.get(slug="hanoi-doit").country_id
    assert client.post(url("setup_add_venue", event.slug), {
        "venue-name": "Hà Nội", "venue-is_main": "on", "venue-country": vietnam,
        "venue-time_zone": "Asia/Ho_Chi_Minh", "venue-tables": 4, "venue-booths": 0}).status_code == 302
    assert client.post(url("setup_add_day", event.slug), {
        "day-date": "2030-06-01", "day-start_time": "09:00", "day-end_time": "11:00",
        "day-slot_minutes": 30, "day-pauses": "10:00-10:30"}).status_code == 302
    refused = client.post(url("setup_status", event.slug), {"status": "open"})
    assert refused.status_code == 400 and "no time slots" in refused.content.decode()
    assert client.post(url("setup_slots", event.slug)).status_code == 302
    assert event.slots.count() == 3
    assert client.post(url("setup_status", event.slug), {"status": "open"}).status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.OPEN
    assert services.setup_problems(event) == []


def test_changing_the_organisers_is_kept_in_the_history(vn_officer):
    event = Event.objects.get(slug=OPEN_EVENT)
    client = client_for(vn_officer)
    form = client.get(url("setup", OPEN_EVENT)).context["forms"]["event"]
    data = {f"event-{name}": value for name, value in form.initial.items()
            if value is not None and name != "organizers"}
    laos = Organization.objects.filter(kind=Organization.Kind.AGENCY, country__alpha3="LAO").first()
    organizers = [*event.organizers.values_list("pk", flat=True), laos.pk]
    response = client.post(url("setup_event", OPEN_EVENT), {**data, "event-organizers": organizers})
    assert response.status_code == 302
    assert set(event.organizers.values_list("pk", flat=True)) == set(organizers)
    latest = event.history.first()
    assert latest.history_change_reason == "edited organizers" and latest.history_user == vn_officer
