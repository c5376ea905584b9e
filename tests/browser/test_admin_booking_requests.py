"""A Westminster officer handles training requests in Chromium: finds them under Reports, sees
Westminster's only, opens one, marks it handled and downloads the list as CSV. Rochford's
request stays out of sight."""

import csv
import json

from playwright.sync_api import expect

from tests.browser.officers import WESTMINSTER_EDITORS


def add_requests(site_server):
    """One request to each of two councils, as the form would have stored them."""
    site_server.shell(
        "from wagtail.models import Site\n"
        "from bookings.models import BookingRequest\n"
        "for host, organisation in (('localhost', 'Church Street Primary School'), "
        "('rochford.localhost', 'Rochford Youth Club')):\n"
        "    BookingRequest.objects.get_or_create(\n"
        "        site=Site.objects.get(hostname=host), organisation=organisation,\n"
        "        defaults=dict(page_title='WRAP', name='Sam Jones', role='Head teacher',\n"
        "            email='sam@example.org', people=12,\n"
        "            preferred_dates='Any Tuesday in March'))\n",
    )


def handled(site_server, organisation):
    return json.loads(
        site_server.shell(
            "import json\n"
            "from bookings.models import BookingRequest\n"
            f"request = BookingRequest.objects.get(organisation={organisation!r})\n"
            "print(json.dumps(request.handled_at is not None))\n",
        )
    )


def test_an_officer_sees_handles_and_downloads_their_councils_requests(
    officer, site_server, screenshots
):
    add_requests(site_server)
    page = officer("westminster-requests", groups=[WESTMINSTER_EDITORS])

    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Training requests").click()
    expect(page.get_by_role("heading", name="Training requests", level=1)).to_be_visible()
    table = page.locator("table.listing")
    expect(table.get_by_role("link", name="Church Street Primary School")).to_be_visible()
    expect(table.get_by_text("Rochford Youth Club")).to_have_count(0)
    page.screenshot(path=screenshots / "admin-training-requests.png", full_page=True)

    # Download the list: Westminster's request only.
    page.locator("#w-slim-header-buttons").get_by_role("button").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    with open(download_info.value.path(), newline="", encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [row["Organisation"] for row in rows] == ["Church Street Primary School"]

    # Open it and mark it handled.
    page.get_by_role("link", name="Church Street Primary School").click()
    expect(page.get_by_text("Any Tuesday in March")).to_be_visible()
    page.get_by_role("button", name="Mark as handled").click()
    expect(page.get_by_text("The request is marked as handled.")).to_be_visible()
    assert handled(site_server, "Church Street Primary School") is True
    assert handled(site_server, "Rochford Youth Club") is False
