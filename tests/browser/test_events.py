"""Events in a real browser: register, request a meeting and accept it; the event page in Lao
and in Chinese."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EVENT = "/events/demo-hanoi-vientiane-kunming-b2b-2027/"


def test_register_request_and_accept_a_meeting(browser, server_url):
    lao = browser.new_context(base_url=server_url, locale="en-GB")
    page = lao.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, server_url, "somphone.ginger", EVENT)
    page.get_by_test_id("register").click()
    page.get_by_label("venue or bridge point").select_option(label="ວຽງຈັນ Vientiane")
    page.get_by_label("delegates").fill("Somphone Keo, director")
    page.get_by_label("We agree to be contacted by other participants.").check()
    page.get_by_role("button", name="Save registration").click()
    expect(page).to_have_url(re.compile(r"/participants/$"))
    row = page.get_by_test_id("participants").get_by_role("row").filter(has_text="Zhejiang Silk Road")
    row.get_by_role("link", name="Request a meeting").click()
    form = page.get_by_test_id("request-form")
    form.get_by_label("message").fill("ຂີງສົດ 300 ໂຕນ: fresh ginger for your buyers?")
    form.get_by_role("button", name="Send request").click()
    expect(row.get_by_test_id("request-sent")).to_be_visible()
    lao.close()

    chinese = browser.new_context(base_url=server_url, locale="zh-CN")
    page = chinese.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, server_url, "li.zhejiang", EVENT + "requests/")
    received = page.get_by_test_id("received").get_by_test_id("request-row").filter(has_text="Khammouane")
    received.get_by_role("button", name="Accept").click()
    expect(page.get_by_test_id("received").get_by_test_id("request-row").filter(has_text="Khammouane")
           .get_by_test_id("request-status")).to_have_text("Accepted")
    chinese.close()


@pytest.mark.parametrize("language, title", [("lo", "ການພົບປະທຸລະກິດ"), ("zh-hans", "企业对接会")])
def test_event_page_in_lao_and_chinese(page, server_url, language, title):
    page.context.add_cookies([{"name": "tradebridge_language", "value": language, "url": server_url}])
    page.goto("/events/laocai-export-conference-2021/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_test_id("venues")).to_contain_text("Asia/Shanghai")
    page.goto(EVENT)
    expect(page.get_by_test_id("event-title")).to_contain_text(title)


def test_organiser_runs_the_scheduler_in_the_background(page, server_url):
    sign_in(page, server_url, "admin", "/events/laocai-export-conference-2021/schedule/")
    page.get_by_label("time limit (seconds)").fill("5")
    page.get_by_test_id("run-scheduler").click()
    expect(page.locator(".messages")).to_contain_text("The scheduler has started.")
    # The page polls the task worker's progress until the run is done.
    expect(page.get_by_test_id("run-status")).to_have_text("Done", timeout=60_000)
    expect(page.get_by_test_id("run-result")).to_contain_text("7 of 7 accepted requests (at most 7 possible)")
    expect(page.get_by_test_id("run-result")).not_to_contain_text("bound")
    # The grid is swapped in when the run ends, with slots as local times in a named zone.
    grid = page.get_by_test_id("grid")
    expect(grid).to_contain_text("Online")
    expect(grid).to_contain_text("08:00–08:20")
    expect(grid).to_contain_text("Asia/Ho_Chi_Minh")
    expect(grid).not_to_contain_text("s001")
    # Publishing has its own button, with what participants will receive.
    expect(page.get_by_test_id("publish-summary")).to_contain_text("participants who receive their agenda")
    page.get_by_test_id("publish-schedule").click()
    expect(page.locator(".messages")).to_contain_text("each participant is sent its agenda by e-mail")


@pytest.mark.parametrize("language", ["lo", "zh-hans"])
def test_agenda_in_lao_and_chinese(page, server_url, language):
    agenda_url = "/events/laocai-export-conference-2021/agenda/"
    sign_in(page, server_url, "li.zhejiang", agenda_url, language=language)
    page.goto(agenda_url)
    expect(page.locator("html")).to_have_attribute("lang", language)
    agenda = page.get_by_test_id("agenda")
    expect(agenda).to_contain_text("(Asia/Ho_Chi_Minh)")  # the Vietnamese partner's local time
    expect(agenda.get_by_role("link")).to_have_attribute("href", re.compile(r"/tradebridge-[\w-]{20,}$"))


B2B = "/events/demo-hanoi-vientiane-kunming-b2b-2027/"


def test_the_counts_and_the_summary_follow_a_run_without_a_reload(page, server_url):
    """The grid, the counts above it and the publication summary are swapped in when the run
    ends: the page is not reloaded (only polled)."""
    sign_in(page, server_url, "admin", B2B + "schedule/")
    expect(page.get_by_test_id("schedule-stats")).to_contain_text("meetings scheduled: 0")
    expect(page.get_by_test_id("publish-summary")).to_contain_text("Meetings: 0")
    polls = []
    page.on("request", lambda request: polls.append(request.url) if "part=run" in request.url else None)
    page.get_by_label("time limit (seconds)").fill("5")
    page.get_by_test_id("run-scheduler").click()
    expect(page.get_by_test_id("run-status")).to_have_text("Done", timeout=60_000)
    assert polls, "the page was not polled: the run ended before it was shown"
    expect(page.get_by_test_id("schedule-stats")).not_to_contain_text("meetings scheduled: 0")
    expect(page.get_by_test_id("schedule-stats")).to_contain_text(re.compile(r"meetings scheduled: [1-9]"))
    expect(page.get_by_test_id("publish-summary")).to_contain_text(re.compile(r"Meetings: [1-9]"))
    expect(page.get_by_test_id("grid")).to_contain_text("Online")


def test_the_set_up_page_offers_no_silent_publication(page, server_url):
    sign_in(page, server_url, "admin", B2B + "setup/")
    options = page.locator("select#status option")
    expect(options).to_have_count(3)
    expect(page.locator("select#status")).not_to_contain_text("Schedule published")
    expect(page.get_by_test_id("current-status")).to_contain_text("Registration open")
    page.get_by_role("link", name="schedule page").click()
    expect(page.get_by_test_id("publish-schedule")).to_be_visible()
