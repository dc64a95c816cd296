"""On the day and after: check-in, attendance, feedback, the outcome page and its Excel file."""

from io import BytesIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from tests.personas import client_for
from tradebridge.events import outcomes
from tradebridge.events.models import Event, Meeting, MeetingFeedback, Registration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_messages")]


HYBRID = "laocai-export-conference-2021"


def test_outcome_figures_of_the_demo_conference():
    figures = outcomes.outcome_figures(Event.objects.get(slug=HYBRID))
    assert figures["scheduled"] == figures["accepted"] == 7
    assert figures["held"] == 6 and figures["no_show"] == 1
    assert dict(figures["by_pair"])  # country pairs are named
    assert sum(n for _label, n in figures["feedback"]) == 6


def test_outcome_page_is_public_and_excel_is_for_organisers(cn_member, administrator):
    page = client_for().get(reverse("events:outcomes", args=[HYBRID])).content.decode()
    assert 'id="outcome-chart"' in page and "Negotiation started" in page and 'data-testid="xlsx"' not in page
    assert client_for(cn_member).get(reverse("events:outcomes_xlsx", args=[HYBRID])).status_code == 403
    response = client_for(administrator).get(reverse("events:outcomes_xlsx", args=[HYBRID]))
    book = load_workbook(BytesIO(response.content))
    assert {"Summary", "By country pair", "Meetings"} <= set(book.sheetnames)
    assert book["Meetings"].max_row == 8


def test_excel_sheet_names_and_headers_follow_the_language(administrator):
    client = client_for(administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    book = load_workbook(BytesIO(client.get(reverse("events:outcomes_xlsx", args=[HYBRID])).content))
    with translation.override("vi"):
        expected = [outcomes.sheet_title(gettext(t)) for t in (
            "Summary", "By country pair", "By venue", "By sector room", "Feedback", "Meetings")]
        zone = Event.objects.get(slug=HYBRID).main_venue.time_zone  # local times, zone named
        headers = [gettext("Slot"), f"{gettext('Time')} ({zone})", gettext("From"), gettext("To")]
    assert book.sheetnames == expected
    assert [c.value for c in book[expected[-1]][1][:4]] == headers
    assert headers[0] != "Slot"  # already in the Vietnamese catalogue
    assert outcomes.sheet_title("A/B: [x]*? " + "y" * 40) == "AB x " + "y" * 26


def test_participant_gives_feedback_on_its_own_meeting_only(cn_member):
    own = Registration.objects.get(event__slug=HYBRID, organization=cn_member.organization)
    mine = Meeting.objects.get(request__sender=own)
    other = Meeting.objects.filter(event__slug=HYBRID).exclude(request__sender=own).exclude(
        request__recipient=own).first()
    client = client_for(cn_member)
    client.post(reverse("events:feedback", args=[HYBRID, mine.pk]), {"outcome": "agreement"})
    assert MeetingFeedback.objects.get(meeting=mine, registration=own).outcome == "agreement"
    client.post(reverse("events:feedback", args=[HYBRID, other.pk]), {"outcome": "agreement"})
    assert not MeetingFeedback.objects.filter(meeting=other, registration=own).exists()
    with pytest.raises(ValidationError, match="Unknown outcome"):
        outcomes.do_give_feedback(mine, own, actor=None, outcome="great")


def test_organisers_check_in_and_mark_attendance(administrator, cn_member):
    registration = Registration.objects.filter(event__slug=HYBRID).first()
    meeting = Meeting.objects.filter(event__slug=HYBRID).first()
    check_in = reverse("events:check_in", args=[HYBRID, registration.pk])
    attendance = reverse("events:attendance", args=[HYBRID, meeting.pk])
    assert client_for(cn_member).post(check_in).status_code == 403
    assert client_for(cn_member).post(attendance, {"attendance": "no_show"}).status_code == 403
    client_for(administrator).post(check_in)
    client_for(administrator).post(attendance, {"attendance": "no_show"})
    registration.refresh_from_db()
    meeting.refresh_from_db()
    assert registration.checked_in_at is not None and meeting.attendance == Meeting.Attendance.NO_SHOW
