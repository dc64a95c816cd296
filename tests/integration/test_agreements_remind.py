"""`tradebridge agreements-remind` e-mails agency staff what needs attention."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_reminders_go_to_the_staff_of_each_agency(vn_officer):
    vn_officer.email = "hoa@hanoi.example"
    vn_officer.language = "en"  # reads the reminder in English
    vn_officer.save(update_fields=["email", "language"])
    out = io.StringIO()
    call_command("agreements_remind", "--now", "2026-11-23T08:00+07:00", stdout=out)
    sent = [m for m in mail.outbox if "hoa@hanoi.example" in m.to]
    assert len(sent) == 1
    # The trade departments' MOU ended on 2025-12-31 and is still open; its last report is from 2023.
    assert "Ended 2025-12-31 but still open" in sent[0].body
    assert "Dormant" in sent[0].body and "hanoi-doit" in out.getvalue()


def test_bad_now_is_refused():
    with pytest.raises(CommandError, match="UTC offset"):
        call_command("agreements_remind", "--now", "2026-11-23T08:00", "--dry-run")
    with pytest.raises(CommandError, match="ISO 8601"):
        call_command("agreements_remind", "--now", "tomorrow", "--dry-run")


def test_thresholds_can_be_overridden_on_the_command_line(vn_officer):
    vn_officer.email = "hoa@hanoi.example"
    vn_officer.save(update_fields=["email"])
    default, longer = io.StringIO(), io.StringIO()
    with translation.override("en"):  # a dry run prints the reminders in the active language
        call_command("agreements_remind", "--now", "2026-11-23T08:00+07:00", "--dry-run", stdout=default)
        # Nothing of the demo data has gone without a report for 30 years: no agreement is dormant.
        call_command("agreements_remind", "--now", "2026-11-23T08:00+07:00", "--dry-run",
                     "--dormant-days", "3650", "--expiring-days", "1", stdout=longer)
    assert "Dormant" in default.getvalue() and "Dormant" not in longer.getvalue()


def test_bad_thresholds_are_refused_naming_the_option():
    with pytest.raises(CommandError, match="--dormant-days"):
        call_command("agreements_remind", "--dry-run", "--dormant-days", "-5")
    with pytest.raises(CommandError, match="--expiring-days"):
        call_command("agreements_remind", "--dry-run", "--expiring-days", "soon")
