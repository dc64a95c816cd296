"""Agency staff are e-mailed each new sign-up application (in their language, with a link to
it), and review applications through the JSON API with the pages' services and permissions:
agency staff and administrators only."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.integration.test_signup_home import NEW_PASSWORD, apply, signs_in
from tests.personas import client_for
from tradebridge.accounts.models import Role, SignupApplication, User
from tradebridge.registry.models import Organization

pytestmark = pytest.mark.django_db

QUEUE = "/api/accounts/applications"


def approve_url(application):
    return f"{QUEUE}/{application.pk}/approve"


def reject_url(application):
    return f"{QUEUE}/{application.pk}/reject"


def test_the_reviewers_of_the_applicants_country_are_emailed_a_link(
        lao_officer, vn_officer, django_capture_on_commit_callbacks):
    User.objects.filter(pk=lao_officer.pk).update(email="souk@example.la", language="lo")
    User.objects.filter(pk=vn_officer.pk).update(email="hoa@example.vn", language="vi")
    with django_capture_on_commit_callbacks(execute=True):
        assert apply().status_code == 302  # a Lao enterprise (see apply)
    application = SignupApplication.objects.get()
    sent = [m for m in mail.outbox if "souk@example.la" in m.to]
    assert len(sent) == 1 and not [m for m in mail.outbox if "hoa@example.vn" in m.to]
    message = sent[0]
    assert "Bat Trang Ceramics" in message.subject and "[TradeBridge]" in message.subject
    assert "Asia/Vientiane" in message.body and "bounmy@example.la" in message.body
    assert f"http://testserver{reverse('accounts:application', args=[application.pk])}" in message.body
    assert "ຄຳຮ້ອງ" in message.subject or "ບັນຊີ" in message.subject  # in Lao, the officer's language


def test_without_staff_in_that_country_all_staff_are_told(vn_officer, django_capture_on_commit_callbacks):
    User.objects.filter(role=Role.AGENCY_STAFF, organization__country__alpha3="LAO").update(is_active=False)
    User.objects.filter(pk=vn_officer.pk).update(email="hoa@example.vn", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        apply()
    assert [m for m in mail.outbox if "hoa@example.vn" in m.to]


def test_staff_list_and_approve_through_the_api(vn_officer, django_capture_on_commit_callbacks):
    apply(org_name="Công ty TNHH Gốm Bát Tràng",
          org_country=Organization.objects.get(slug="hanoi-doit").country_id)
    application = SignupApplication.objects.get()
    officer = client_for(vn_officer)
    queue = officer.get(QUEUE)
    assert queue.status_code == 200
    found = next(a for a in queue.json() if a["id"] == application.pk)
    assert found["username"] == "bounmy" and found["status"] == "pending" and found["org_country"] == "VNM"
    assert any("bat-trang" in c["organization"] for c in found["likely_duplicates"])
    target = next(c["organization"] for c in found["likely_duplicates"] if "bat-trang" in c["organization"])
    response = officer.post(approve_url(application), {"organization": target}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert response.json()["organization"] == target
    user = User.objects.get(username="bounmy")
    assert user.is_active and user.role == Role.ENTERPRISE_MEMBER and user.organization.slug == target
    assert mail.outbox[-1].to == ["bounmy@example.la"]  # told, as from the page
    assert signs_in("bounmy", NEW_PASSWORD)
    # Decided: not again, and no longer in the queue.
    again = officer.post(reject_url(application), {"reason": "late"}, content_type="application/json")
    assert again.status_code == 422 and "already been decided" in again.json()["message"]
    assert application.pk not in [a["id"] for a in officer.get(QUEUE).json()]


def test_approval_without_an_organisation_creates_the_described_one(administrator):
    apply(org_name="Champa Weaving Cooperative 2027", org_kind="cooperative")
    application = SignupApplication.objects.get()
    response = client_for(administrator).post(approve_url(application), {}, content_type="application/json")
    assert response.status_code == 200
    created = Organization.objects.get(name="Champa Weaving Cooperative 2027")
    assert response.json()["organization"] == created.slug and created.kind == "cooperative"
    missing = client_for(administrator).post(approve_url(application).replace(str(application.pk), "999999"),
                                             {}, content_type="application/json")
    assert missing.status_code == 404


def test_rejection_needs_a_reason(lao_officer):
    apply(language="en")
    application = SignupApplication.objects.get()
    officer = client_for(lao_officer)
    empty = officer.post(reject_url(application), {"reason": "  "}, content_type="application/json")
    assert empty.status_code == 422 and empty.json()["fields"] == ["reason"]
    application.refresh_from_db()
    assert application.is_pending
    response = officer.post(reject_url(application), {"reason": "We could not find this company."},
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert "We could not find this company." in mail.outbox[-1].body
    assert not User.objects.get(username="bounmy").is_active


@pytest.mark.parametrize("who", ["cn_member", "outsider", None])
def test_enterprise_members_visitors_and_anonymous_are_refused(request, who):
    apply()
    application = SignupApplication.objects.get()
    user = request.getfixturevalue(who) if who else None
    expected = 403 if user else 401
    client = client_for(user)
    assert client.get(QUEUE).status_code == expected
    assert client.post(approve_url(application), {}, content_type="application/json").status_code == expected
    assert client.post(reject_url(application), {"reason": "no"},
                       content_type="application/json").status_code == expected
    application.refresh_from_db()
    assert application.is_pending and not application.user.is_active
    assert mail.outbox == []
