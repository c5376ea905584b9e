"""Signing up for contact change emails in Chromium at 320 px: from the contacts directory to
the form, its error state, the "check your email" reply and the confirmation page, each clean
under axe and without sideways scrolling."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE_OPTIONS, describe

SHOTS = Path(__file__).parent / "screenshots" / "contact-updates"


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    yield page
    context.close()


def test_a_partner_signs_up_from_the_directory_at_320px(site_server, narrow_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = narrow_page
    axe = Axe()
    problems = []

    def check(state):
        results = axe.run(page, options=AXE_OPTIONS)
        problems.extend(
            describe("westminster", f"contact updates ({state})", v)
            for v in results.response["violations"]
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, state
        page.screenshot(path=SHOTS / f"{state}-320.png", full_page=True)

    page.goto(site_server.url("westminster", "/contacts/"))
    page.get_by_role("link", name="Sign up for contact change emails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Get an email when our contacts change"
    )
    check("form")

    page.get_by_label("Email address").fill("dsl@")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.get_by_label("Email address")).to_have_value("dsl@")
    check("errors")

    page.get_by_label("Email address").fill("dsl@school.example")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Check your email")
    check("check-email")

    token = site_server.shell(
        "from wagtail.models import Site; from newsletters.tokens import make_confirm_token; "
        "print(make_confirm_token(Site.objects.get(hostname='localhost').pk, "
        "'dsl@school.example', salt='contact_updates.confirm'))"
    )
    page.goto(site_server.url("westminster", f"/email/contact-updates/confirm/?token={token}"))
    check("confirm")
    page.get_by_role("button", name="Confirm subscription").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("You are subscribed")
    check("subscribed")

    assert not problems, "\n".join(problems)
