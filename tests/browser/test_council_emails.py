"""An officer sets where replies to their council's emails go, and sees the email as residents
will: headed with the council's name and logo, loaded from the site's own address."""

import re

from playwright.sync_api import expect

from tests.browser.officers import WESTMINSTER_PUBLISHERS


def live_issue_id(site_server, hostname):
    return int(
        site_server.shell(
            "from newsletters.models import NewsletterIssuePage\n"
            "from wagtail.models import Site\n"
            f"site = Site.objects.get(hostname={hostname!r})\n"
            "print(NewsletterIssuePage.objects.live().in_site(site).first().pk)"
        )
    )


def test_a_publisher_sets_the_reply_to_address_and_previews_the_councils_email(
    officer, site_server, screenshots
):
    page = officer("westminster-publisher", groups=[WESTMINSTER_PUBLISHERS])
    page.goto(site_server.url("westminster", "/admin/settings/pages/sitebranding/"))
    field = page.get_by_role("textbox", name="Reply-to email address")
    field.fill("prevent team at westminster")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter a valid email address.")).to_be_visible()

    page.get_by_role("textbox", name="Reply-to email address").fill("prevent@westminster.example")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("updated")
    expect(page.get_by_role("textbox", name="Reply-to email address")).to_have_value(
        "prevent@westminster.example"
    )
    page.screenshot(path=screenshots / "admin-branding-reply-to.png", full_page=True)

    issue_id = live_issue_id(site_server, "localhost")
    page.goto(site_server.url("westminster", f"/admin/newsletters/{issue_id}/send/"))
    page.get_by_role("button", name=re.compile("Send a test to")).click()
    expect(page.locator(".messages")).to_contain_text("A test email has been sent")

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview the email").click()
    preview = opened.value
    preview.wait_for_load_state()
    masthead = preview.locator(".masthead")
    expect(masthead).to_have_text(re.compile(r"Westminster City Council\s+Prevent"))
    logo = masthead.locator("img")
    # The logo's address is absolute, on the council's host and the port the site runs on,
    # and it loads.
    assert logo.get_attribute("src").startswith(site_server.url("westminster", "/media/images/"))
    expect(logo).to_have_js_property("complete", True)
    assert logo.evaluate("image => image.naturalWidth") > 0
    assert masthead.locator("a").get_attribute("href") == site_server.url("westminster", "/")
    preview.screenshot(path=screenshots / "email-issue-westminster.png")
