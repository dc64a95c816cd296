"""Changing the parties of an agreement with every party's consent, in a real browser: a party's
member proposes adding an organisation, the other party consents on the agreement's page, and
the organisation asked to join (which cannot see the agreement yet) consents on the proposal's
own page, which applies the change."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE, assert_fits_the_screen, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def switch_to(page, server_url, username, next_url):
    page.context.clear_cookies()
    sign_in(page, server_url, username, next_url)


def test_parties_change_once_every_party_consents(page, server_url):
    # The Hanoi agency records an agreement between Vientiane and the Zhejiang enterprise.
    sign_in(page, server_url, "minh.hanoi", "/agreements/new/")
    form = page.get_by_test_id("agreement-form")
    form.locator("[name=party-0-organization]").select_option("vientiane-doic")
    form.locator("[name=party-1-organization]").select_option("demo-zhejiang-textiles")
    form.locator("[name=level]").select_option("enterprise")
    form.locator("[name=title]").fill("Browser silk contract")
    form.locator("[name=category]").select_option("other")
    form.locator("[name=signed_on]").fill("2024-03-05")
    form.locator("[name=visibility]").select_option("parties")
    form.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/agreements/\d+/$"))
    detail = page.url

    # The Zhejiang member proposes that the Khammouane growers join.
    switch_to(page, server_url, "li.zhejiang", detail)
    page.get_by_text("Propose a change of the parties", exact=True).click()
    proposal_form = page.get_by_test_id("party-proposal-form")
    proposal_form.locator("[name=add]").select_option("demo-khammouane-ginger")
    proposal_form.locator("[name=reason]").fill("The growers supply the dye.")
    proposal_form.get_by_role("button", name="Propose").click()
    proposal = page.get_by_test_id("party-proposal")
    expect(proposal.get_by_test_id("proposal-state")).to_have_text("Awaiting the parties' answers")
    link = proposal.get_attribute("id").removeprefix("party-proposal-")
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_fits_the_screen(page, "the agreement with a proposal")
    page.set_viewport_size(desktop)

    # Vientiane consents on the agreement's page: not yet applied.
    switch_to(page, server_url, "khamla.vientiane", detail)
    page.get_by_test_id("proposal-consent").click()
    expect(page.locator("[data-organization=vientiane-doic]")).to_contain_text("Consents")
    expect(page.get_by_test_id("parties")).not_to_contain_text("Khammouane")

    # The growers answer on the proposal's page; the change applies and they now see the agreement.
    switch_to(page, server_url, "somphone.ginger", f"{detail}party-proposals/{link}/")
    page.set_viewport_size(PHONE)
    assert_fits_the_screen(page, "the proposal's page")
    page.set_viewport_size(desktop)
    page.get_by_test_id("proposal-consent").click()
    expect(page).to_have_url(detail)
    expect(page.get_by_test_id("parties")).to_contain_text("Khammouane")
    expect(page.get_by_test_id("proposal-state")).to_have_text("Change applied")
