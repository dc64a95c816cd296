"""Registry in a real browser: search across languages, an organisation with its partners,
adding an offer with the HS picker."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, assert_fits_the_screen, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_directory_search_finds_lao_ginger_from_vietnamese(page):
    page.goto("/organizations/")
    page.get_by_role("searchbox").fill("gừng")
    # The first product search on a fresh server builds the glossary index: allow it time.
    expect(page).to_have_url(re.compile(r"q=g%E1%BB%AB"), timeout=45_000)
    page.locator(".facets").get_by_role("link", name="Lào", exact=True).click()
    expect(page).to_have_url(re.compile(r"country=LAO"))
    expect(page.get_by_test_id("directory")).to_contain_text("Khăm Muộn")


def test_organisation_page_shows_partners_with_reasons(page, server_url):
    page.context.add_cookies([{"name": "tradebridge_language", "value": "en", "url": server_url}])
    page.goto("/organizations/demo-khammouane-ginger/")
    panel = page.get_by_test_id("recommendations")
    expect(panel.locator(".rec").first).to_contain_text("HS")


def test_member_adds_an_offer_with_the_hs_picker(page, server_url):
    sign_in(page, server_url, "somphone.ginger", "/organizations/demo-khammouane-ginger/")
    page.get_by_test_id("add-offer").click()
    page.get_by_label("product").fill("ໝາກເຜັດແຫ້ງ")
    page.get_by_label("HS code").fill("ໝາກເຜັດ")
    picker = page.get_by_test_id("hs-picker")
    expect(picker).to_be_visible()
    picker.get_by_role("button").first.click()
    expect(page.get_by_label("HS code")).to_have_value(re.compile(r"^\d{4}\.\d{2}$"))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("offers")).to_contain_text("ໝາກເຜັດແຫ້ງ")


def test_agency_officer_edits_an_organisation(page, server_url):
    sign_in(page, server_url, "minh.hanoi", "/organizations/van-phuc-silk/edit/")
    page.get_by_label("description").fill("Silk weaving village in Hà Đông since the 9th century.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Organisation saved.")
    page.get_by_role("link", name="History").click()
    expect(page.get_by_test_id("history")).to_contain_text("minh.hanoi")


IMPORT_CSV = (
    "Tên doanh nghiệp,Quốc gia,Tỉnh,Điện thoại,Sản phẩm cung cấp\n"
    "Chế Biến Gia Vị Hà Thanh JSC,Việt Nam,Hà Nội,+84 24 3555 0101,ớt khô\n"
    "Hợp tác xã Mây Tre Thử Nghiệm,Việt Nam,Hà Nội,,giỏ mây tre\n"
    "HTX May Tre Thu Nghiem,Việt Nam,Hà Nội,,đũa tre\n"
)


def test_import_preview_commit_and_review_queue(page, server_url, tmp_path):
    file = tmp_path / "delegation.csv"
    file.write_text(IMPORT_CSV, encoding="utf-8")
    sign_in(page, server_url, "minh.hanoi", "/organizations/import/")
    page.get_by_label("File").set_input_files(str(file))
    page.get_by_role("button", name="Preview").click()
    # The task worker reads the file; the page follows its progress, then shows the preview.
    rows = page.get_by_test_id("import-rows")
    expect(rows).to_contain_text("Hợp tác xã Mây Tre Thử Nghiệm", timeout=60_000)
    expect(rows).to_contain_text("possible duplicate of")
    # The same company twice in the file (with and without accents): the second row is not created.
    expect(page.get_by_test_id("import-summary")).to_contain_text("1 repeating another row of the file")
    expect(rows).to_contain_text("Hanoi")
    expect(rows).not_to_contain_text("VN-HN")
    # On a phone the preview's table scrolls inside its frame, not the page.
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_fits_the_screen(page, "the import preview")
    page.set_viewport_size(desktop)
    page.get_by_role("button", name="Import as shown").click()
    expect(page.get_by_test_id("import-done")).to_contain_text("1 waiting for review", timeout=60_000)
    page.get_by_test_id("review-link").click()
    queue = page.get_by_test_id("review-queue")
    expect(queue).to_contain_text("Chế Biến Gia Vị Hà Thanh JSC")
    page.set_viewport_size(PHONE)
    assert_fits_the_screen(page, "the review queue")
    page.set_viewport_size(desktop)
    queue.get_by_role("button", name="Same: merge").first.click()
    expect(page.locator(".messages")).to_contain_text("Merged.")
