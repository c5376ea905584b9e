"""The events listing, the past-events archive and an event page at 320 px wide: clean under
axe, no sideways scrolling, and the calendar feed the listing links to is a calendar."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from icalendar import Calendar

from tests.browser.pages_to_check import EVENT_PAGES
from tests.browser.test_accessibility import AXE_OPTIONS, describe

SHOTS = Path(__file__).parent / "screenshots" / "events"


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    yield page
    context.close()


def test_events_pages_pass_axe_at_320px_without_sideways_scrolling(site_server, narrow_page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = narrow_page
    axe = Axe()
    problems = []
    for council, path in EVENT_PAGES:
        response = page.goto(site_server.url(council, path))
        assert response.status == 200, (council, path)
        results = axe.run(page, options=AXE_OPTIONS)
        problems += [describe(council, path, v) for v in results.response["violations"]]
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{council}{path} is {width} px wide"
        name = f"{council}-{path.strip('/').replace('/', '-') or 'home'}-320.png"
        page.screenshot(path=SHOTS / name, full_page=True)
    assert not problems, "\n".join(problems)


def test_the_listing_links_to_its_calendar_feed(site_server, narrow_page):
    page = narrow_page
    page.goto(site_server.url("westminster", "/events/"))
    link = page.get_by_role("link", name="Add all our events to your calendar (.ics file)")
    feed = page.request.get(link.get_attribute("href"))
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(feed.body())
    assert str(calendar["version"]) == "2.0"
    # The archive is one step away, and lists the July 2023 newsletter's events.
    page.get_by_role("link", name="Past events").click()
    assert page.locator(".app-card").count() == 4
