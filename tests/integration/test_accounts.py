"""Sign-in, sign-out, password change, rate limiting and CSRF."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_and_logout(vn_officer):
    client = Client()
    response = client.post(reverse("accounts:login"),
                           {"username": "hoa.vn", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("accounts:account")).content.decode()
    assert "hoa.vn" in page
    assert client.get(reverse("accounts:logout")).status_code == 405  # a link cannot sign out
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 302


def test_wrong_password_is_refused_with_a_message(vn_officer):
    response = Client().post(reverse("accounts:login"),
                             {"username": "hoa.vn", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def test_login_is_rate_limited(vn_officer, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "hoa.vn", "password": "nope"})
    response = client.post(reverse("accounts:login"),
                           {"username": "hoa.vn", "password": PASSWORD})
    assert response.status_code == 429
    assert client.get(reverse("accounts:account")).status_code != 200


def test_password_is_hashed_with_argon2(vn_officer):
    assert vn_officer.password.startswith("argon2")


def test_password_change(cn_member):
    client = Client()
    client.force_login(cn_member)
    new = "a much longer new passphrase 7"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    cn_member.refresh_from_db()
    assert cn_member.check_password(new)


def test_password_change_with_wrong_old_password_changes_nothing(cn_member):
    client = Client()
    client.force_login(cn_member)
    new = "a much longer new passphrase 7"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "not it", "new_password1": new, "new_password2": new})
    assert response.status_code == 200
    cn_member.refresh_from_db()
    assert cn_member.check_password(PASSWORD)


def test_forms_need_csrf(cn_member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cn_member)
    url = reverse("registry:organization_edit", args=["demo-zhejiang-textiles"])
    assert client.post(url, {"name": "No token"}).status_code == 403
    assert client.post(reverse("accounts:logout")).status_code == 403
    page = client.get(url).content.decode()
    assert "csrfmiddlewaretoken" in page
