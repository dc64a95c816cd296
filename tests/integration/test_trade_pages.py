"""Trade pages on the demo data: the dashboard with charts and tables, downloads, the PDF report,
the province and investment pages, and who may write investment records."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.personas import client_for
from tradebridge.geo.models import Country
from tradebridge.trade.models import InvestmentRecord

pytestmark = pytest.mark.django_db


def test_dashboard_defaults_to_vietnam_laos_with_charts_tables_and_synthetic_banner(client):
    response = client.get(reverse("trade:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="synthetic-banner"' in html
    # The partial Plotly bundle, deferred, from our own static files; no inline chart script.
    assert '<script defer src="/static/tradebridge/vendor/plotly/plotly-tradebridge.min.js">' in html
    assert "cdn.plot.ly" not in html and "Plotly.newPlot" not in html
    for chart in ("chart-totals", "chart-composition", "chart-top-exports", "chart-rca", "chart-potential"):
        assert f'id="{chart}"' in html
    for table in ("totals", "composition", "top_exports", "top_imports", "rca", "potential", "real_sections"):
        assert f'data-testid="table-{table}"' in html
        assert f"/trade/download/dashboard/{table}.csv?" in html
    assert "treemap" in html
    assert response.context["pair"].reporter == "VNM" and response.context["pair"].partner == "LAO"


def test_dashboard_other_pair_and_year(client):
    response = client.get(reverse("trade:dashboard"), {"reporter": "VNM", "partner": "CHN", "year": 2021})
    assert response.status_code == 200
    assert response.context["data"]["year"] == 2021
    assert response.context["data"]["totals"][0]["exports"] > 0


@pytest.mark.parametrize("params", [{"reporter": "Viet"}, {"year": "2001"}, {"partner": "VNM"}])
def test_dashboard_bad_parameters_are_400_with_a_message(client, params):
    response = client.get(reverse("trade:dashboard"), params)
    assert response.status_code == 400
    assert b'data-testid="error"' in response.content


def test_csv_download_of_a_dashboard_table(client):
    url = reverse("trade:download", args=["dashboard", "top_exports", "csv"])
    response = client.get(url, {"reporter": "VNM", "partner": "LAO", "year": 2023})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert len(text.splitlines()) > 5
    assert "2019, 2020, 2021, 2022, 2023" in text  # the synthetic note travels with the data


def test_excel_download_of_the_composition(client):
    url = reverse("trade:download", args=["dashboard", "composition", "xlsx"])
    response = client.get(url)
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.active.max_row > 5


@pytest.mark.parametrize(("page", "table", "fmt"), [
    ("dashboard", "nope", "csv"), ("dashboard", "totals", "pdf"), ("nope", "totals", "csv")])
def test_bad_downloads_are_400(client, page, table, fmt):
    assert client.get(reverse("trade:download", args=[page, table, fmt])).status_code == 400


def test_pdf_report(client):
    response = client.get(reverse("trade:report"), {"reporter": "VNM", "partner": "LAO"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_province_page_shows_hanoi_laos_figures_with_source(client):
    response = client.get(reverse("trade:province"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "200.0" in html and "+20.0 %" in html  # 200 M USD, +20 % on 2021
    assert "14.8 %" in html and "14.4 %" in html
    assert "Kết nối, tiêu thụ sản phẩm làng nghề Hà Nội-Viêng Chăn" in html
    assert 'id="chart-reported"' in html
    zhejiang = client.get(reverse("trade:province"), {"reporter": "CN-ZJ", "partner": "VNM"},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert "6,090.0" in zhejiang.content.decode()


def test_province_page_in_vietnamese_formats_numbers(client):
    client.cookies["tradebridge_language"] = "vi"
    html = client.get(reverse("trade:province")).content.decode()
    assert "200,0" in html and "+20,0 %" in html


def test_province_bad_code_is_400(client):
    assert client.get(reverse("trade:province"), {"reporter": "Hanoi!"}).status_code == 400


def test_investments_page_lists_seed_figures_with_totals(client):
    response = client.get(reverse("trade:investments"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "5,340.0" in html and "214" in html  # 214 projects, 5.34 B USD
    assert "180.0" in html and "+52.5 %" in html
    assert 'id="chart-investments"' in html
    assert 'data-testid="investment-new"' not in html
    csv = client.get(reverse("trade:download", args=["investments", "investments", "csv"]))
    assert "5340000000.0" in csv.content.decode("utf-8-sig")


def _record_payload() -> dict:
    return {"source_country": Country.objects.get(alpha3="CHN").pk,
            "destination_country": Country.objects.get(alpha3="VNM").pk,
            "year": 2023, "period": "year", "kind": "total", "projects": 3, "capital": "700000000", "currency": "CNY",
            "capital_usd": "97000000", "sector": "textiles", "source": "test", "citation": ""}


def test_agency_officer_adds_edits_and_archives_a_record(client, vn_officer):
    client.force_login(vn_officer)
    response = client.post(reverse("trade:investment_new"), _record_payload())
    assert response.status_code == 302
    record = InvestmentRecord.objects.get(source="test")
    assert record.history.first().history_user == vn_officer
    payload = {**_record_payload(), "projects": 4}
    client.post(reverse("trade:investment_edit", args=[record.pk]), payload)
    record.refresh_from_db()
    assert record.projects == 4
    client.post(reverse("trade:investment_archive", args=[record.pk]))
    record.refresh_from_db()
    assert record.archived_at is not None
    assert record.history.count() == 3


def test_bad_record_names_the_field(client, administrator):
    client.force_login(administrator)
    payload = {**_record_payload(), "year": "1800", "capital_usd": "-1"}
    response = client.post(reverse("trade:investment_new"), payload)
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"year", "capital_usd"}
    assert not InvestmentRecord.objects.filter(source="test").exists()


@pytest.mark.parametrize("persona", ["outsider", "cn_member"])
def test_visitors_and_members_cannot_write_records(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    record = InvestmentRecord.objects.first()
    assert client.get(reverse("trade:investment_new")).status_code == 403
    assert client.post(reverse("trade:investment_new"), _record_payload()).status_code == 403
    assert client.post(reverse("trade:investment_edit", args=[record.pk]), _record_payload()).status_code == 403
    assert client.post(reverse("trade:investment_archive", args=[record.pk])).status_code == 403
    assert not InvestmentRecord.objects.filter(source="test").exists()
    assert InvestmentRecord.objects.get(pk=record.pk).archived_at is None


def test_anonymous_visitors_read_but_are_sent_to_sign_in_for_writes(client):
    assert client.get(reverse("trade:investments")).status_code == 200
    response = client.get(reverse("trade:investment_new"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


GOOD_TABLE = ("year,reporter,partner,flow,hs_or_group,value,currency,source\n"
              "2023,LA-VT,VNM,export,TOTAL,150000000,USD,Vientiane DoIC yearly report\n"
              "2023,LA-VT,VNM,export,fertilizers,30000000,USD,Vientiane DoIC yearly report\n")
BAD_TABLE = GOOD_TABLE + "2023,LA-VT,VNM,sideways,TOTAL,abc,USD,x\n"


def _upload(client, text: str, name: str = "vientiane.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("trade:reported_upload"),
                       {"file": SimpleUploadedFile(name, text.encode(), content_type="text/csv")})


def test_agency_officer_uploads_reported_figures(client, lao_officer, settings, tmp_path):
    settings.TRADE_STORE_DIR = tmp_path / "store"
    client.force_login(lao_officer)
    response = _upload(client, GOOD_TABLE)
    assert response.status_code == 302
    html = client.get(reverse("trade:province"), {"reporter": "LA-VT", "partner": "VNM"},
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "150.0" in html and "20.0 %" in html and "Vientiane DoIC yearly report" in html


def test_bad_upload_names_the_line_and_changes_nothing(client, vn_officer, settings, tmp_path):
    settings.TRADE_STORE_DIR = tmp_path / "store"
    client.force_login(vn_officer)
    response = _upload(client, BAD_TABLE)
    assert response.status_code == 200
    errors = response.context["errors"]
    assert {(line, field) for _file, line, field, _reason in errors} >= {(4, "flow"), (4, "value")}
    assert not (tmp_path / "store" / "reported.parquet").exists()


@pytest.mark.parametrize("persona", ["outsider", "cn_member"])
def test_visitors_and_members_cannot_upload(client, request, persona, settings, tmp_path):
    settings.TRADE_STORE_DIR = tmp_path / "store"
    client.force_login(request.getfixturevalue(persona))
    assert _upload(client, GOOD_TABLE).status_code == 403
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize(("changes", "field"), [
    ({"kind": "contributions", "projects": 4}, "projects"),
    ({"kind": "new_projects", "contributions": 4}, "contributions"),
    ({"investor_rank": 9, "investor_rank_of": 5}, "investor_rank"),
    ({"destination_rank_of": 79}, "destination_rank"),
    ({"qualifier": "roughly"}, "qualifier"),
])
def test_investment_kinds_counts_ranks_and_qualifier_are_checked(client, vn_officer, changes, field):
    client.force_login(vn_officer)
    response = client.post(reverse("trade:investment_new"), {**_record_payload(), "projects": "", **changes})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not InvestmentRecord.objects.filter(source="test").exists()


def test_officer_records_capital_contributions_with_a_qualifier(client, vn_officer):
    client.force_login(vn_officer)
    payload = {**_record_payload(), "kind": "contributions", "projects": "", "contributions": 4,
               "qualifier": "more_than", "capital": "6172000", "currency": "USD", "capital_usd": "6172000"}
    assert client.post(reverse("trade:investment_new"), payload).status_code == 302
    record = InvestmentRecord.objects.get(source="test")
    assert (record.kind, record.projects, record.contributions, record.qualifier) == (
        "contributions", None, 4, "more_than")
    html = client.get(reverse("trade:investments"), {"source": "CHN"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "more than 6.172 M USD" in html


def test_upload_with_qualifiers_shows_them(client, lao_officer, settings, tmp_path):
    settings.TRADE_STORE_DIR = tmp_path / "store"
    client.force_login(lao_officer)
    table = ("year,reporter,partner,flow,hs_or_group,value,currency,source,qualifier\n"
             "2023,LA-VT,VNM,export,TOTAL,150000000,USD,Vientiane DoIC,more_than\n"
             "2023,LA-VT,VNM,import,TOTAL,90000000,USD,Vientiane DoIC,nearly\n")
    assert _upload(client, table).status_code == 302
    for language, words in (("en", ("more than 150.0 M USD", "nearly 90.0 M USD")),
                            ("vi", ("trên 150,0 triệu USD", "gần 90,0 triệu USD"))):
        client.cookies["tradebridge_language"] = language
        html = client.get(reverse("trade:province"), {"reporter": "LA-VT", "partner": "VNM"}).content.decode()
        assert all(word in html for word in words)


def test_upload_with_a_bad_qualifier_names_the_line_and_changes_nothing(client, lao_officer, settings, tmp_path):
    settings.TRADE_STORE_DIR = tmp_path / "store"
    client.force_login(lao_officer)
    table = ("year,reporter,partner,flow,hs_or_group,value,currency,source,qualifier\n"
             "2023,LA-VT,VNM,export,TOTAL,150000000,USD,x,more_than\n"
             "2023,LA-VT,VNM,import,TOTAL,90000000,USD,x,a lot\n")
    response = _upload(client, table)
    assert response.status_code == 200
    [(file, line, field, reason)] = response.context["errors"]
    assert (file, line, field) == ("vientiane.csv", 3, "qualifier") and "unknown qualifier" in reason
    assert not (tmp_path / "store" / "reported.parquet").exists()


@pytest.mark.parametrize(("language", "afghanistan", "norway"), [
    ("lo", "ອັຟການິສະຖານ", "ນໍເວ"), ("vi", "Afghanistan", "Na Uy"), ("zh-hans", "阿富汗", "挪威"),
])
def test_the_investment_form_names_every_country_in_the_readers_language(vn_officer, language, afghanistan,
                                                                        norway):
    page = client_for(vn_officer, language=language).get(reverse("trade:investment_new")).content.decode()
    assert f">{afghanistan}</option>" in page and f">{norway}</option>" in page
    assert ">Norway</option>" not in page
