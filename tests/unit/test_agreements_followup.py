"""Follow-up rules (overdue, expiring, dormant) and "today" across time zones; document checks."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tradebridge.agreements import followup, uploads
from tradebridge.agreements.followup import AgreementFacts, CommitmentFacts

UTC = dt.UTC
D = dt.date


def test_today_depends_on_the_agency_time_zone():
    # 23:30 UTC on 31 March is already 1 April in Hanoi (UTC+7) and Kunming (UTC+8).
    now = dt.datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    assert followup.local_today("Asia/Ho_Chi_Minh", now) == D(2026, 4, 1)
    assert followup.local_today("Asia/Shanghai", now) == D(2026, 4, 1)
    assert followup.local_today("UTC", now) == D(2026, 3, 31)
    # 16:30 UTC: still 31 March in UTC+7 (23:30) but 1 April in UTC+8 (00:30).
    evening = dt.datetime(2026, 3, 31, 16, 30, tzinfo=UTC)
    assert followup.local_today("Asia/Vientiane", evening) == D(2026, 3, 31)
    assert followup.local_today("Asia/Shanghai", evening) == D(2026, 4, 1)


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        followup.local_today("Asia/Vientiane", dt.datetime(2026, 1, 1, 12, 0))


def test_a_commitment_due_today_becomes_overdue_first_where_the_day_ends_first():
    due = CommitmentFacts(1, 1, "report", D(2026, 3, 31), closed=False)
    evening = dt.datetime(2026, 3, 31, 16, 30, tzinfo=UTC)
    assert not followup.is_overdue(due, followup.local_today("Asia/Vientiane", evening))
    assert followup.is_overdue(due, followup.local_today("Asia/Shanghai", evening))


def test_closed_or_undated_commitments_are_never_overdue():
    today = D(2026, 5, 1)
    assert not followup.is_overdue(CommitmentFacts(1, 1, "x", D(2020, 1, 1), closed=True), today)
    assert not followup.is_overdue(CommitmentFacts(1, 1, "x", None, closed=False), today)
    assert followup.is_due_soon(CommitmentFacts(1, 1, "x", D(2026, 5, 20), closed=False), today)


def test_expiring_expired_and_dormant():
    today = D(2026, 11, 23)
    expiring = AgreementFacts(1, "a", True, D(2025, 1, 1), D(2026, 12, 31), D(2026, 10, 1))
    expired = AgreementFacts(2, "b", True, D(2022, 1, 4), D(2025, 12, 31), D(2023, 7, 3))
    closed = AgreementFacts(3, "c", False, D(2022, 1, 4), D(2025, 12, 31), None)
    fresh = AgreementFacts(4, "d", True, D(2026, 9, 1), None, None)
    assert followup.is_expiring(expiring, today) and not followup.is_expiring(expired, today)
    assert followup.is_expired_open(expired, today) and not followup.is_expired_open(closed, today)
    assert followup.is_dormant(expired, today)  # last report 2023-07-03
    assert not followup.is_dormant(expiring, today) and not followup.is_dormant(fresh, today)
    assert not followup.is_dormant(closed, today)
    result = followup.attention([expiring, expired, closed, fresh], [], today)
    assert [a.id for a in result.expiring] == [1] and [a.id for a in result.expired_open] == [2]
    assert [a.id for a in result.dormant] == [2] and result.total == 3


def test_dormancy_boundary():
    signed = D(2026, 1, 1)
    facts = AgreementFacts(1, "a", True, signed, None, None)
    limit = signed + dt.timedelta(days=followup.DORMANT_AFTER_DAYS)
    assert not followup.is_dormant(facts, limit)
    assert followup.is_dormant(facts, limit + dt.timedelta(days=1))


PDF = b"%PDF-1.7\n"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff\xe0"


@pytest.mark.parametrize(("name", "head", "content_type"), [
    ("mou.pdf", PDF, "application/pdf"), ("scan.JPG", JPEG, "image/jpeg"),
    ("scan.jpeg", JPEG, "image/jpeg"), ("page.png", PNG, "image/png")])
def test_documents_accepted(name, head, content_type):
    assert uploads.check_document(name, 1000, head).content_type == content_type


@pytest.mark.parametrize(("name", "size", "head", "message"), [
    ("mou.pdf", uploads.MAX_UPLOAD_BYTES + 1, PDF, "larger than"),
    ("mou.docx", 1000, b"PK\x03\x04", "not a PDF"),
    ("evil.pdf", 1000, b"MZ\x90\x00", "not a PDF"),
    ("scan.pdf", 1000, PNG, "does not match"),
    ("empty.pdf", 0, b"", "empty"),
])
def test_documents_refused_with_the_field_named(name, size, head, message):
    with translation.override("en"), pytest.raises(ValidationError) as info:
        uploads.check_document(name, size, head, field="attachment")
    assert message in " ".join(info.value.message_dict["attachment"])


@given(name=st.text(max_size=40), head=st.binary(max_size=16), size=st.integers(0, 2 * uploads.MAX_UPLOAD_BYTES))
def test_document_check_accepts_or_raises_validation_error(name, head, size):
    try:
        checked = uploads.check_document(name, size, head)
    except ValidationError as exc:
        assert "file" in exc.message_dict
    else:
        assert checked.content_type in {"application/pdf", "image/jpeg", "image/png"}
        assert 0 < checked.size <= uploads.MAX_UPLOAD_BYTES


def test_thresholds_override_the_module_constants():
    from tradebridge.agreements.followup import Thresholds, attention

    today = dt.date(2026, 1, 1)
    quiet = AgreementFacts(1, "Quiet MOU", True, dt.date(2025, 6, 1), dt.date(2026, 2, 20), None)
    default = attention([quiet], [], today)
    custom = attention([quiet], [], today, Thresholds(expiring_days=10, dormant_days=400))
    assert default.expiring == [quiet] and default.dormant == [quiet]
    assert custom.expiring == [] and custom.dormant == []
