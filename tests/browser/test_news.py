"""From a news article to records in a real browser: an officer pastes a Vietnamese article,
sees its facts marked by kind, accepts a reported trade figure and an event as proposed, and
finds both with the article as their source."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, assert_fits_the_screen, sign_in

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


LONG_URL = ("https://example.vn/tin-tuc/lao-cai-van-nam-hoi-dam-kinh-te-thuong-mai-"
            "20240129103015123456789-ban-day-du-khong-co-dau-ngat.htm")
PHONE_ARTICLE = (
    "Lào Cai và Vân Nam hội đàm kinh tế thương mại\n"
    "Chiều 29/1/2024, tại thành phố Lào Cai, Sở Công Thương Lào Cai và Sở Thương mại Vân Nam "
    "đã hội đàm về hợp tác kinh tế thương mại với sự tham gia của 45 doanh nghiệp.\n"
    "Năm 2023, kim ngạch xuất nhập khẩu qua các cửa khẩu Lào Cai đạt 2,1 tỷ USD, chiếm tỷ trọng 12,5%."
)


def test_news_pages_fit_a_phone_in_lao_and_chinese(browser, server_url):
    """At 375 px the list and the review page scroll only downwards, in Lao and in Chinese: a long
    address breaks, the list's dates and counts stay on the screen, a fact's label stays whole."""
    context = browser.new_context(base_url=server_url, locale="vi-VN", viewport=PHONE)
    phone = context.new_page()
    phone.set_default_timeout(45_000)
    sign_in(phone, server_url, "minh.hanoi", "/news/import/")
    form = phone.get_by_test_id("article-form")
    form.get_by_label("Address of the article").fill(LONG_URL)
    form.get_by_label("Publication date").fill("2024-01-30")
    form.locator("[name=text]").fill(PHONE_ARTICLE)
    form.get_by_role("button", name="Import").click()
    expect(phone).to_have_url(re.compile(r"/news/\d+/$"))
    review = phone.url

    def fits(url: str) -> None:
        phone.goto(url)
        assert_fits_the_screen(phone, url)

    for language in ("lo", "zh-hans", "vi"):
        context.add_cookies([{"name": "tradebridge_language", "value": language, "url": server_url}])
        fits("/news/")
        row = phone.get_by_test_id("articles").locator("tr", has=phone.locator(f"a[href='{review[len(server_url):]}']"))
        for cell in row.locator("td").all():  # every count is on the screen, not off to its right
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
        date = row.locator("td.date")
        expect(date).to_contain_text("2024-01-30")
        assert date.evaluate("""td => { const range = document.createRange(); range.selectNodeContents(td);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; }""") == 1
        fits(review)
        expect(phone.get_by_test_id("article-text").locator("mark.fact").first).to_be_visible()
        expect(phone.get_by_test_id("candidate").first).to_be_visible()
    # Chinese labels inside the (Vietnamese) article are marked as Chinese and never split: "机构".
    context.add_cookies([{"name": "tradebridge_language", "value": "zh-hans", "url": server_url}])
    phone.goto(review)
    tags = phone.get_by_test_id("article-text").locator("mark.fact-organisations .fact-tag")
    expect(tags.first).to_have_text("机构")
    expect(tags.first).to_have_attribute("lang", "zh-hans")
    lines = tags.evaluate_all("""tags => tags.map(tag => {
        const range = document.createRange();
        range.selectNodeContents(tag);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    })""")
    assert lines and set(lines) == {1}
    # The highlight's tooltip speaks the reader's language: a share, not "share".
    expect(phone.get_by_test_id("article-text").locator("mark.fact-percentages").first).to_have_attribute(
        "title", re.compile(r"12\.5 % 占比"))
    context.close()
