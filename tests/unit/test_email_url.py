"""TRADEBRIDGE_EMAIL_URL: the parser, the settings it produces, and a message delivered through
Django's mail to a real SMTP server (aiosmtpd) configured from a URL."""

import email
import email.header
import runpy
import socket
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from django.core import mail
from django.test import override_settings

from tradebridge.config import SettingError, email_settings_from_url

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "src" / "tradebridge" / "settings.py"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def parse(url: str) -> dict:
    return email_settings_from_url("TRADEBRIDGE_EMAIL_URL", url)


def test_smtp_with_starttls_and_credentials():
    assert parse("smtp://mailer:s3cret@mail.example:587?tls=1") == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.example",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 30,
    }


def test_default_ports_follow_the_security():
    assert parse("smtp://relay.local")["EMAIL_PORT"] == 25
    assert parse("smtp://relay.local?tls=1")["EMAIL_PORT"] == 587
    implicit = parse("smtps://relay.local")
    assert implicit["EMAIL_PORT"] == 465 and implicit["EMAIL_USE_SSL"] and not implicit["EMAIL_USE_TLS"]
    assert parse("smtp://relay.local?ssl=1")["EMAIL_PORT"] == 465
    assert parse("smtps://relay.local:2465")["EMAIL_PORT"] == 2465


def test_user_and_password_are_percent_decoded():
    found = parse("smtp://noreply%40agency.example:p%40ss%3Aw%2Fd@mail.example?timeout=5")
    assert found["EMAIL_HOST_USER"] == "noreply@agency.example"
    assert found["EMAIL_HOST_PASSWORD"] == "p@ss:w/d"
    assert found["EMAIL_TIMEOUT"] == 5
    assert parse("smtp://mail.example")["EMAIL_HOST_USER"] == ""


def test_development_backends():
    assert parse("console:") == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    assert parse("locmem:") == {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    assert parse("dummy:")["EMAIL_BACKEND"].endswith("dummy.EmailBackend")
    assert parse("file:///var/mail/tradebridge") == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/var/mail/tradebridge",
    }


@pytest.mark.parametrize(("url", "reason"), [
    ("mail.example:587", "scheme must be"),
    ("http://mail.example", "scheme must be"),
    ("smtp://", "no host name"),
    ("smtp://mail.example:99999", "not a valid URL"),
    ("smtp://mail.example:port", "not a valid URL"),
    ("smtp://mail.example?tls=maybe", "not a boolean"),
    ("smtp://mail.example?starttls=1", "unknown option"),
    ("smtp://mail.example?tls=1&tls=0", "given 2 times"),
    ("smtps://mail.example?tls=1", "exclude each other"),
    ("smtp://mail.example?timeout=0", "whole number of seconds"),
    ("smtp://mail.example/inbox", "unexpected path"),
    ("console://x", "just 'console:'"),
    ("file:relative/dir", "absolute folder"),
])
def test_bad_urls_name_the_variable_and_the_reason(url, reason):
    with pytest.raises(SettingError, match="TRADEBRIDGE_EMAIL_URL") as error:
        parse(url)
    assert reason in str(error.value)


def test_the_password_is_not_shown_in_errors():
    with pytest.raises(SettingError) as error:
        parse("smtp://mailer:topsecret@mail.example?tls=maybe")
    assert "topsecret" not in str(error.value) and "mailer:***@mail.example" in str(error.value)


def load_settings(monkeypatch, tmp_path, **env) -> dict:
    monkeypatch.setenv("TRADEBRIDGE_DATA_DIR", str(tmp_path))
    for name in ("TRADEBRIDGE_EMAIL_URL", "TRADEBRIDGE_EMAIL_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_settings_read_the_url(monkeypatch, tmp_path):
    found = load_settings(monkeypatch, tmp_path, TRADEBRIDGE_EMAIL_URL="smtps://u:p@mail.example")
    assert found["EMAIL_BACKEND"] == SMTP
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_SSL"]) == ("mail.example", 465, True)
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == ("u", "p")


def test_settings_keep_the_backend_variable_and_the_console_default(monkeypatch, tmp_path):
    found = load_settings(monkeypatch, tmp_path)
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    locmem = "django.core.mail.backends.locmem.EmailBackend"
    assert load_settings(monkeypatch, tmp_path, TRADEBRIDGE_EMAIL_BACKEND=locmem)["EMAIL_BACKEND"] == locmem


def test_settings_refuse_a_bad_url_or_both_variables(monkeypatch, tmp_path):
    with pytest.raises(SettingError, match="TRADEBRIDGE_EMAIL_URL='smtp://'"):
        load_settings(monkeypatch, tmp_path, TRADEBRIDGE_EMAIL_URL="smtp://")
    with pytest.raises(SettingError, match="not both"):
        load_settings(monkeypatch, tmp_path, TRADEBRIDGE_EMAIL_URL="console:",
                      TRADEBRIDGE_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")


# --- delivery to a real SMTP server ------------------------------------------------------------

class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A local SMTP server that wants the login mailer / p@ss (plain text: it is local)."""
    inbox = Inbox()
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            b"mailer", b"p@ss")
        logins.append(ok)
        return AuthResult(success=ok)

    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), authenticator=authenticator,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    try:
        yield controller, inbox, logins
    finally:
        controller.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_message_sent_through_django_arrives(smtp_server):
    controller, inbox, logins = smtp_server
    settings = parse(f"smtp://mailer:p%40ss@127.0.0.1:{controller.port}?timeout=10")
    with override_settings(**settings, DEFAULT_FROM_EMAIL="tradebridge@agency.example"):
        sent = mail.send_mail("Nhắc lịch gặp", "Xin chào Hà Nội — ສະບາຍດີ — 你好", None,
                              ["hoa@hanoi.example"])
    assert sent == 1 and logins == [True]
    [envelope] = inbox.envelopes
    assert envelope.mail_from == "tradebridge@agency.example"
    assert envelope.rcpt_tos == ["hoa@hanoi.example"]
    message = email.message_from_bytes(envelope.original_content)
    assert str(email.header.make_header(email.header.decode_header(message["Subject"]))) == "Nhắc lịch gặp"
    assert "ສະບາຍດີ" in message.get_payload(decode=True).decode(message.get_content_charset())

