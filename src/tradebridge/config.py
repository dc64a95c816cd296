"""Typed readers for settings that come from the environment.

Every variable read here must be listed in README.md (a test checks it).
"""

from __future__ import annotations

import os
from pathlib import Path


class SettingError(ValueError):
    """An environment variable holds a value that cannot be used."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingError(f"{name}={raw!r} is not a boolean (use true/false, 1/0, yes/no, on/off)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingError(f"{name}={raw!r} is not an integer") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default


def check_time_zone(name: str, raw: str) -> str:
    """`raw` if it names an IANA time zone, else a SettingError naming the variable."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingError(f"{name}={raw!r} is not a time zone (e.g. Asia/Ho_Chi_Minh)") from exc
    return raw


def parse_job_hours(name: str, raw: str) -> dict[str, int | None]:
    """The hours of the scheduled jobs: ``"7"`` (every job at 07:00), ``"off"`` (none runs),
    ``"agreements-remind=6,remind-pending-requests=off"`` (per job), or both
    (``"7,agreements-remind=6"``). The key ``"*"`` holds the hour for every job; ``None`` = off.
    Whether the job names exist is checked by the jobs app (a system check)."""
    hours: dict[str, int | None] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        job, sep, value = item.rpartition("=")
        job = job.strip() if sep else "*"
        if not job:
            raise SettingError(f"{name}={raw!r}: {item!r} names no job (use job-name=HOUR)")
        if job in hours:
            raise SettingError(f"{name}={raw!r}: {job!r} is given twice")
        value = value.strip().lower()
        if value == "off":
            hours[job] = None
        elif value.isdigit() and 0 <= int(value) <= 23:
            hours[job] = int(value)
        else:
            raise SettingError(f"{name}={raw!r}: {value!r} is not an hour from 0 to 23 or 'off'")
    return hours


_EMAIL_SIMPLE_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
_EMAIL_QUERY = {"tls", "ssl", "timeout"}


def _redacted(url: str) -> str:
    """The URL with its password hidden, for error messages."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return parts._replace(netloc=netloc).geturl()
    except ValueError:
        return "<unparsable URL>"


def email_settings_from_url(name: str, url: str) -> dict[str, object]:
    """Django's EMAIL_* settings from one URL:

    - ``smtp://user:password@host:587?tls=1`` SMTP, STARTTLS with ``tls=1`` (port 25 by default,
      587 with ``tls=1``)
    - ``smtps://user:password@host`` SMTP over implicit TLS (port 465 by default)
    - ``console:``, ``locmem:``, ``dummy:`` Django's development backends
    - ``file:///path/to/folder`` one file per message in that folder

    User name and password are percent-decoded (write ``@`` as ``%40``). ``timeout=S`` (seconds,
    default 30) bounds each connection. A bad URL raises SettingError naming the variable, with
    the password hidden."""
    from urllib.parse import parse_qs, unquote, urlsplit

    shown = _redacted(url)

    def fail(reason: str) -> SettingError:
        return SettingError(f"{name}={shown!r}: {reason}")

    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise fail(f"not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme in _EMAIL_SIMPLE_BACKENDS:
        if parts.netloc or parts.path or parts.query:
            raise fail(f"write just '{scheme}:'")
        return {"EMAIL_BACKEND": _EMAIL_SIMPLE_BACKENDS[scheme]}
    if scheme == "file":
        if parts.netloc or not parts.path.startswith("/"):
            raise fail("give an absolute folder, e.g. file:///var/lib/tradebridge/mail")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    if scheme not in {"smtp", "smtps"}:
        raise fail("the scheme must be smtp, smtps, console, locmem, dummy or file")
    if not parts.hostname:
        raise fail("no host name (e.g. smtp://user:password@mail.example:587?tls=1)")
    if parts.path not in {"", "/"}:
        raise fail(f"unexpected path {parts.path!r}")
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=False)
    unknown = sorted(set(query) - _EMAIL_QUERY)
    if unknown:
        raise fail(f"unknown option(s) {', '.join(unknown)} (known: ssl, timeout, tls)")
    options: dict[str, str] = {}
    for key, values in query.items():
        if len(values) != 1:
            raise fail(f"{key} is given {len(values)} times")
        options[key] = values[0].strip().lower()

    def flag(key: str) -> bool:
        value = options.get(key, "0")
        if value in {"1", "true", "yes", "on"}:
            return True
        if value in {"0", "false", "no", "off"}:
            return False
        raise fail(f"{key}={value!r} is not a boolean (use 1 or 0)")

    use_tls = flag("tls")
    use_ssl = flag("ssl") or scheme == "smtps"
    if use_tls and use_ssl:
        raise fail("tls=1 (STARTTLS) and implicit TLS (smtps or ssl=1) exclude each other")
    raw_timeout = options.get("timeout", "30")
    if not raw_timeout.isdigit() or int(raw_timeout) < 1:
        raise fail(f"timeout={raw_timeout!r} is not a whole number of seconds")
    default_port = 465 if use_ssl else 587 if use_tls else 25
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or default_port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": int(raw_timeout),
    }
