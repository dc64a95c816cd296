"""E-mail written in each reader's language and time zone.

`send_to_users(users, build_message)` groups the recipients by their preferred language
(`User.language`; the site's default language, Vietnamese, where they have chosen none) and their
time zone (`User.time_zone`), calls `build_message(audience)` once per group inside
`translation.override(language)` and `timezone.override(zone)`, and sends one message per group.
Addresses that belong to no account (an organisation's contact address) are given as `addresses`,
with the language and time zone to write to them in (by default the site's).

Inside `build_message`, `gettext`, the models' localised names and `local_datetime()` all follow
the group's language and time zone. `compose()` builds the messages without sending them (dry
runs); `send()` sends composed messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone, translation

from tradebridge.core.i18n import UnknownLanguage, check_language

DATETIME_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class Audience:
    """Readers of one message: they share a language and a time zone."""

    language: str
    time_zone: ZoneInfo
    addresses: tuple[str, ...]

    @property
    def zone_name(self) -> str:
        return self.time_zone.key


@dataclass(frozen=True)
class Letter:
    """A composed message: what one audience gets."""

    audience: Audience
    subject: str
    body: str

    @property
    def language(self) -> str:
        return self.audience.language

    @property
    def recipients(self) -> list[str]:
        return list(self.audience.addresses)


MessageBuilder = Callable[[Audience], tuple[str, str]]


def site_language(code: str | None) -> str:
    """`code` as one of the site's languages, else the site's default language."""
    try:
        return check_language(code) if code else settings.LANGUAGE_CODE
    except UnknownLanguage:
        return settings.LANGUAGE_CODE


def language_of(user: object | None) -> str:
    """The user's preferred language, else the site's default language."""
    return site_language(getattr(user, "language", "") or "")


def _zone(name: str | tzinfo | None) -> ZoneInfo | None:
    if isinstance(name, ZoneInfo):
        return name
    if not name or not isinstance(name, str):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def default_time_zone() -> ZoneInfo:
    """The time zone of an account that has not set one (the user model's default)."""
    default = get_user_model()._meta.get_field("time_zone").default
    return _zone(default) or ZoneInfo("UTC")


def zone_of(user: object | None) -> ZoneInfo:
    """The user's time zone; the default one where it is missing or not a known zone."""
    return _zone(getattr(user, "time_zone", None)) or default_time_zone()


def audiences(users: Iterable[object], *, addresses: Iterable[str] = (), language: str | None = None,
              time_zone: str | tzinfo | None = None) -> list[Audience]:
    """Group the active users that have an e-mail address by (language, time zone); add the
    plain `addresses` (not already some user's) in `language` and `time_zone`, by default the
    site's. Each address appears once; groups come in a stable order (language, then zone)."""
    groups: dict[tuple[str, str], list[str]] = {}
    seen: set[str] = set()

    def add(address: str, lang: str, zone: ZoneInfo) -> None:
        address = (address or "").strip()
        if address and address.lower() not in seen:
            seen.add(address.lower())
            groups.setdefault((lang, zone.key), []).append(address)

    for user in users:
        if getattr(user, "is_active", True):
            add(getattr(user, "email", ""), language_of(user), zone_of(user))
    plain_language = site_language(language)
    plain_zone = _zone(time_zone) or default_time_zone()
    for address in addresses:
        add(address, plain_language, plain_zone)
    return [Audience(lang, ZoneInfo(zone), tuple(sorted(found)))
            for (lang, zone), found in sorted(groups.items())]


def compose(users: Iterable[object], build_message: MessageBuilder, *, addresses: Iterable[str] = (),
            language: str | None = None, time_zone: str | tzinfo | None = None) -> list[Letter]:
    """One message per audience, each built in its audience's language and time zone."""
    letters = []
    for audience in audiences(users, addresses=addresses, language=language, time_zone=time_zone):
        with translation.override(audience.language), timezone.override(audience.time_zone):
            subject, body = build_message(audience)
        letters.append(Letter(audience, str(subject), str(body)))
    return letters


def send(letters: Iterable[Letter], *, fail_silently: bool = False) -> int:
    """Send composed messages over one connection; returns how many were sent."""
    messages = [mail.EmailMessage(letter.subject, letter.body, None, letter.recipients)
                for letter in letters]
    if not messages:
        return 0
    connection = mail.get_connection(fail_silently=fail_silently)
    return connection.send_messages(messages) or 0


def send_to_users(users: Iterable[object], build_message: MessageBuilder, *,
                  addresses: Iterable[str] = (), language: str | None = None,
                  time_zone: str | tzinfo | None = None, fail_silently: bool = False) -> list[Letter]:
    """Compose and send one message per (language, time zone) group of readers; returns the
    messages sent (an empty list where nobody has an address)."""
    letters = compose(users, build_message, addresses=addresses, language=language, time_zone=time_zone)
    send(letters, fail_silently=fail_silently)
    return letters


def local_datetime(instant: datetime | None, placeholder: str = "—") -> str:
    """`instant` in the active time zone (the reader's, inside `build_message`)."""
    if instant is None:
        return placeholder
    return timezone.localtime(instant).strftime(DATETIME_FORMAT)
