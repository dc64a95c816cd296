"""``tradebridge trade ...``: imports, indicators and export potential from the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tradebridge.trade.store import TradeStore
from tradebridge.trade.synthetic import generate_baci

pytestmark = pytest.mark.django_db


@pytest.fixture
def store_dir(settings, tmp_path):
    settings.TRADE_STORE_DIR = tmp_path / "store"
    return settings.TRADE_STORE_DIR


@pytest.fixture
def generated(tmp_path):
    return generate_baci(tmp_path / "baci", rows=4000, countries=25, products=60, year=2022, seed=11)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("trade", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_import_baci_then_indicators_and_potential(store_dir, generated, capsys):
    output = run("import-baci", "--countries", str(generated.countries), str(generated.flows), "--synthetic")
    assert "imported 4,000 rows (baci; years 2022)" in output
    assert "rows read" in capsys.readouterr().err  # progress on standard error
    store = TradeStore(store_dir)
    assert store.years() == [2022] and store.synthetic_years() == [2022]

    eci = json.loads(run("indicator", "eci", "--format", "json"))
    assert len(eci) == 25 and set(eci[0]) == {"year", "country", "value"}
    assert sum(r["value"] for r in eci) == pytest.approx(0.0, abs=1e-9)  # normalised like ecomplexity

    rca = list(
        csv.DictReader(
            io.StringIO(run("indicator", "rca", "--reporter", "VNM", "--level", "2", "--format", "csv"))
        )
    )
    assert rca and {r["country"] for r in rca} == {"VNM"} and all(len(r["product"]) == 2 for r in rca)

    tii = json.loads(run("indicator", "tii", "--reporter", "VNM", "--partner", "LAO", "--year", "2022"))
    assert tii[0]["reporter"] == "VNM" and tii[0]["partner"] == "LAO" and tii[0]["year"] == 2022

    potential = json.loads(run("potential", "VNM", "LAO", "--limit", "5"))
    assert len(potential) <= 5
    for row in potential:
        assert row["exporter_rca"] >= 1 and row["untapped"] > 0 and len(row["reasons"]) == 5
    untapped = [row["untapped"] for row in potential]
    assert untapped == sorted(untapped, reverse=True)

    status = run("status")
    assert "2022: CEPII BACI" in status and "(generated data)" in status


def test_bad_baci_file_fails_with_file_and_line(store_dir, generated, tmp_path):
    bad = tmp_path / "BACI_HS22_Y2023_V000.csv"
    bad.write_text("t,i,j,k,v,q\n2023,704,418,010121,1.0,\n2023,704,418,10121,1.0,\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"BACI_HS22_Y2023_V000.csv:3: k: product code '10121' has 5 digits"
    ):
        run("import-baci", "--countries", str(generated.countries), str(bad))
    assert TradeStore(store_dir).years() == []


def test_reported_figures_and_sections(store_dir, tmp_path):
    figures = tmp_path / "figures.csv"
    figures.write_text(
        "year,reporter,partner,flow,hs_or_group,value,currency,source\n"
        "2022,VN-HN,LAO,export,TOTAL,200000000,USD,Hanoi Department of Industry and Trade\n"
        "2022,LA-VT,VNM,export,TOTAL,1750000000000,LAK,Vientiane statistics\n",
        encoding="utf-8",
    )
    assert "imported 2 rows" in run("import-reported", str(figures), "--rate", "LAK:2022=17500")
    rows = (
        TradeStore(store_dir)
        .connect()
        .execute("SELECT reporter, value, currency FROM reported ORDER BY reporter")
        .fetchall()
    )
    assert rows == [("LA-VT", 1e8, "LAK"), ("VN-HN", 2e8, "USD")]
    with pytest.raises(CommandError, match="bad rate"):
        run("import-reported", str(figures), "--rate", "LAK")
    assert "imported 4,695 rows (sections; years 2021)" in run("import-sections")


def test_indicator_errors(store_dir):
    with pytest.raises(CommandError, match="no flows yet"):
        run("indicator", "eci")
    with pytest.raises(CommandError, match="no flows yet"):
        run("potential", "VNM", "LAO")


BACI_COUNTRIES = (
    "country_code,country_name,country_iso2,country_iso3\n"
    "704,Viet Nam,VN,VNM\n418,Lao People's Dem. Rep.,LA,LAO\n156,China,CN,CHN\n764,Thailand,TH,THA\n"
    '490,"Other Asia, nes",N/A,S19\n530,Netherlands Antilles (...2010),AN,ANT\n'
)


def test_real_baci_codes_outside_iso_import_with_warnings_and_stay_queryable(store_dir, tmp_path, capsys, client):
    countries = tmp_path / "country_codes_V202501.csv"
    countries.write_text(BACI_COUNTRIES, encoding="utf-8")
    codes = (704, 418, 156, 764, 490, 530)
    products = ("010121", "090111", "270900", "850440", "440799")
    lines = ["t,i,j,k,v,q"]
    for n, (i, j) in enumerate((i, j) for i in codes for j in codes if i != j):
        for m, k in enumerate(products):
            if (n + m) % 3:
                lines.append(f"2022,{i},{j},{k},{1 + (n * 7 + m * 13) % 50}.5,")
    flows = tmp_path / "BACI_HS22_Y2022_V202501.csv"
    flows.write_text("\n".join(lines) + "\n", encoding="utf-8")

    output = run("import-baci", "--countries", str(countries), str(flows))
    assert "imported" in output and "years 2022" in output
    err = capsys.readouterr().err
    assert "warning: country_codes_V202501.csv: country S19 (Other Asia, nes, code 490)" in err
    assert "country ANT (Netherlands Antilles (...2010), code 530)" in err
    assert "country VNM" not in err
    status = run("status")
    assert "warning:" in status and "S19" in status

    tii = json.loads(run("indicator", "tii", "--reporter", "VNM", "--partner", "S19", "--year", "2022"))
    assert tii[0]["partner"] == "S19" and tii[0]["value"] > 0
    rca = json.loads(run("indicator", "rca", "--reporter", "ANT", "--year", "2022"))
    assert rca and {r["country"] for r in rca} == {"ANT"}
    api = client.get("/api/trade/indicators/tii", {"year": 2022, "reporter": "VNM", "partner": "S19"})
    assert api.status_code == 200 and api.json()[0]["partner"] == "S19"
    page = client.get("/trade/", {"reporter": "VNM", "partner": "S19", "year": 2022}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode().replace("&#x27;", "'")
    assert "Other Asia, nes" in html and "Netherlands Antilles (...2010)" in html  # name from BACI's table


def test_baci_codes_missing_from_the_supplied_table_are_still_refused(store_dir, tmp_path):
    countries = tmp_path / "country_codes.csv"
    countries.write_text(BACI_COUNTRIES, encoding="utf-8")
    flows = tmp_path / "BACI_HS22_Y2022_V202501.csv"
    flows.write_text("t,i,j,k,v,q\n2022,704,490,010121,1.0,\n2022,704,531,010121,1.0,\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"BACI_HS22_Y2022_V202501.csv:3: j: unknown country code 531"):
        run("import-baci", "--countries", str(countries), str(flows))
    assert TradeStore(store_dir).years() == []
