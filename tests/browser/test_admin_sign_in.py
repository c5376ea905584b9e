"""An officer's first and later sign-ins, in Chromium, through both steps.

The admin's pages load scripts and an icon sprite before the second step is done; none of
that may change where the officer lands (it once sent them to the sprite's XML)."""

import re

from playwright.sync_api import expect

from tests.browser.officers import (
    ROCHFORD_EDITORS,
    code_for,
    create_officer,
    enter_password,
    set_up_authenticator,
)


def new_page(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()


def expect_dashboard(page, site, path="/admin/"):
    expect(page).to_have_url(site.url("westminster", path))
    assert "xml" not in (page.evaluate("document.contentType") or "")
    expect(page.locator("#main")).to_be_visible()


def test_first_sign_in_sets_up_the_app_and_lands_where_the_officer_was_going(
    browser, site_server, screenshots
):
    password = create_officer(site_server, "first-sign-in", superuser=True)
    page = new_page(browser)
    enter_password(page, site_server, "first-sign-in", password, next_path="/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/two-factor/setup/"))
    page.wait_for_load_state("networkidle")
    # One form, whatever the page's scripts fetched meanwhile (the icons are real icons).
    assert page.locator("#id_token").count() == 1
    assert page.locator("form input[name=next]").get_attribute("value") == "/admin/pages/"
    assert page.locator("[data-sprite] svg symbol").count() > 10
    page.screenshot(path=screenshots / "admin-two-factor-setup.png")

    set_up_authenticator(page)
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect_dashboard(page, site_server, "/admin/pages/")
    page.screenshot(path=screenshots / "admin-after-first-sign-in.png")
    page.context.close()


def test_later_sign_ins_with_a_code_or_a_recovery_code(browser, officer, site_server):
    first = officer("returning-officer", superuser=True)
    key, codes, password = first.officer_key, first.recovery_codes, first.officer_password

    page = new_page(browser)
    enter_password(page, site_server, "returning-officer", password)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/verify/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_token").count() == 1
    page.fill("#id_token", code_for(key, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    expect_dashboard(page, site_server)
    page.context.close()

    page = new_page(browser)
    enter_password(page, site_server, "returning-officer", password)
    page.fill("#id_token", codes[0])
    page.get_by_role("button", name="Continue").click()
    expect_dashboard(page, site_server)
    expect(page.get_by_text("You used a recovery code. You have 9 left.")).to_be_visible()
    page.context.close()


def test_a_council_editor_signs_in_on_their_council_and_sees_its_pages(officer, site_server):
    page = officer("rochford-editor", groups=[ROCHFORD_EDITORS], council="rochford")
    page.goto(site_server.url("rochford", "/admin/pages/"))
    expect(page.get_by_role("link", name=re.compile("Prevent in Rochford"))).to_be_visible()
