"""Set-up forms in a real browser: choosing a country lists only its provinces and suggests its
time zone; the organisers' list is searched by typing; agreement party rows are labelled."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_events import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SETUP = "/events/demo-hanoi-vientiane-kunming-b2b-2027/setup/"


def test_country_filters_provinces_and_suggests_the_zone(page, server_url):
    sign_in(page, server_url, "minh.hanoi", SETUP)
    page.get_by_text("Add a venue or bridge point").click()
    country, province = page.locator("#id_venue-country"), page.locator("#id_venue-province")
    zone = page.locator("#id_venue-time_zone")
    country.select_option(label="Viet Nam") if page.locator(
        "#id_venue-country option", has_text="Viet Nam").count() else country.select_option(label="Vietnam")
    expect(zone).to_have_value("Asia/Ho_Chi_Minh")
    shown = province.locator("option:not([hidden])").all_inner_texts()
    assert any("Hà Nội" in text or "Ha Noi" in text or "Hanoi" in text for text in shown)
    assert not any("Yunnan" in text or "云南" in text for text in shown)
    country.select_option(label="China")
    expect(zone).to_have_value("Asia/Shanghai")
    assert not any("Hà Nội" in t for t in province.locator("option:not([hidden])").all_inner_texts())
    zone.fill("GMT+8")
    page.locator("#id_venue-name").fill("Côn Minh")
    page.locator("#id_venue-tables").fill("1")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("is an offset, not a time zone")).to_be_visible()
    expect(page.get_by_text("Asia/Shanghai (UTC+8)")).to_be_visible()


def test_organisers_are_ticked_in_a_searchable_list(page, server_url):
    sign_in(page, server_url, "minh.hanoi", SETUP)
    search = page.locator('input[data-filter-list="id_event-organizers"]')
    boxes = page.locator("#id_event-organizers label")
    expect(boxes.first).to_be_visible()  # count() does not wait for the page
    total = boxes.count()
    search.fill("Vientiane")
    visible = page.locator("#id_event-organizers label:visible")
    expect(visible.first).to_be_visible()
    expect(visible).not_to_have_count(total)
    assert 0 < visible.count() < total


def test_agreement_party_rows_are_labelled(page, server_url):
    sign_in(page, server_url, "minh.hanoi", "/agreements/new/")
    expect(page.get_by_role("group", name="Party 1").get_by_label("Organisation")).to_be_visible()
    expect(page.get_by_role("group", name="Party 2").get_by_label("Signatory")).to_be_visible()
