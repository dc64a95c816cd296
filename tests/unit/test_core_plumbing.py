"""The shared pieces every app uses: history stamp, iCalendar, downloads, API errors, the
agency-or-admin rule."""

from datetime import UTC, date, datetime
from types import SimpleNamespace
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.core import ics
from tradebridge.core.access import is_agency_or_admin, require_agency_or_admin
from tradebridge.core.api_errors import validation_body, validation_message
from tradebridge.core.history import stamp_history
from tradebridge.core.responses import content_disposition, download_response


def test_stamp_history_records_signed_in_users_only():
    user = SimpleNamespace(is_authenticated=True)
    obj = SimpleNamespace()
    stamp_history(obj, user, "renamed")
    assert (obj._history_user, obj._change_reason) == (user, "renamed")
    stamp_history(obj, AnonymousUser(), "import")
    assert (obj._history_user, obj._change_reason) == (None, "import")
    stamp_history(obj, None, "demo")
    assert obj._history_user is None


def test_escape_text_turns_every_line_break_into_one_escape():
    assert ics.escape_text("a;b,c\\d") == "a\\;b\\,c\\\\d"
    assert ics.escape_text("one\r\ntwo\nthree\rfour") == "one\\ntwo\\nthree\\nfour"


@given(st.text(min_size=0, max_size=400))
def test_fold_line_keeps_the_text_and_the_octet_limit(text):
    parts = ics.fold_line("DESCRIPTION:" + text)
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == "DESCRIPTION:" + text


def test_calendar_wraps_folds_and_ends_lines_with_crlf():
    text = ics.calendar(["BEGIN:VEVENT", "SUMMARY:" + "ຂ" * 40, "END:VEVENT"], product="Events", name="Hội chợ, 2027")
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "PRODID:-//TradeBridge//Events//EN" in lines
    assert "X-WR-CALNAME:Hội chợ\\, 2027" in lines
    assert any(line.startswith(" ") for line in lines)


def test_times_are_written_in_utc_and_naive_ones_refused():
    assert ics.utc_text(datetime(2027, 3, 4, 2, 30, tzinfo=UTC)) == "20270304T023000Z"
    assert ics.date_text(date(2027, 3, 4)) == "20270304"
    with pytest.raises(ValueError, match="aware"):
        ics.utc_text(datetime(2027, 3, 4, 2, 30))


def test_downloads_name_the_file_in_any_language():
    header = content_disposition("Thỏa thuận 2027.xlsx")
    assert header.startswith('attachment; filename="Th_a thu_n 2027.xlsx"')
    assert unquote(header.split("filename*=UTF-8''")[1]) == "Thỏa thuận 2027.xlsx"
    response = download_response(b"x", "a.ics", "text/calendar", inline=True)
    assert response["Content-Disposition"].startswith("inline;")


def test_validation_errors_name_their_fields():
    exc = ValidationError({"title": ["Required."], "__all__": ["Dates are reversed."]})
    assert validation_message(exc) == "title: Required.; Dates are reversed."
    assert validation_body(exc)["fields"] == ["title"]
    assert validation_message(ValidationError("Bad file.")) == "Bad file."


@pytest.mark.parametrize(("attrs", "allowed"), [
    ({"is_authenticated": True, "is_administrator": True, "is_agency_staff": False}, True),
    ({"is_authenticated": True, "is_administrator": False, "is_agency_staff": True}, True),
    ({"is_authenticated": True, "is_administrator": False, "is_agency_staff": False}, False),
    ({"is_authenticated": False, "is_administrator": True, "is_agency_staff": True}, False),
])
def test_agency_or_admin(attrs, allowed):
    user = SimpleNamespace(**attrs)
    assert is_agency_or_admin(user) is allowed
    if allowed:
        require_agency_or_admin(user)
    else:
        with pytest.raises(PermissionDenied):
            require_agency_or_admin(user)
