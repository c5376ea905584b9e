""" "Which Prevent training do I need?" in Chromium: every question, error and answer state of
each council's finder passes axe at 320 px and on a desktop without scrolling sideways, and a
person without JavaScript goes from the training page to the answer and its calendar reminder
with no cookie set."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from icalendar import Calendar

from tests.browser.pages_to_check import EXTRA_STATES
from tests.browser.test_accessibility import AXE_OPTIONS, describe

FINDERS = {
    "westminster": "/training/which-training/",
    "rochford": "/which-prevent-training/",
    "london-councils": "/which-prevent-training/",
}


def finder_states():
    for council, start in FINDERS.items():
        yield council, start
        yield council, start + "questions/"
        yield from ((council, p) for p in EXTRA_STATES[council] if p.startswith(start))


@pytest.mark.parametrize("width", [320, 1280])
def test_every_finder_state_passes_axe_and_fits_the_screen(site_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        problems, checked = [], 0
        for council, path in finder_states():
            response = page.goto(site_server.url(council, path))
            assert response.status in (200, 400), f"{council}{path}"
            results = Axe().run(page, options=AXE_OPTIONS)
            problems += [describe(council, path, v) for v in results.response["violations"]]
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{council}{path} is {scroll_width}px wide"
            checked += 1
        assert checked >= 11
        assert not problems, "\n".join(problems)
    finally:
        context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 800}, accept_downloads=True
    )
    page = context.new_page()
    yield page
    context.close()


def continue_(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def test_without_javascript_from_the_training_page_to_the_answer_and_reminder(
    site_server, no_js_page, screenshots
):
    page = no_js_page
    page.goto(site_server.url("westminster", "/training/"))
    page.get_by_role("link", name="Answer 2 questions to find out").click()
    assert page.locator("h1").inner_text() == "Which Prevent training do I need?"
    page.get_by_role("button", name="Start now").click()
    assert page.locator("h1").inner_text() == "Where do you work or volunteer?"

    # Continue without an answer: the question again with an error summary.
    continue_(page)
    assert "Select where you work or volunteer" in page.locator(".govuk-error-summary").inner_text()
    assert page.title().startswith("Error:")

    page.get_by_label("A school or college").check()
    continue_(page)
    assert page.locator("h1").inner_text() == "What is your role?"
    page.get_by_label("A member of staff").check()
    continue_(page)
    assert page.locator("h1").inner_text() == "The Prevent training for you"
    main = page.locator("main")
    assert main.get_by_role("link", name="Prevent awareness course").is_visible()
    assert main.get_by_role("link", name="WRAP").is_visible()
    assert "Take it again every year" in main.inner_text()

    # Change the role: back to the role question, the sector kept.
    page.get_by_role("link", name="Change your answer to “What is your role?”").click()
    assert page.locator("h1").inner_text() == "What is your role?"
    page.get_by_label("A safeguarding lead, such as a designated safeguarding lead").check()
    continue_(page)
    assert "Take it again every 2 years" in page.locator("main").inner_text()
    page.screenshot(path=screenshots / "training-finder-answer-no-js-320.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Add a reminder").click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Refresh your Prevent training"
    assert "sector=school&role=safeguarding-lead" in str(event["DESCRIPTION"])
    assert event.walk("VALARM")

    assert page.context.cookies() == []
