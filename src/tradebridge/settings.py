"""TradeBridge settings: one file, every value read from the environment.

The README lists each variable with its default; tests/unit/test_settings_documented.py fails
when a variable read here (or anywhere in the code) is missing from it.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django.conf.locale
from django.utils.translation import gettext_lazy as _

from tradebridge.config import (
    SettingError,
    check_time_zone,
    email_settings_from_url,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_str,
    parse_job_hours,
)

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent

DEBUG = env_bool("TRADEBRIDGE_DEBUG", False)
DATA_DIR = env_path("TRADEBRIDGE_DATA_DIR", PROJECT_DIR / "var")
# Trade flows live in Parquet files here, queried with DuckDB (never through the ORM).
TRADE_STORE_DIR = env_path("TRADEBRIDGE_TRADE_DIR", DATA_DIR / "trade")

_DEV_SECRET = "tradebridge-development-key-not-for-production"  # noqa: S105
SECRET_KEY = env_str("TRADEBRIDGE_SECRET_KEY", _DEV_SECRET)
if SECRET_KEY == _DEV_SECRET and not DEBUG and env_bool("TRADEBRIDGE_REQUIRE_SECRET", False):
    raise SettingError("TRADEBRIDGE_SECRET_KEY must be set when TRADEBRIDGE_REQUIRE_SECRET is on")
# `tradebridge serve` refuses to start with the development key unless DEBUG is on.
SECRET_KEY_IS_DEFAULT = SECRET_KEY == _DEV_SECRET

ALLOWED_HOSTS = env_list("TRADEBRIDGE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("TRADEBRIDGE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # /api/docs from its own static files (no CDN: the Content-Security-Policy allows none)
    # Domain apps, in dependency order: each may import only those above it.
    "tradebridge.core",
    "tradebridge.geo",
    "tradebridge.catalog",
    "tradebridge.registry",
    "tradebridge.accounts",
    "tradebridge.trade",
    "tradebridge.events",
    "tradebridge.agreements",
    "tradebridge.cooperation",
    "tradebridge.chains",
    "tradebridge.border",
    "tradebridge.news",
    "tradebridge.jobs",
    "tradebridge.health",
    "tradebridge.bootstrap",
]

# Background work (imports, scheduling, exports) goes through Django's tasks framework. The
# database backend needs a worker: `tradebridge db_worker` (`make run` starts one).
TASKS = {
    "default": {
        "BACKEND": env_str("TRADEBRIDGE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tradebridge.core.middleware.ContentSecurityPolicyMiddleware",
    "tradebridge.core.middleware.HeadAsGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tradebridge.core.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tradebridge.urls"
WSGI_APPLICATION = "tradebridge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tradebridge.core.context_processors.site",
            ],
        },
    }
]

if "DATABASE_URL" not in os.environ:
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # the default SQLite file lives there

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'tradebridge.sqlite3'}"),
        conn_max_age=env_int("TRADEBRIDGE_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes.
    # IMMEDIATE transactions take the write lock when they begin and wait up to `timeout`
    # seconds for it: the server, the worker's heartbeat and its jobs write at the same time,
    # and a deferred transaction that upgrades to writing would fail with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL;", transaction_mode="IMMEDIATE", timeout=20)
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# "pages": rendered fragments many readers share (the trade dashboard's body), keyed by the trade
# store's version. Files under the data folder, so every gunicorn worker reuses what one rendered;
# bounded (at most MAX_ENTRIES files, a third culled when full) and kept at most an hour.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
              "LOCATION": str(DATA_DIR / "cache" / "pages"), "TIMEOUT": 3600,
              "OPTIONS": {"MAX_ENTRIES": 300}},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login rate limit (django-axes): lock a username+address pair after N failures.
AXES_FAILURE_LIMIT = env_int("TRADEBRIDGE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("TRADEBRIDGE_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", _("Vietnamese")),
    ("lo", _("Lao")),
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
]
# Django ships no Lao locale data; describe it so that get_language_info("lo") works.
django.conf.locale.LANG_INFO.setdefault(
    "lo", {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"}
)
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "tradebridge_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# Thousands grouped per language where a template asks for it (floatformat "g", the money filter);
# not USE_THOUSAND_SEPARATOR, which would also group years and identifiers.
FORMAT_MODULE_PATH = ["tradebridge.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env_path("TRADEBRIDGE_STATIC_ROOT", DATA_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even when empty
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed, cached for a year after `collectstatic` (tradebridge/core/staticfiles.py).
    "staticfiles": {"BACKEND": "tradebridge.core.staticfiles.StaticFilesStorage"},
}
# Online meetings get a room under this address, named with an unguessable token.
TRADEBRIDGE_VIDEO_BASE_URL = env_str("TRADEBRIDGE_VIDEO_BASE_URL", "https://meet.jit.si/")

# WhiteNoise serves the apps' static files directly, so `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("TRADEBRIDGE_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Served over HTTPS (secure cookies on): browsers are told to use HTTPS only, for a year.
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0
# Scripts only from our own static files: no inline script, no eval (htmx's allowEval is off in
# base.html). Styles allow inline: Plotly, Leaflet and htmx set style attributes and <style>.
# Map tiles come from OpenStreetMap (tradebridge/zones-map.js, border-map.js).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https://tile.openstreetmap.org; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# E-mail: TRADEBRIDGE_EMAIL_URL (smtp://user:password@host:587?tls=1, smtps://..., console:, locmem:,
# file:///folder) sets the backend and the SMTP server; TRADEBRIDGE_EMAIL_BACKEND alone still works.
_EMAIL_URL = env_str("TRADEBRIDGE_EMAIL_URL", "")
_EMAIL_BACKEND = env_str("TRADEBRIDGE_EMAIL_BACKEND", "")
if _EMAIL_URL and _EMAIL_BACKEND:
    raise SettingError("set TRADEBRIDGE_EMAIL_URL or TRADEBRIDGE_EMAIL_BACKEND, not both")
_EMAIL = email_settings_from_url("TRADEBRIDGE_EMAIL_URL", _EMAIL_URL) if _EMAIL_URL else {}
EMAIL_BACKEND = (
    _EMAIL.get("EMAIL_BACKEND") or _EMAIL_BACKEND or "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = _EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _EMAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _EMAIL.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _EMAIL.get("EMAIL_TIMEOUT", 30)
if "EMAIL_FILE_PATH" in _EMAIL:
    EMAIL_FILE_PATH = _EMAIL["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = env_str("TRADEBRIDGE_FROM_EMAIL", "tradebridge@localhost")
# Shown on the sign-in, sign-up and error pages: where people write when they are stuck.
TRADEBRIDGE_CONTACT_EMAIL = env_str("TRADEBRIDGE_CONTACT_EMAIL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TRADEBRIDGE_LOG_LEVEL", "WARNING")},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Scheduled jobs (the reminders), run by `tradebridge worker`: the hour of each job in this time
# zone; a day's run missed while the worker was down is caught up once when it starts.
JOBS_TIME_ZONE = check_time_zone(
    "TRADEBRIDGE_JOBS_TIME_ZONE", env_str("TRADEBRIDGE_JOBS_TIME_ZONE", "Asia/Ho_Chi_Minh")
)
JOBS_HOURS = parse_job_hours("TRADEBRIDGE_JOBS_HOUR", env_str("TRADEBRIDGE_JOBS_HOUR", ""))
# /health/ fails when no worker has reported for longer than this (it reports every 30 s).
HEALTH_WORKER_MAX_AGE = env_int("TRADEBRIDGE_HEALTH_WORKER_MAX_AGE", 120)
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto: trust it.
if env_bool("TRADEBRIDGE_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
