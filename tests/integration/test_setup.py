"""`tradebridge setup` loads demo data on the first start only and prints the accounts."""

import pytest
from django.core.management import call_command

from tradebridge.accounts.models import User
from tradebridge.core.models import DataLoad
from tradebridge.registry.models import Organization

pytestmark = pytest.mark.django_db


def test_first_start_loads_demo_and_prints_accounts(capsys):
    DataLoad.objects.filter(name="demo").delete()
    call_command("setup")
    out = capsys.readouterr().out
    assert "Demo data loaded" in out
    for username in ("admin", "minh.hanoi", "khamla.vientiane", "li.zhejiang", "visitor"):
        assert username in out
    assert "tradebridge-demo" in out


def test_second_start_keeps_user_changes(capsys):
    Organization.objects.filter(slug="van-phuc-silk").update(name="Changed by a user")
    call_command("setup")
    assert "Demo data loaded" not in capsys.readouterr().out
    assert Organization.objects.get(slug="van-phuc-silk").name == "Changed by a user"


def test_demo_accounts_cover_every_role():
    roles = set(User.objects.filter(email__endswith="@demo.tradebridge.invalid")
                .values_list("role", flat=True))
    assert roles == {"admin", "agency_staff", "enterprise_member", "visitor"}


def test_demo_organisations_from_the_seeds():
    villages = Organization.objects.filter(kind="cooperative", is_demo=False)
    assert {"Làng lụa Vạn Phúc", "Làng gốm Bát Tràng", "Làng khảm trai Chuyên Mỹ",
            "Làng sừng mỹ nghệ Thụy Ứng", "Làng sơn mài Hạ Thái (Duyên Thái)"} <= set(
        villages.values_list("name", flat=True))
    assert all(o.source for o in Organization.objects.filter(is_demo=False))
    assert Organization.objects.get(slug="vioit").country.alpha3 == "VNM"
    assert Organization.objects.get(slug="iice").country.alpha3 == "LAO"
