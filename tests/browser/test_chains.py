"""A chain page in a real browser, in Lao, as the Lao officer: stages and members, the gap report
for a year, adding a suggested candidate as a member; and the page on a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, assert_fits_the_screen, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CHAIN = "/chains/dairy/"




def test_lao_officer_walks_the_chain_page_in_lao(page, server_url):
    sign_in(page, server_url, "khamla.vientiane", language="lo")
    page.goto("/chains/")
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    page.locator(f'main a[href="{CHAIN}"]').click()
    expect(page).to_have_url(re.compile(f"{CHAIN}$"))
    stages = page.get_by_test_id("stages")
    expect(stages.locator("tbody tr").first).to_be_visible()
    expect(page.get_by_test_id("members")).to_be_visible()
    expect(page.get_by_test_id("heatmap")).to_be_visible()
    # The Lao words of the page (its menu and its headings) are shown, not the English ones.
    expect(page.locator("#members h2")).not_to_have_text("Members by stage and country")

    # The gap report for a year, Laos selling to Vietnam.
    form = page.get_by_test_id("gap-form")
    form.locator("[name=year]").select_option("2023")
    form.locator("[name=exporter]").select_option("LAO")
    form.locator("[name=importer]").select_option("VNM")
    form.locator("button[type=submit]").click()
    report = page.get_by_test_id("gap-report")
    expect(report).to_be_visible()
    expect(report.locator("section.gap-stage").first).to_be_visible()

    # Suggested candidates in Laos, stage by stage, until one can be added.
    keys = page.eval_on_selector_all("[data-testid^=stage-] ", "rows => rows.map(r => r.dataset.testid)")
    added = None
    for key in [k.removeprefix("stage-") for k in keys if k.startswith("stage-") and k != "stage-errors"]:
        page.get_by_test_id(f"suggest-{key}-LAO").click()
        box = page.get_by_test_id(f"candidates-{key}-LAO")
        expect(box).to_be_visible()
        if box.get_by_test_id("add-candidate").count():
            candidate = box.get_by_test_id("candidate").first
            added = candidate.locator("strong a").inner_text()
            candidate.get_by_test_id("add-candidate").click()
            break
    assert added, "no stage of the dairy chain has a Lao candidate"
    expect(page).to_have_url(re.compile(f"{CHAIN}#members$"))
    expect(page.locator(".messages")).to_contain_text(added)
    expect(page.get_by_test_id("members")).to_contain_text(added)


def test_chain_page_fits_a_phone(browser, server_url):
    context = browser.new_context(base_url=server_url, locale="lo-LA", viewport=PHONE)
    context.add_cookies([{"name": "tradebridge_language", "value": "lo", "url": server_url}])
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(CHAIN)
        expect(page.get_by_test_id("stages")).to_be_attached()
        assert_fits_the_screen(page, CHAIN)
    finally:
        context.close()
