"""Reference data: counts, idempotence, and bad files that change nothing."""

import functools
import shutil

import pytest
from django.core.management import CommandError, call_command

from tradebridge.bootstrap.reference import do_load_reference
from tradebridge.catalog import loaders as catalog_loaders
from tradebridge.catalog.models import GlossaryTerm, HSCode, HSSection
from tradebridge.core.loading import DataFileError
from tradebridge.core.models import DataLoad
from tradebridge.geo import loaders as geo_loaders
from tradebridge.geo.models import Country, Province, Zone

pytestmark = pytest.mark.django_db


def test_reference_counts():
    assert HSSection.objects.count() == 21
    assert HSCode.objects.filter(level=2).count() == 97
    assert HSCode.objects.filter(level=4).count() == 1229
    assert HSCode.objects.filter(level=6).count() == 5613  # 5,612 + Comtrade's 999999
    assert Country.objects.count() >= 240
    assert Province.objects.filter(country__alpha3="VNM").count() == 63
    assert Province.objects.filter(country__alpha3="LAO").count() == 18
    assert Province.objects.filter(country__alpha3="CHN").count() == 34
    assert Zone.objects.filter(kind=Zone.Kind.BORDER_GATE).count() >= 8


def test_names_in_four_languages_for_the_three_countries():
    laos = Country.objects.get(alpha3="LAO")
    assert (laos.name_vi, laos.name_lo, laos.name_zh_hans) == ("Lào", "ລາວ", "老挝")
    assert Country.objects.get(alpha3="VNM").name_vi == "Việt Nam"
    assert Country.objects.get(alpha3="CHN").name_lo == "ຈີນ"
    yunnan = Province.objects.get(code="CN-YN")
    assert yunnan.name_vi == "Vân Nam" and "云南" in yunnan.name_zh_hans and yunnan.name_lo


def test_named_border_gates_have_coordinates():
    gate = Zone.objects.get(code="bg-laocai-hekou")
    assert gate.province.code == "VN-02" and gate.partner_province.code == "CN-YN"
    assert 22 < gate.latitude < 23 and 103 < gate.longitude < 104.5


def test_hs_tree_and_glossary_names():
    ginger = HSCode.objects.get(code="091011")
    assert ginger.parent.code == "0910" and ginger.parent.parent.code == "09"
    assert ginger.section.roman == "II"
    assert ginger.name_vi and ginger.name_lo and ginger.name_zh_hans and ginger.name_en
    assert GlossaryTerm.objects.filter(hs=ginger, language="lo", term="ຂີງ").exists()


def test_second_load_is_skipped_and_forced_load_changes_nothing():
    assert do_load_reference() is None
    before = (Country.objects.count(), HSCode.objects.count(), GlossaryTerm.objects.count())
    summary = do_load_reference(force=True)
    assert summary["hs_codes"] == 6939
    after = (Country.objects.count(), HSCode.objects.count(), GlossaryTerm.objects.count())
    assert before == after


def _copy_data(tmp_path):
    for path in geo_loaders.FILES + catalog_loaders.FILES:
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_malformed_hs_code_names_file_and_line(tmp_path):
    data = _copy_data(tmp_path)
    hs_file = data / "harmonized-system-2022.csv"
    lines = hs_file.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("010121", "10121", 1)  # a lost leading zero
    hs_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"harmonized-system-2022.csv, line 4: malformed HS code '10121'"):
        catalog_loaders.load_hs_codes(data)


def test_missing_reference_file_is_named(tmp_path):
    with pytest.raises(DataFileError, match="zones.csv: reference file not found"):
        geo_loaders.load_zones(tmp_path)


def test_failed_load_changes_nothing(tmp_path):
    data = _copy_data(tmp_path)
    zones = data / "zones.csv"
    lines = zones.read_text(encoding="utf-8").splitlines()
    bad = lines[1].split(",")
    bad[0], bad[3] = "bg-new-gate", "XX-99"
    lines.append(",".join(bad))
    zones.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Zone.objects.filter(code="bg-laocai-hekou").update(name_en="Renamed by a user")
    with pytest.raises(DataFileError, match=r"zones.csv, line \d+: field 'province': unknown code 'XX-99'"):
        do_load_reference(force=True, geo_dir=data, catalog_dir=data)
    # The transaction rolled back: the user's change stands and no zone was added.
    assert Zone.objects.get(code="bg-laocai-hekou").name_en == "Renamed by a user"
    assert not Zone.objects.filter(code="bg-new-gate").exists()


def test_glossary_code_not_in_hs_is_refused(tmp_path):
    data = _copy_data(tmp_path)
    glossary = data / "glossary.csv"
    glossary.write_text("hs,en,vi,lo,zh_hans\n999998,nothing,không,ບໍ່,无\n", encoding="utf-8")
    count = GlossaryTerm.objects.count()
    with pytest.raises(DataFileError, match="999998"):
        catalog_loaders.load_glossary(data)
    assert GlossaryTerm.objects.count() == count


def test_command_reports_up_to_date(capsys):
    call_command("load_reference")
    assert "up to date" in capsys.readouterr().out


def test_command_turns_file_errors_into_command_errors(monkeypatch, tmp_path):
    from tradebridge.bootstrap.management.commands import load_reference

    monkeypatch.setattr(load_reference, "do_load_reference",
                        functools.partial(do_load_reference, geo_dir=tmp_path))
    with pytest.raises(CommandError, match="country-codes.csv: reference file not found"):
        call_command("load_reference")
    assert DataLoad.objects.filter(name="reference").exists()
