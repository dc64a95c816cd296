"""`tradebridge.core.mail`: recipients grouped by language and time zone, each group's message
built in its language and time zone, the site's defaults for readers without a preference."""

from datetime import UTC, datetime
from types import SimpleNamespace

from django.utils import translation
from django.utils.translation import gettext

from tradebridge.core import mail

INSTANT = datetime(2027, 3, 4, 2, 30, tzinfo=UTC)


def reader(email: str, language: str = "", time_zone: str = "Asia/Ho_Chi_Minh", active: bool = True):
    return SimpleNamespace(email=email, language=language, time_zone=time_zone, is_active=active)


def build(audience: mail.Audience) -> tuple[str, str]:
    """Subject in the active language, body with the instant in the active time zone."""
    return gettext("Sign in"), f"{translation.get_language()} {mail.local_datetime(INSTANT)} {audience.zone_name}"


def test_readers_are_grouped_by_language_and_time_zone():
    groups = mail.audiences([
        reader("a@x.invalid", "lo", "Asia/Vientiane"),
        reader("b@x.invalid", "lo", "Asia/Vientiane"),
        reader("c@x.invalid", "zh-hans", "Asia/Shanghai"),
        reader("d@x.invalid", "lo", "Asia/Shanghai"),
    ])
    assert [(g.language, g.zone_name, g.addresses) for g in groups] == [
        ("lo", "Asia/Shanghai", ("d@x.invalid",)),
        ("lo", "Asia/Vientiane", ("a@x.invalid", "b@x.invalid")),
        ("zh-hans", "Asia/Shanghai", ("c@x.invalid",)),
    ]


def test_no_preference_or_an_unknown_one_falls_back_to_the_site_language(settings):
    groups = mail.audiences([reader("a@x.invalid"), reader("b@x.invalid", "xx"),
                             reader("c@x.invalid", time_zone="Not/A_Zone")])
    assert [(g.language, g.zone_name) for g in groups] == [(settings.LANGUAGE_CODE, "Asia/Ho_Chi_Minh")]
    assert groups[0].addresses == ("a@x.invalid", "b@x.invalid", "c@x.invalid")


def test_plain_addresses_get_the_given_language_and_zone_and_users_win_duplicates():
    groups = mail.audiences([reader("member@x.invalid", "zh-hans", "Asia/Shanghai"), reader("", "lo")],
                            addresses=["contact@x.invalid", "MEMBER@x.invalid"],
                            language="lo", time_zone="Asia/Vientiane")
    assert [(g.language, g.zone_name, g.addresses) for g in groups] == [
        ("lo", "Asia/Vientiane", ("contact@x.invalid",)),
        ("zh-hans", "Asia/Shanghai", ("member@x.invalid",)),
    ]


def test_inactive_users_get_nothing():
    assert mail.audiences([reader("gone@x.invalid", "lo", active=False)]) == []


def test_each_message_is_built_in_its_readers_language_and_time_zone(mailoutbox):
    translation.activate("en")
    letters = mail.send_to_users([reader("lo@x.invalid", "lo", "Asia/Vientiane"),
                                  reader("zh@x.invalid", "zh-hans", "Asia/Shanghai"),
                                  reader("vi@x.invalid")], build)
    assert translation.get_language() == "en"  # each message's language ends with it
    translation.deactivate()
    assert len(letters) == len(mailoutbox) == 3
    sent = {m.to[0]: m for m in mailoutbox}
    for address, language, local in (("lo@x.invalid", "lo", "2027-03-04 09:30"),
                                      ("zh@x.invalid", "zh-hans", "2027-03-04 10:30"),
                                      ("vi@x.invalid", "vi", "2027-03-04 09:30")):
        with translation.override(language):
            assert sent[address].subject == gettext("Sign in")
        assert sent[address].body.startswith(f"{language} {local} ")


def test_compose_sends_nothing_and_nobody_means_no_message(mailoutbox):
    letters = mail.compose([reader("lo@x.invalid", "lo")], build)
    assert [letter.language for letter in letters] == ["lo"] and mailoutbox == []
    assert mail.send_to_users([reader("")], build) == [] and mailoutbox == []
    assert mail.send(letters) == 1 and mailoutbox[0].to == ["lo@x.invalid"]


def test_local_datetime_without_an_instant():
    assert mail.local_datetime(None) == "—"
