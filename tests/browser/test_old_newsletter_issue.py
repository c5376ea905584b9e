"""A resident who lands on an old newsletter issue is told it is old before reading it."""

from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import AXE_OPTIONS, describe


def test_old_issue_warns_first_and_leads_to_current_help(site_server, page, screenshots):
    page.goto(site_server.url("westminster", "/newsletter/july-2023/"))
    notice = page.locator("main .govuk-notification-banner")
    assert notice.is_visible()
    # The notice sits above the issue's heading, so nobody reads the issue before it.
    notice_box, heading_box = notice.bounding_box(), page.locator("main h1").bounding_box()
    assert notice_box["y"] + notice_box["height"] <= heading_box["y"]
    assert "published on 18 July 2023" in notice.inner_text()
    page.screenshot(path=screenshots / "old-newsletter-issue.png")

    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, "\n".join(
        describe("westminster", "/newsletter/july-2023/", v) for v in violations
    )

    with page.expect_navigation():
        notice.get_by_role("link", name="Worried about someone?").click()
    assert page.locator("h1").inner_text() == "Worried about someone?"
