"""Agreements in a real browser: recording one with two parties and a signed document, adding
progress, and downloading the periodic report."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_record_an_agreement_with_two_parties_and_a_document_then_add_progress(page, server_url):
    sign_in(page, server_url, "minh.hanoi", "/agreements/new/")
    form = page.get_by_test_id("agreement-form")
    expect(form.locator("[name=party-0-organization]")).to_have_value("hanoi-doit")
    form.locator("[name=party-1-organization]").select_option("vientiane-doic")
    form.locator("[name=party-1-signatory]").fill("Vanmany Phimmasan")
    form.locator("[name=level]").select_option("agency")
    form.locator("[name=title]").fill("Browser MOU on OCOP showrooms")
    form.locator("[name=category]").select_option("trade_promotion")
    form.locator("[name=signed_on]").fill("2024-03-05")
    form.locator("[name=doc-file]").set_input_files(
        files=[{"name": "signed-mou.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    form.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/agreements/\d+/$"))
    expect(page.get_by_test_id("parties")).to_contain_text("Vanmany Phimmasan")
    expect(page.get_by_test_id("documents")).to_contain_text("signed-mou.pdf")

    page.get_by_text("Report progress").click()
    progress = page.get_by_test_id("progress-form")
    progress.locator("[name=reported_on]").fill("2024-04-01")
    progress.locator("[name=text]").fill("Showroom corner opened in Hoan Kiem")
    progress.get_by_role("button", name="Report").click()
    expect(page.get_by_test_id("progress")).to_contain_text("Showroom corner opened")
    expect(page.get_by_test_id("status")).to_contain_text("In implementation")


def test_register_shows_the_conference_breakdown_and_exports_the_report(page, server_url):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    page.goto("/agreements/")
    page.locator(".facets").get_by_role("link", name=re.compile("Vientiane|Viêng Chăn 2023")).first.click()
    expect(page.get_by_test_id("breakdown-sum")).to_have_text("12 = 3 + 8 + 1")
    expect(page.get_by_test_id("breakdown-chart").locator(".main-svg").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_test_id("export-pdf").click()
    assert download.value.suggested_filename == "agreements-report.pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
