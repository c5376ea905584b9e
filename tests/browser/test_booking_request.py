"""Asking for a training session in Chromium, 320 px wide: from a course's "Request a session"
button, with mistakes first and then correctly, axe on each state; and the same form without
JavaScript, where "Something else" and its box work as plain HTML.

The form refuses a request sent back within seconds of the page being shown (a program filling
it in). A person takes longer than Playwright does, so each page of the form is given a render
time a minute back, signed with the site's key, rather than the test waiting.
"""

import json
import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from pages.spam import render_stamp
from tests.browser.test_accessibility import AXE_OPTIONS, describe

FORM = "/training/request-a-session/"
TOKEN = re.compile(rb'name="rendered_at" value="[^"]*"')


def as_if_filled_in_by_a_person(page, site_server):
    """Every form page the browser gets carries a render time a minute old."""

    def handle(route):
        response = route.fetch()
        aged = f'name="rendered_at" value="{render_stamp(at=time.time() - 60)}"'.encode()
        route.fulfill(response=response, body=TOKEN.sub(aged, response.body()))

    address = re.escape(site_server.url("westminster", FORM))
    page.route(re.compile(address + r"(\?.*)?$"), handle)


def stored_request(site_server, organisation):
    code = (
        "import json\n"
        "from bookings.models import BookingRequest\n"
        f"r = BookingRequest.objects.filter(organisation={organisation!r}).latest('created_at')\n"
        "print(json.dumps({'title': r.page_title, 'other': r.something_else,\n"
        "    'people': r.people, 'phone': r.phone}))\n"
    )
    return json.loads(site_server.shell(code))


def fill_in_correctly(page):
    page.get_by_label("Full name").fill("Amira Khan")
    page.get_by_label("Organisation").fill("Grey Coat Primary School")
    page.get_by_label("Your role").fill("Designated safeguarding lead")
    page.get_by_label("Email address").fill("amira@school.example")
    page.get_by_label("Phone number (optional)").fill("020 7641 6032")
    page.get_by_label("Number of people").fill("24")
    page.get_by_label("Dates or times that suit you").fill("Any Tuesday afternoon in March")


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    yield page
    context.close()


def test_a_partner_asks_for_a_course_with_mistakes_then_correctly_and_axe_finds_nothing(
    site_server, narrow_page, screenshots
):
    page = narrow_page
    as_if_filled_in_by_a_person(page, site_server)
    axe = Axe()
    problems = []

    def check(state):
        results = axe.run(page, options=AXE_OPTIONS)
        problems.extend(
            describe("westminster", f"{FORM} ({state})", v) for v in results.response["violations"]
        )
        # Nothing is wider than the screen: no sideways scrolling at 320 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, state
        page.screenshot(path=screenshots / f"booking-request-{state}-320.png", full_page=True)

    page.goto(site_server.url("westminster", "/training/wrap/"))
    page.get_by_role("button", name="Request a session of WRAP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request a training session")
    expect(page.get_by_role("radio", name="WRAP")).to_be_checked()
    check("empty")

    page.get_by_label("Full name").fill("Amira Khan")
    page.get_by_label("Email address").fill("amira@")
    page.get_by_label("Number of people").fill("0")
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to it
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Enter the name of your organisation",
            "Enter your role, like designated safeguarding lead",
            "Enter an email address in the correct format, like name@example.com",
            "Enter the number of people as a whole number from 1 to 500, like 12",
            "Enter the dates or times that suit you",
        ]
    )
    # What was typed is still there, the course still chosen.
    expect(page.get_by_label("Full name")).to_have_value("Amira Khan")
    expect(page.get_by_role("radio", name="WRAP")).to_be_checked()
    check("errors")
    summary.get_by_role("link", name="Enter the name of your organisation").click()
    expect(page.get_by_label("Organisation")).to_be_focused()

    fill_in_correctly(page)
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Request sent")
    check("sent")

    assert stored_request(site_server, "Grey Coat Primary School") == {
        "title": "WRAP",
        "other": "",
        "people": 24,
        "phone": "020 7641 6032",
    }
    assert not problems, "\n".join(problems)


def test_the_form_works_without_javascript(site_server, browser, screenshots):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        as_if_filled_in_by_a_person(page, site_server)
        page.goto(site_server.url("westminster", FORM))
        page.get_by_role("radio", name="Something else").check()
        # The box for "Something else" is plain HTML: there without JavaScript.
        describe_box = page.get_by_label("If you selected ‘Something else’, describe it")
        expect(describe_box).to_be_visible()
        fill_in_correctly(page)
        page.get_by_label("Organisation").fill("Pimlico Youth Club")
        page.get_by_role("button", name="Send request").click()
        summary = page.locator(".govuk-error-summary")
        expect(summary.get_by_role("link")).to_have_text(
            ["Describe the training or event you would like"]
        )
        page.screenshot(path=screenshots / "booking-request-errors-no-js.png", full_page=True)

        page.get_by_label("If you selected ‘Something else’, describe it").fill(
            "A talk for our volunteers"
        )
        page.get_by_role("button", name="Send request").click()
        expect(page.locator(".govuk-panel__title")).to_have_text("Request sent")
        stored = stored_request(site_server, "Pimlico Youth Club")
        assert stored["title"] == "" and stored["other"] == "A talk for our volunteers"
    finally:
        context.close()
