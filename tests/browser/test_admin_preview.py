"""The editor's live preview and its accessibility checks work beside the page editor.

Public pages refuse to be framed anywhere; a preview may be framed by the admin, which is
the same origin, or the panel stays blank."""

import re

from playwright.sync_api import expect

from tests.browser.officers import WESTMINSTER_PUBLISHERS


def test_the_preview_panel_shows_the_page_and_its_checks(officer, site_server, screenshots):
    page = officer("previewing-publisher", groups=[WESTMINSTER_PUBLISHERS])
    contest = site_server.page_id("westminster", "/contest/")
    page.goto(site_server.url("westminster", f"/admin/pages/{contest}/edit/"))

    # An officer changes the title and saves a draft: the live page is unchanged, and the
    # preview beside the editor shows the draft, inside the site's own layout.
    page.locator("#id_title").fill("CONTEST: the UK's counter-terrorism strategy (draft)")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(re.compile("has been updated|saved", re.I)).first).to_be_visible()
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_contain_text("(draft)", timeout=30_000)
    # The 999 notice is in the preview as on the live page.
    expect(preview.get_by_text(re.compile("999")).first).to_be_visible()
    page.screenshot(path=screenshots / "admin-editor-preview.png")

    page.get_by_role("button", name="Toggle checks").click()
    checks = page.locator("[data-side-panel='checks']")
    expect(checks).to_be_visible()
    # The checker runs axe inside the preview and counts what it finds.
    expect(checks.get_by_text("Issues found")).to_be_visible(timeout=20_000)
    expect(checks.get_by_text("Readability")).to_be_visible()
    page.screenshot(path=screenshots / "admin-editor-checks.png")
