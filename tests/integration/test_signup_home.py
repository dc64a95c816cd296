"""Sign-up with review by agency staff, password reset, each role's home, the error pages."""

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import include, path, reverse

from tests.personas import PASSWORD, client_for
from tradebridge.accounts.models import Role, SignupApplication, User
from tradebridge.registry.models import Organization

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long enough passphrase 2027"


def signs_in(username: str, password: str) -> bool:
    response = Client().post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302


def apply(client=None, **extra):
    lao = Organization.objects.get(slug="vientiane-doic").country
    data = {"first_name": "Bounmy", "email": "bounmy@example.la", "username": "bounmy",
            "password": NEW_PASSWORD, "language": "lo", "org_name": "Bat Trang Ceramics",
            "org_kind": "enterprise", "org_country": lao.pk, **extra}
    return (client or client_for(None)).post(reverse("accounts:signup"), data)


def test_login_page_links_to_sign_up_reset_and_contact(settings):
    settings.TRADEBRIDGE_CONTACT_EMAIL = "help@tradebridge.example"
    page = client_for(None).get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:signup") in page and reverse("accounts:password_reset") in page
    assert "help@tradebridge.example" in page


def test_application_waits_and_cannot_sign_in():
    response = apply()
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_sent")
    application = SignupApplication.objects.get(email="bounmy@example.la")
    assert application.is_pending and not application.user.is_active
    assert not signs_in("bounmy", NEW_PASSWORD)
    again = apply(username="bounmy2")
    assert again.status_code == 400 and "already waiting" in again.content.decode()
    assert SignupApplication.objects.count() == 1


def test_officer_sees_the_queue_and_duplicates_then_approves(vn_officer):
    apply(org_name="Công ty TNHH Gốm Bát Tràng",
          org_country=Organization.objects.get(slug="hanoi-doit").country_id)
    application = SignupApplication.objects.get()
    officer = client_for(vn_officer)
    assert application.user.username in officer.get(reverse("accounts:applications")).content.decode()
    assert client_for(None).get(reverse("accounts:applications")).status_code == 302
    review = officer.get(reverse("accounts:application", args=[application.pk])).content.decode()
    section = review.split('data-testid="likely-duplicates"')[1].split("</section>")[0]
    same = [o for o in Organization.objects.active() if "bat-trang" in o.slug]
    assert same and any(o.display_name in section for o in same)
    target = same[0]
    response = officer.post(reverse("accounts:application_approve", args=[application.pk]),
                            {"target": "other", "other": target.slug})
    assert response.status_code == 302
    user = User.objects.get(username="bounmy")
    assert user.is_active and user.role == Role.ENTERPRISE_MEMBER and user.organization == target
    assert len(mail.outbox) == 1 and "ບັນຊີ" in mail.outbox[0].subject  # in Lao, the user's language
    assert signs_in("bounmy", NEW_PASSWORD)


def test_approval_can_create_the_organisation(lao_officer):
    apply(org_name="Champa Weaving Cooperative 2027", org_kind="cooperative")
    application = SignupApplication.objects.get()
    response = client_for(lao_officer).post(
        reverse("accounts:application_approve", args=[application.pk]), {"target": "new"})
    assert response.status_code == 302
    created = Organization.objects.get(name="Champa Weaving Cooperative 2027")
    assert created.kind == "cooperative" and created.contact_email == "bounmy@example.la"
    assert User.objects.get(username="bounmy").organization == created


def test_rejection_needs_a_reason_and_tells_the_applicant(vn_officer):
    apply(language="en")
    application = SignupApplication.objects.get()
    officer = client_for(vn_officer)
    url = reverse("accounts:application_reject", args=[application.pk])
    assert officer.post(url, {"reason": ""}).status_code == 400
    assert officer.post(url, {"reason": "We could not find this company."}).status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected" and not application.user.is_active
    assert "We could not find this company." in mail.outbox[0].body
    assert mail.outbox[0].to == ["bounmy@example.la"]


def test_enterprise_member_cannot_review(cn_member):
    assert client_for(cn_member).get(reverse("accounts:applications")).status_code == 403


def test_password_reset_by_email(cn_member):
    cn_member.email, cn_member.language = "wang@example.cn", "zh-hans"
    cn_member.save(update_fields=["email", "language"])
    client = client_for(None)
    response = client.post(reverse("accounts:password_reset"), {"email": "wang@example.cn"})
    assert response.status_code == 302
    message = mail.outbox[0]
    assert "密码" in message.subject  # the user's language, not the page's
    link = next(line for line in message.body.splitlines() if "/accounts/password/reset/" in line)
    path_ = link.split("testserver", 1)[1].strip()
    form = client.get(path_, follow=True)
    assert form.status_code == 200
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    cn_member.refresh_from_db()
    assert cn_member.check_password(NEW_PASSWORD) and not cn_member.check_password(PASSWORD)


def test_public_home_is_a_short_overview():
    page = client_for(None).get(reverse("home")).content.decode()
    assert 'data-testid="organizations-overview"' in page and 'data-testid="open-events"' in page
    assert page.count("<tr>") < 10  # no longer one row per organisation


def test_enterprise_home(cn_member):
    page = client_for(cn_member).get(reverse("home")).content.decode()
    assert cn_member.organization.display_name in page.split("<h1>")[1]
    for part in ("next-meetings", "my-requests", "open-events"):
        assert f'data-testid="{part}"' in page


def test_officer_home(vn_officer):
    page = client_for(vn_officer).get(reverse("home")).content.decode()
    for part in ("pending-reviews", "my-events", "overdue-commitments"):
        assert f'data-testid="{part}"' in page
    assert reverse("accounts:applications") in page and reverse("registry:duplicates") in page


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), path("", include("tradebridge.urls"))]
handler500 = "tradebridge.views.server_error"


@override_settings(DEBUG=False)
@pytest.mark.parametrize(("language", "text"), [("en", "Page not found"), ("vi", "Không tìm thấy trang")])
def test_404_in_the_layout_and_language(language, text):
    response = client_for(None, language).get("/no/such/page/")
    page = response.content.decode()
    assert response.status_code == 404 and text in page
    assert 'class="topbar"' in page and 'data-testid="back-home"' in page


@override_settings(DEBUG=False)
def test_403_in_the_layout(cn_member):
    response = client_for(cn_member, "lo").get(reverse("accounts:applications"))
    page = response.content.decode()
    assert response.status_code == 403 and '<html lang="lo">' in page and 'data-testid="back-home"' in page


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_500_in_the_layout_and_language():
    client = client_for(None, "zh-hans")
    client.raise_request_exception = False
    response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500 and '<html lang="zh-hans">' in page
    assert 'data-testid="back-home"' in page
