"""Each persona can do what its role allows and nothing more."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import client_for
from tradebridge.registry.access import can_edit_organization
from tradebridge.registry.models import Organization
from tradebridge.registry.services import do_archive_organization

pytestmark = pytest.mark.django_db



def edit_url(slug: str) -> str:
    return reverse("registry:organization_edit", args=[slug])


def post_name(client: Client, slug: str, name: str):
    org = Organization.objects.get(slug=slug)
    data = {"name": name, "name_en": org.name_en, "name_vi": org.name_vi, "name_lo": org.name_lo,
            "name_zh_hans": org.name_zh_hans, "province": org.province_id or ""}
    return client.post(edit_url(slug), data)


def test_vn_officer_edits_any_organisation(vn_officer):
    response = post_name(client_for(vn_officer), "vientiane-doic", "Renamed by Hanoi")
    assert response.status_code == 302
    org = Organization.objects.get(slug="vientiane-doic")
    assert org.name == "Renamed by Hanoi"
    last = org.history.first()
    assert last.history_user == vn_officer and "name" in last.history_change_reason


def test_lao_officer_edits_a_chinese_enterprise(lao_officer):
    response = post_name(client_for(lao_officer), "demo-zhejiang-textiles", "浙江丝路纺织")
    assert response.status_code == 302
    assert Organization.objects.get(slug="demo-zhejiang-textiles").name == "浙江丝路纺织"


def test_cn_member_edits_own_organisation_only(cn_member):
    client = client_for(cn_member)
    assert post_name(client, "demo-zhejiang-textiles", "Own new name").status_code == 302
    assert client.get(edit_url("hanoi-doit")).status_code == 403
    assert post_name(client, "hanoi-doit", "Hijacked").status_code == 403
    assert Organization.objects.get(slug="hanoi-doit").name == "Sở Công Thương Hà Nội"


def test_outsider_cannot_edit(outsider):
    client = client_for(outsider)
    assert client.get(edit_url("demo-zhejiang-textiles")).status_code == 403
    assert post_name(client, "van-phuc-silk", "Hijacked").status_code == 403
    assert Organization.objects.get(slug="van-phuc-silk").name == "Làng lụa Vạn Phúc"


def test_anonymous_is_sent_to_login():
    response = Client().get(edit_url("van-phuc-silk"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona, sees", [(None, False), ("outsider", False), ("cn_member", True),
                                            ("vn_officer", True), ("administrator", True)])
def test_contacts_are_for_enterprise_members_and_agency_staff(request, persona, sees):
    """README, roles: a visitor, signed in or not, with no organisation sees no contacts."""
    user = request.getfixturevalue(persona) if persona else None
    Organization.objects.filter(slug="van-phuc-silk").update(contact_email="lua@vanphuc.example")
    page = client_for(user).get(reverse("registry:organization", args=["van-phuc-silk"])).content.decode()
    assert ("lua@vanphuc.example" in page) is sees
    assert ('data-testid="contacts-hidden"' in page) is not sees
    body = client_for(user).get("/api/organizations/van-phuc-silk").json()
    assert body["contact_email"] == ("lua@vanphuc.example" if sees else None)


def test_archived_organisation_is_hidden_from_the_public_and_frozen(vn_officer):
    org = Organization.objects.get(slug="bat-trang-ceramics")
    do_archive_organization(org, actor=vn_officer, reason="test")
    assert Client().get(reverse("registry:organization", args=[org.slug])).status_code == 404
    assert Client().get(f"/api/organizations/{org.slug}").status_code == 404
    staff = client_for(vn_officer)
    assert staff.get(reverse("registry:organization", args=[org.slug])).status_code == 200
    assert staff.get(edit_url(org.slug)).status_code == 403
    assert not can_edit_organization(vn_officer, org)


@pytest.mark.parametrize("persona", ["vn_officer", "lao_officer", "cn_member", "outsider"])
def test_only_administrators_reach_the_admin(request, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client_for(user).get("/admin/accounts/user/").status_code == 302


def test_administrator_reaches_the_admin(administrator):
    client = client_for(administrator)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/catalog/glossaryterm/").status_code == 200


def test_roles_require_the_right_kind_of_organisation():
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from tests.personas import make_user

    with translation.override("en"):
        with pytest.raises(ValidationError, match="agency"):
            make_user("fake.officer", "agency_staff", "demo-zhejiang-textiles")
        with pytest.raises(ValidationError, match="enterprise"):
            make_user("fake.member", "enterprise_member", "hanoi-doit")


def test_superuser_role_and_staff_flag_follow(administrator, outsider):
    assert administrator.is_staff and administrator.is_administrator
    outsider.is_staff = True
    outsider.save()
    outsider.refresh_from_db()
    assert not outsider.is_staff
