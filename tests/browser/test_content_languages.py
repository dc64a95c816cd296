"""Issue 11 item 5 in a real browser: a Lao officer, with the site in Lao, gives an event its Lao
title in the set-up form (the four languages side by side) and sees it on the Lao page; a
Chinese reader, with no Chinese title, sees the Vietnamese one with the "(Tiếng Việt)" marker."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_events import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EVENT = "/events/vientiane-doic-study-tour-2023/"
LAO_TITLE = "ງານທ່ອງທ່ຽວສຶກສາ ຂອງພະແນກອຸດສາຫະກຳ ແລະ ການຄ້າ ນະຄອນຫຼວງວຽງຈັນ 2023"


def test_a_lao_title_entered_by_a_lao_officer_shows_on_the_lao_page(browser, server_url):
    officer = browser.new_context(base_url=server_url, locale="lo-LA")
    page = officer.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, server_url, "khamla.vientiane", EVENT)
    page.context.add_cookies([{"name": "tradebridge_language", "value": "lo", "url": server_url}])
    page.goto(EVENT + "setup/")
    row = page.get_by_test_id("languages-title")
    expect(row.locator("label")).to_have_text(["Tiếng Việt", "ພາສາລາວ", "简体中文", "English"])
    vietnamese = row.locator('[name="event-title_vi"]').input_value()
    row.get_by_label("ພາສາລາວ").fill(LAO_TITLE)
    row.get_by_label("简体中文").fill("")
    row.get_by_label("English").fill("")
    page.locator("form").filter(has=row).get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("ບັນທຶກແລ້ວ")
    page.goto(EVENT)
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    expect(page.get_by_test_id("event-title")).to_contain_text(LAO_TITLE)
    expect(page.get_by_test_id("event-title").locator(".lang-shown")).to_have_count(0)
    officer.close()

    reader = browser.new_context(base_url=server_url, locale="zh-CN")
    page = reader.new_page()
    page.context.add_cookies([{"name": "tradebridge_language", "value": "zh-hans", "url": server_url}])
    page.goto(EVENT)
    title = page.get_by_test_id("event-title")
    expect(title).to_contain_text(vietnamese)
    expect(title.locator(".lang-shown")).to_have_text("(Tiếng Việt)")
    expect(title).not_to_contain_text(LAO_TITLE)
    reader.close()


def test_the_language_columns_stack_on_a_phone(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, server_url, "khamla.vientiane", EVENT + "setup/")
    row = page.get_by_test_id("languages-title")
    boxes = [row.locator("input").nth(i).bounding_box() for i in range(4)]
    assert len({round(box["x"]) for box in boxes}) == 1  # one column
    assert all(box["x"] + box["width"] <= 375 for box in boxes)
    context.close()
