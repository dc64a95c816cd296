"""Trade dashboard in a real browser: Plotly charts drawn from our own static files, another
pair, a CSV download and the language switch (names and number formats follow)."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_dashboard_draws_charts_with_tables_and_synthetic_banner(page):
    page.goto("/trade/")
    expect(page.get_by_test_id("synthetic-banner")).to_be_visible()
    expect(page.get_by_test_id("pair")).to_contain_text("Việt Nam ↔ Lào")
    # Plotly (served by us, no CDN) has drawn the charts.
    expect(page.locator("#chart-totals .main-svg").first).to_be_visible()
    expect(page.locator("#chart-composition .treemap").first).to_be_attached()
    expect(page.get_by_test_id("table-totals").locator("tbody tr")).to_have_count(5)
    expect(page.get_by_test_id("table-potential").locator("tbody tr").first).to_contain_text("RCA")
    page.get_by_test_id("pair-form").locator("select[name=partner]").select_option("CHN")
    page.get_by_test_id("pair-form").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"partner=CHN"))
    expect(page.get_by_test_id("pair")).to_contain_text("Trung Quốc")


def test_csv_download_of_top_products(page):
    page.goto("/trade/?reporter=VNM&partner=LAO&year=2022")
    with page.expect_download() as info:
        page.get_by_test_id("download-top_exports-csv").click()
    download = info.value
    assert download.suggested_filename == "tradebridge-dashboard-top_exports.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert len(rows[1][0]) == 6 and rows[1][0].isdigit()  # an HS6 code, leading zeros kept
    assert float(rows[1][2]) > 0


def test_language_switch_on_the_dashboard(page):
    page.goto("/trade/?reporter=VNM&partner=LAO")
    kpis = page.get_by_test_id("kpis")
    expect(kpis).to_contain_text(re.compile(r"\d,\d triệu USD"))  # Vietnamese decimal comma and words
    page.get_by_role("button", name="ລາວ").click()
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    expect(page).to_have_url(re.compile(r"/trade/\?reporter=VNM&partner=LAO"))
    expect(page.get_by_test_id("pair")).to_contain_text("ຫວຽດນາມ ↔ ລາວ")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("kpis")).to_contain_text(re.compile(r"\d\.\d M USD"))
    expect(page.locator("#chart-totals .main-svg").first).to_be_visible()
