"""The gate dashboard in Chinese, in a real browser: the demo's illustrative figures at Lào Cai–
Hà Khẩu, labelled as such; the charts drawn beside their tables; HS chapters named in Chinese;
another measure and a corridor chosen; the downloads offered."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_gate_dashboard_in_chinese(page, server_url):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "zh-hans", "url": server_url}])
    page.goto("/border/bg-laocai-hekou/figures/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_test_id("figures-illustrative")).to_be_visible()
    expect(page.get_by_test_id("table-yearly")).to_contain_text("2025")
    expect(page.locator("#chart-yearly .main-svg").first).to_be_visible()
    expect(page.get_by_test_id("table-top_products")).to_contain_text("食用水果")
    expect(page.get_by_test_id("download-top_products-xlsx")).to_be_visible()

    form = page.get_by_test_id("figures-form")
    form.locator("select[name=measure]").select_option("vehicles")
    form.locator("select[name=direction]").select_option("export")
    form.locator("button[type=submit]").click()
    expect(page.locator("select[name=measure]")).to_have_value("vehicles")
    expect(page.locator("#chart-seasonality .main-svg").first).to_be_visible()
    expect(page.get_by_test_id("figures-pdf")).to_have_attribute("href", re.compile(r"report\.pdf\?measure=vehicles"))

    page.locator("select[name=corridor]").select_option("kunming-laocai-hanoi-haiphong-quangninh")
    page.get_by_test_id("figures-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("table-corridor")).to_contain_text("老街")
    expect(page.locator("#chart-corridor .main-svg").first).to_be_visible()
