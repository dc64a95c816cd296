"""Named personas: a Vietnamese agency officer, a Lao agency officer, a Chinese enterprise
member, an outsider (signed in, no organisation) and an administrator."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from tradebridge.accounts.models import Role, User
from tradebridge.registry.models import Organization

PASSWORD = "correct horse battery staple 42"


def make_user(username: str, role: str, organization_slug: str | None = None, **extra) -> User:
    organization = Organization.objects.get(slug=organization_slug) if organization_slug else None
    user = User(username=username, role=role, organization=organization, **extra)
    user.set_password(PASSWORD)
    user.full_clean()
    user.save()
    return user


@pytest.fixture
def vn_officer(db) -> User:
    """Officer of the Hanoi Department of Industry and Trade."""
    return make_user("hoa.vn", Role.AGENCY_STAFF, "hanoi-doit", time_zone="Asia/Ho_Chi_Minh")


@pytest.fixture
def lao_officer(db) -> User:
    """Officer of the Vientiane Capital Department of Industry and Commerce."""
    return make_user("souk.la", Role.AGENCY_STAFF, "vientiane-doic", time_zone="Asia/Vientiane")


@pytest.fixture
def cn_member(db) -> User:
    """Member of an illustrative Zhejiang textile enterprise."""
    return make_user("wang.cn", Role.ENTERPRISE_MEMBER, "demo-zhejiang-textiles",
                     time_zone="Asia/Shanghai")


@pytest.fixture
def outsider(db) -> User:
    """Signed-in visitor who belongs to no organisation."""
    return make_user("outsider", Role.VISITOR)


@pytest.fixture
def administrator(db) -> User:
    return make_user("root.admin", Role.ADMINISTRATOR)


def client_for(user: User | None = None, language: str | None = "en") -> Client:
    """A test client signed in as `user` (anonymous for None) that reads the site in `language`
    (English by default, so that pages compare with the msgids; None: the default, Vietnamese)."""
    client = Client()
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def english_messages():
    """Messages are compared with their English msgids; the project's default language is vi.
    Use with `pytestmark = pytest.mark.usefixtures("english_messages")`."""
    with translation.override("en"):
        yield

