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


def test_a_database_of_an_earlier_demo_is_corrected_once_and_keeps_user_changes(capsys):
    import datetime as dt

    from tradebridge.agreements import services
    from tradebridge.agreements.models import Agreement

    # Loaded by the earlier version: signed "minutes" of the Lào Cai–Honghe talks with a signatory.
    talks = services.do_create_agreement(
        actor=None, demo_key="laocai-honghe-2024", level="province", kind="minutes", title="Hội đàm",
        category="trade_promotion", signed_on=dt.date(2024, 1, 29),
        parties=[services.PartyIn(Organization.objects.get(slug="laocai-doit")),
                 services.PartyIn(Organization.objects.get(slug="honghe-commerce"), "Hòa Đào")])
    DataLoad.objects.filter(name="demo").update(checksum="")
    Organization.objects.filter(slug="van-phuc-silk").update(name="Changed by a user")
    call_command("setup")
    assert "Demo events and agreements corrected" in capsys.readouterr().out
    talks.refresh_from_db()
    assert talks.archived_at is not None and not Agreement.objects.active().filter(pk=talks.pk).exists()
    assert Organization.objects.get(slug="van-phuc-silk").name == "Changed by a user"
    call_command("setup")
    assert "corrected" not in capsys.readouterr().out
