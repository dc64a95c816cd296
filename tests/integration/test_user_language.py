"""People read messages in their own language: the preferred language on the account (profile
form, remembered from the language switcher, activated at sign-in) and every e-mail written in
the reader's language and time zone, in the same run for readers of different languages."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from tests.personas import PASSWORD, make_user
from tradebridge.accounts import services
from tradebridge.accounts.models import Role, User
from tradebridge.agreements.reminders import Reminder, do_send_reminders
from tradebridge.events import notifications
from tradebridge.events.models import Event, MeetingRequest
from tradebridge.events.reminders import do_send_request_reminders

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME
HYBRID = "laocai-export-conference-2021"
OPEN_EVENT = "demo-hanoi-vientiane-kunming-b2b-2027"
MOVED = "[TradeBridge] Your meeting has moved"
WAITING = "[TradeBridge] Meeting requests waiting for your answer"


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


def _readers(organization_slug: str, role: str = Role.ENTERPRISE_MEMBER) -> dict[str, User]:
    """Three members of one organisation: one reads Lao, one Chinese, one has chosen nothing."""
    return {
        "lo": make_user(f"lo.{organization_slug}", role, organization_slug, email=f"lo@{organization_slug}.invalid",
                        language="lo", time_zone="Asia/Vientiane"),
        "zh-hans": make_user(f"zh.{organization_slug}", role, organization_slug,
                             email=f"zh@{organization_slug}.invalid", language="zh-hans",
                             time_zone="Asia/Shanghai"),
        "": make_user(f"none.{organization_slug}", role, organization_slug,
                      email=f"none@{organization_slug}.invalid", time_zone="Asia/Ho_Chi_Minh"),
    }


def _to(mailoutbox, address: str):
    found = [m for m in mailoutbox if address in m.to]
    assert len(found) == 1, f"{address} got {len(found)} messages"
    return found[0]


# E-mails ---------------------------------------------------------------------------------------


def test_a_meeting_notice_reaches_each_reader_in_their_language_and_time_zone(mailoutbox):
    event = Event.objects.get(slug=HYBRID)
    meeting = event.meetings.select_related("request__sender__organization", "slot").first()
    readers = _readers(meeting.request.sender.organization.slug)
    sent = notifications.notify_meeting_change(meeting, previous_start=None)
    assert sent == len(mailoutbox)
    start = meeting.slot.starts_at
    for language, zone, expected_language in (("lo", "Asia/Vientiane", "lo"),
                                              ("zh-hans", "Asia/Shanghai", "zh-hans"),
                                              ("", "Asia/Ho_Chi_Minh", "vi")):
        message = _to(mailoutbox, readers[language].email)
        assert message.subject == _in(expected_language, MOVED)
        local = start.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
        assert local in message.body and zone in message.body
        with translation.override(expected_language):  # the partner named in the reader's language
            assert meeting.request.recipient.organization.display_name in message.body
    # Lao and Chinese readers get different clock times for the same meeting (UTC+7 and UTC+8).
    assert _to(mailoutbox, readers["lo"].email).body != _to(mailoutbox, readers["zh-hans"].email).body


def test_a_pending_request_reminder_reaches_each_reader_in_their_language(mailoutbox):
    event = Event.objects.get(slug=OPEN_EVENT)
    readers = _readers("demo-vn-hanoi-spice")
    later = timezone.now() + timedelta(days=3)
    assert do_send_request_reminders(event, now=later) == 1  # still one organisation reminded
    for language, expected_language in (("lo", "lo"), ("zh-hans", "zh-hans"), ("", "vi")):
        message = _to(mailoutbox, readers[language].email)
        assert message.subject == _in(expected_language, WAITING)
        with translation.override(expected_language):
            heading = gettext("%(name)s has meeting requests waiting for an answer at “%(event)s”:") % {
                "name": readers[language].organization.display_name, "event": event.title}
        assert message.body.startswith(heading)
    assert MeetingRequest.objects.filter(event=event, reminded_at=later).exists()


def test_an_agreements_reminder_reaches_each_staff_member_in_their_language(mailoutbox):
    readers = _readers("hanoi-doit", Role.AGENCY_STAFF)
    now = datetime.fromisoformat("2026-11-23T08:00+07:00")
    reminders = do_send_reminders(now)
    hanoi = next(r for r in reminders if r.organization.slug == "hanoi-doit")
    # The return value is as before: one Reminder per agency, all its staff as recipients.
    assert isinstance(hanoi, Reminder) and hanoi.items > 0
    assert {u.email for u in readers.values()} <= set(hanoi.recipients)
    assert len([r for r in reminders if r.organization.slug == "hanoi-doit"]) == 1
    for language, expected_language in (("lo", "lo"), ("zh-hans", "zh-hans"), ("", "vi")):
        message = _to(mailoutbox, readers[language].email)
        with translation.override(expected_language):
            subject = ngettext("[TradeBridge] %(count)d agreement item needs attention",
                               "[TradeBridge] %(count)d agreement items need attention",
                               hanoi.items) % {"count": hanoi.items}
            ended = gettext("Ended %(date)s but still open: %(title)s (#%(id)s)").split("%(date)s")[0]
        assert message.subject == subject
        assert ended + "2025-12-31" in message.body
    assert "but still open" not in _to(mailoutbox, readers["lo"].email).body  # not English


# The profile page ------------------------------------------------------------------------------


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_profile_form_saves_the_language_and_opens_the_site_in_it(cn_member):
    client = _signed_in(cn_member)
    page = client.get(reverse("accounts:account")).content.decode()
    for name in ("Tiếng Việt", "ພາສາລາວ", "简体中文", "English"):  # each language named in itself
        assert name in page
    response = client.post(reverse("accounts:account"), {"language": "lo", "time_zone": "Asia/Vientiane"})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "lo"
    cn_member.refresh_from_db()
    assert (cn_member.language, cn_member.time_zone) == ("lo", "Asia/Vientiane")
    page = client.get(reverse("accounts:account")).content.decode()
    assert '<html lang="lo">' in page and _in("lo", "Preferences saved.") in page


def test_the_profile_form_can_clear_the_language(cn_member):
    User.objects.filter(pk=cn_member.pk).update(language="zh-hans")
    response = _signed_in(cn_member).post(reverse("accounts:account"),
                                          {"language": "", "time_zone": "Asia/Shanghai"})
    assert response.status_code == 302
    cn_member.refresh_from_db()
    assert cn_member.language == ""


@pytest.mark.parametrize("data, field, message", [
    ({"language": "fr", "time_zone": "Asia/Vientiane"}, "language",
     "Unknown language “fr”: choose one from the list."),
    ({"language": "lo", "time_zone": "Mars/Olympus_Mons"}, "time_zone",
     "Unknown time zone “Mars/Olympus_Mons”: choose one from the list."),
])
def test_the_profile_form_refuses_unknown_values_and_changes_nothing(cn_member, data, field, message):
    client = _signed_in(cn_member)
    client.cookies[COOKIE] = "en"
    response = client.post(reverse("accounts:account"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert COOKIE not in response.cookies or response.cookies[COOKIE].value == "en"
    cn_member.refresh_from_db()
    assert (cn_member.language, cn_member.time_zone) == ("", "Asia/Shanghai")


def test_the_account_page_needs_a_signed_in_user():
    response = Client().post(reverse("accounts:account"), {"language": "lo", "time_zone": "Asia/Vientiane"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


# The language switcher and sign-in ------------------------------------------------------------


def test_the_switcher_posts_to_the_view_that_remembers_the_choice(cn_member):
    page = _signed_in(cn_member).get("/").content.decode()
    assert f'action="{reverse("accounts:set_language")}"' in page


def test_switching_language_while_signed_in_stores_it(cn_member):
    client = _signed_in(cn_member)
    response = client.post(reverse("accounts:set_language"), {"language": "zh-hans", "next": "/geo/countries/"})
    assert response.status_code == 302 and response["Location"] == "/geo/countries/"
    assert response.cookies[COOKIE].value == "zh-hans"
    cn_member.refresh_from_db()
    assert cn_member.language == "zh-hans"
    # An unknown code changes neither the cookie nor the preference.
    response = client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    assert COOKIE not in response.cookies
    cn_member.refresh_from_db()
    assert cn_member.language == "zh-hans"


def test_switching_language_anonymously_only_sets_the_cookie():
    response = Client().post(reverse("accounts:set_language"), {"language": "lo", "next": "/"})
    assert response.status_code == 302 and response.cookies[COOKIE].value == "lo"


def test_signing_in_opens_the_site_in_the_preferred_language(lao_officer):
    User.objects.filter(pk=lao_officer.pk).update(language="lo")
    client = Client()
    client.cookies[COOKIE] = "en"  # the browser was last used in English
    response = client.post(reverse("accounts:login"), {"username": lao_officer.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "lo"
    assert '<html lang="lo">' in client.get("/").content.decode()


def test_signing_in_without_a_preference_keeps_the_current_language(lao_officer):
    client = Client()
    client.cookies[COOKIE] = "en"
    response = client.post(reverse("accounts:login"), {"username": lao_officer.username, "password": PASSWORD})
    assert response.status_code == 302 and COOKIE not in response.cookies
    assert '<html lang="en">' in client.get("/").content.decode()


def test_the_preferences_service_checks_everything_before_writing(cn_member):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.do_update_preferences(cn_member, language="fr", time_zone="Mars/Olympus_Mons")
    errors = caught.value.message_dict
    assert errors["language"] == ["Unknown language “fr”: choose one of Tiếng Việt, ພາສາລາວ, 简体中文, English."]
    assert "Mars/Olympus_Mons" in errors["time_zone"][0]
    with pytest.raises(ValidationError):  # a good language with a bad zone: neither is written
        services.do_update_preferences(cn_member, language="lo", time_zone="Mars/Olympus_Mons")
    cn_member.refresh_from_db()
    assert (cn_member.language, cn_member.time_zone) == ("", "Asia/Shanghai")
    assert services.do_update_preferences(cn_member, language="ZH_hans", time_zone="Asia/Shanghai") == ["language"]
    cn_member.refresh_from_db()
    assert cn_member.language == "zh-hans"


def test_remembering_a_switch_ignores_codes_that_are_not_site_languages(cn_member):
    assert services.do_remember_language(cn_member, "fr") is False
    assert services.do_remember_language(cn_member, "lo") is True
    assert services.do_remember_language(cn_member, "lo") is False  # already kept
    cn_member.refresh_from_db()
    assert cn_member.language == "lo"
