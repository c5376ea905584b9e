"""'Exit this page' in Chromium: the button and three presses of Shift take the person to the
neutral address, the plain link does the same without JavaScript, and the pages that carry it
(with the step-by-step) pass axe at desktop and 320 px wide.

Every request that leaves the local site is answered here by Playwright, so the tests never
reach the real neutral site; they record what the browser asked for instead.
"""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import AXE_OPTIONS, describe

BBC_WEATHER = "https://www.bbc.co.uk/weather"
CONCERN = "/worried-about-someone/"
NEUTRAL_PAGE = "<!DOCTYPE html><title>Weather</title><h1>Stand-in for the neutral site</h1>"


def keep_requests_local(page):
    """Let requests to the local site through; answer any other one with a stand-in page."""
    outside = []

    def handle(route):
        host = urlsplit(route.request.url).hostname or ""
        if host == "127.0.0.1" or host == "localhost" or host.endswith(".localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)

    page.route("**/*", handle)
    return outside


def console_errors(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("council", ["westminster", "rochford", "london-councils"])
def test_pressing_the_button_replaces_the_page_with_the_neutral_site(site_server, page, council):
    outside = keep_requests_local(page)
    errors = console_errors(page)
    page.goto(site_server.url(council, CONCERN))
    button = page.locator(".govuk-exit-this-page__button")
    assert button.is_visible()
    # The script has taken over the button: it added the Shift indicator lights.
    assert page.locator(".govuk-exit-this-page__indicator-light").count() == 3
    assert errors == []
    assert outside == []  # nothing is fetched from the neutral site until the button is pressed

    with page.expect_navigation(url=BBC_WEATHER):
        button.click()
    assert page.url == BBC_WEATHER
    assert outside == [BBC_WEATHER]
    assert page.locator("h1").inner_text() == "Stand-in for the neutral site"


@pytest.mark.parametrize(
    "council, path",
    [
        ("westminster", CONCERN),
        ("westminster", CONCERN + "who-should-i-contact/?danger=no"),
        ("rochford", "/channel/"),
    ],
)
def test_pressing_shift_three_times_leaves_too(site_server, page, council, path):
    outside = keep_requests_local(page)
    page.goto(site_server.url(council, path))
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    # Two presses: the lights show, and screen readers hear how many more are needed.
    assert page.locator(".govuk-exit-this-page__indicator-light--on").count() == 2
    assert page.locator(".govuk-exit-this-page [role=status]").inner_text() == (
        "Shift, press 1 more time to exit."
    )
    assert outside == []
    with page.expect_navigation(url=BBC_WEATHER):
        page.keyboard.press("Shift")
    assert outside == [BBC_WEATHER]


def test_shift_does_nothing_on_a_page_without_the_button(site_server, page):
    outside = keep_requests_local(page)
    page.goto(site_server.url("westminster", "/contest/"))
    assert page.locator(".govuk-exit-this-page").count() == 0
    # The Navigation API's navigate event fires the moment a navigation starts, so the record
    # says at once whether the presses started one: there is nothing to wait for.
    page.evaluate(
        "() => { window.startedNavigations = []; navigation.addEventListener("
        "'navigate', (event) => startedNavigations.push(event.destination.url)); }"
    )
    for _ in range(3):
        page.keyboard.press("Shift")
    assert page.evaluate("window.startedNavigations") == []
    assert page.url == site_server.url("westminster", "/contest/")
    assert outside == []


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def test_without_javascript_it_is_a_plain_link_to_the_neutral_site(site_server, no_js_page):
    page = no_js_page
    outside = keep_requests_local(page)
    page.goto(site_server.url("westminster", CONCERN))
    link = page.get_by_role("button", name="Emergency Exit this page")
    assert link.is_visible()
    assert link.evaluate("el => el.tagName") == "A"
    assert link.get_attribute("href") == BBC_WEATHER
    assert page.locator(".govuk-exit-this-page__indicator").count() == 0  # no script ran
    with page.expect_navigation(url=BBC_WEATHER):
        link.click()
    assert outside == [BBC_WEATHER]


@pytest.mark.parametrize("width", [1280, 320])
def test_concern_page_with_exit_and_steps_passes_axe(site_server, browser, screenshots, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        keep_requests_local(page)
        problems = []
        for council, path in [("westminster", CONCERN), ("westminster", "/channel/")]:
            page.goto(site_server.url(council, path))
            assert page.locator(".govuk-exit-this-page__button").is_visible()
            assert page.locator("ol.app-step-by-step__steps > li").count() == 6
            results = Axe().run(page, options=AXE_OPTIONS)
            problems += [describe(council, path, v) for v in results.response["violations"]]
            # Nothing wider than the screen: no sideways scrolling at 320 px.
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{path} is {scroll_width}px wide at {width}px"
        page.goto(site_server.url("westminster", CONCERN))
        page.screenshot(path=screenshots / f"exit-this-page-{width}.png")
        steps = page.locator(".app-step-by-step")
        steps.screenshot(path=screenshots / f"step-by-step-{width}.png")
        assert not problems, "\n".join(problems)
    finally:
        context.close()
