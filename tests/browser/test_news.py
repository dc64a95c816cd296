"""From a news article to records in a real browser: an officer pastes a Vietnamese article,
sees its facts marked by kind, accepts a reported trade figure and an event as proposed, and
finds both with the article as their source."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

URL = "https://example.vn/ha-noi-vieng-chan-ket-noi-giao-thuong-2024"
ARTICLE = (
    "Hà Nội và Viêng Chăn kết nối giao thương\n"
    "Ngày 15/3/2024, tại Thủ đô Hà Nội, Sở Công Thương Hà Nội tổ chức Hội nghị kết nối giao thương "
    "Việt Nam - Lào với sự tham gia của 60 doanh nghiệp.\n"
    "Năm 2023, kim ngạch xuất khẩu của Hà Nội sang Lào ước đạt 230 triệu USD, tăng 15% so với năm 2022.\n"
    "Hai bên đã ký 5 biên bản ghi nhớ hợp tác."
)


def test_paste_an_article_accept_a_trade_figure_and_an_event_and_see_their_source(page, server_url):
    sign_in(page, server_url, "minh.hanoi", "/news/import/")
    form = page.get_by_test_id("article-form")
    form.get_by_label("Address of the article").fill(URL)
    form.get_by_label("Publication date").fill("2024-03-16")
    form.locator("[name=text]").fill(ARTICLE)
    form.get_by_role("button", name="Import").click()
    expect(page).to_have_url(re.compile(r"/news/\d+/$"))
    review = page.url

    text = page.get_by_test_id("article-text")
    expect(text.locator("mark.fact-amounts")).to_contain_text("ước đạt 230 triệu USD")
    expect(text.locator("mark.fact-amounts .fact-tag")).to_have_text("amount")  # not colour alone
    expect(text.locator("mark.fact-percentages")).to_contain_text("tăng 15%")
    expect(page.get_by_test_id("fact-legend")).to_contain_text("percentage")

    figure = page.locator("[data-testid=candidate][data-kind=trade_figure]")
    expect(figure.locator("input[name$=-reporter]")).to_have_value("VN-HN")
    expect(figure.locator("input[name$=-value]")).to_have_value("230000000")
    figure.get_by_test_id("accept").click()
    figure = page.locator("[data-testid=candidate][data-kind=trade_figure]")
    expect(figure).to_have_attribute("data-status", "accepted")

    event = page.locator("[data-testid=candidate][data-kind=event]")
    expect(event.locator("input[name$=-title_vi]")).to_have_value("Hội nghị kết nối giao thương Việt Nam - Lào")
    expect(event.locator("input[name$=-starts_on]")).to_have_value("2024-03-15")
    event.get_by_test_id("accept").click()
    event = page.locator("[data-testid=candidate][data-kind=event]")
    expect(event).to_have_attribute("data-status", "accepted")

    event.get_by_test_id("record-link").click()
    expect(page.get_by_test_id("event-title")).to_contain_text("Hội nghị kết nối giao thương Việt Nam - Lào")
    expect(page.locator("dl.facts")).to_contain_text(f"{URL} (2024-03-16): “Ngày 15/3/2024")

    page.goto(review)
    page.locator("[data-testid=candidate][data-kind=trade_figure]").get_by_test_id("record-link").click()
    expect(page.get_by_test_id("pair")).to_contain_text("Lao")
    expect(page.locator("main")).to_contain_text(f"{URL} (2024-03-16): “Năm 2023, kim ngạch xuất khẩu")
