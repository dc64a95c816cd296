"""Border obstacles in a real browser: a Lao enterprise member reports an obstacle with the site
in Lao (with a document); an officer triages it, makes it public and puts it on the agenda of
the Lào Cai–Honghe talks, where the talks' agenda page lists it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
TALKS = "laocai-honghe-talks-2024"
TITLE = "ຂີງສົດຕ້ອງລໍຖ້າກວດກັກກັນພືດສອງມື້"




def test_a_lao_member_reports_and_an_officer_puts_it_on_the_talks_agenda(page, browser, server_url):
    sign_in(page, server_url, "somphone.ginger", "/border/obstacles/report/", language="lo")
    page.goto("/border/obstacles/report/")
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    expect(page.get_by_role("heading", level=1)).to_have_text("ລາຍງານອຸປະສັກ")
    form = page.get_by_test_id("obstacle-report-form")
    # The examples are in Lao for a Lao reader.
    expect(form.locator("[name=title]")).to_have_attribute("placeholder", re.compile("ໃບຢັ້ງຢືນກັກກັນພືດ"))
    form.locator("[name=kind]").select_option("quarantine")
    form.locator("[name=hs_code]").fill("0910")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=description]").fill("ລົດບັນທຸກຂີງສົດຕ້ອງລໍຖ້າສອງມື້ຢູ່ດ່ານ ເພາະການກວດກັກກັນພືດ.")
    form.locator("[name=documents]").set_input_files(
        files=[{"name": "phyto.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/border/obstacles/\d+/$"))
    expect(page.get_by_test_id("obstacle-status")).to_have_attribute("data-status", "reported")
    expect(page.get_by_test_id("obstacle-status")).to_have_text("ລາຍງານແລ້ວ")
    expect(page.get_by_test_id("obstacle-documents")).to_contain_text("phyto.pdf")
    obstacle_url = page.url

    officer = browser.new_context(base_url=server_url, locale="vi-VN").new_page()
    officer.set_default_timeout(45_000)
    try:
        sign_in(officer, server_url, "minh.hanoi", "/border/obstacles/queue/")
        officer.goto("/border/obstacles/queue/")
        officer.get_by_test_id("obstacle-queue").get_by_role("link", name=TITLE).click()
        expect(officer).to_have_url(obstacle_url)
        triage = officer.get_by_test_id("action-triage")
        triage.locator("[name=triage-decision][value=accept]").check()
        triage.locator("[name=triage-is_public]").check()
        triage.get_by_test_id("submit-triage").click()
        expect(officer.get_by_test_id("obstacle-status")).to_have_attribute("data-status", "triaged")

        agenda = officer.get_by_test_id("action-agenda")
        agenda.locator("[name=agenda-talks]").select_option(TALKS)
        agenda.locator("[name=agenda-note]").fill("To raise with the Honghe side.")
        agenda.get_by_test_id("submit-agenda").click()
        expect(officer.get_by_test_id("obstacle-status")).to_have_attribute("data-status", "on_agenda")
        expect(officer.get_by_test_id("obstacle-talks")).to_contain_text("Honghe")
        expect(officer.get_by_test_id("obstacle-timeline").locator("li")).to_have_count(3)

        officer.get_by_test_id("obstacle-talks").get_by_role("link").first.click()
        expect(officer).to_have_url(re.compile(f"/border/talks/{TALKS}/$"))
        expect(officer.get_by_test_id("talks-obstacles")).to_contain_text(TITLE)
    finally:
        officer.context.close()

    # The reporter sees the step in Lao; the public list shows it without who raised it.
    page.goto(obstacle_url)
    expect(page.get_by_test_id("obstacle-status")).to_have_text("ຢູ່ໃນວາລະການເຈລະຈາ")
    page.goto("/border/obstacles/")
    expect(page.get_by_test_id("public-obstacles")).to_contain_text(TITLE)
    expect(page.get_by_test_id("public-obstacles")).not_to_contain_text("Somphone")
