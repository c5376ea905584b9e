"""A Westminster publisher handles the newsletter's subscribers in Chromium: sees the list,
downloads it as CSV and erases one address after confirming. Rochford's stay out of sight."""

import csv
import json

from playwright.sync_api import expect

from tests.browser.officers import WESTMINSTER_PUBLISHERS

WESTMINSTER = ["keep.reading@example.org", "erase.me@example.org", "=sum(1+1)@example.org"]
ROCHFORD = ["rochford.only@example.org"]


def add_subscribers(site_server):
    """Subscribers on two councils, and a record of an issue sent to the one to be erased."""
    lists = json.dumps({"localhost": WESTMINSTER, "rochford.localhost": ROCHFORD})
    site_server.shell(
        "import json\n"
        "from wagtail.models import Site\n"
        "from newsletters.models import Delivery, NewsletterIssuePage, Subscriber\n"
        f"for host, emails in json.loads({lists!r}).items():\n"
        "    site = Site.objects.get(hostname=host)\n"
        "    for email in emails:\n"
        "        Subscriber.objects.get_or_create(site=site, email=email)\n"
        "site = Site.objects.get(hostname='localhost')\n"
        "issue = NewsletterIssuePage.objects.live().descendant_of(site.root_page).first()\n"
        "Delivery.objects.get_or_create(issue=issue, email='erase.me@example.org', "
        "defaults={'status': 'sent'})\n",
    )


def records_of(site_server, email):
    return json.loads(
        site_server.shell(
            "import json\n"
            "from newsletters.models import Delivery, Subscriber\n"
            f"email = {email!r}\n"
            "print(json.dumps([Subscriber.objects.filter(email=email).count(), "
            "Delivery.objects.filter(email=email).count()]))\n",
        )
    )


def test_a_publisher_lists_downloads_and_erases_subscribers(officer, site_server, screenshots):
    add_subscribers(site_server)
    assert records_of(site_server, "erase.me@example.org") == [1, 1]
    page = officer("westminster-subscribers", groups=[WESTMINSTER_PUBLISHERS])

    page.get_by_role("link", name="Subscribers").click()
    expect(page.get_by_role("heading", name="Newsletter subscribers", level=1)).to_be_visible()
    table = page.locator("table.listing")
    for email in WESTMINSTER:
        expect(table.get_by_text(email, exact=True)).to_be_visible()
    expect(table.get_by_text(ROCHFORD[0])).to_have_count(0)
    page.screenshot(path=screenshots / "admin-newsletter-subscribers.png", full_page=True)

    # Download the list: Westminster's only, and the formula-like address written as text.
    page.locator("#w-slim-header-buttons").get_by_role("button").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "newsletter-subscribers.csv"
    with open(download.path(), encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["Email", "Council", "Confirmed"]
    assert sorted(row[0] for row in rows[1:]) == sorted(
        ["keep.reading@example.org", "erase.me@example.org", "'=sum(1+1)@example.org"]
    )
    assert {row[1] for row in rows[1:]} == {"Westminster City Council Prevent"}

    # Erase one address: the admin asks first, and says what will go.
    row = table.locator("tr", has=page.get_by_text("erase.me@example.org", exact=True))
    row.get_by_role("button").first.click()
    row.get_by_role("link", name="Delete").click()
    expect(page.get_by_text("Erase erase.me@example.org for good?")).to_be_visible()
    expect(page.get_by_text("the 1 newsletter issue sent to it")).to_be_visible()
    page.screenshot(path=screenshots / "admin-erase-subscriber.png", full_page=True)
    assert records_of(site_server, "erase.me@example.org") == [1, 1]  # nothing gone yet

    page.get_by_role("button", name="Yes, delete").click()
    expect(page.get_by_text("Subscriber erased")).to_be_visible()
    expect(page.locator("table.listing").get_by_text("erase.me@example.org")).to_have_count(0)
    expect(page.locator("table.listing").get_by_text("keep.reading@example.org")).to_be_visible()
    page.screenshot(path=screenshots / "admin-subscriber-erased.png", full_page=True)
    assert records_of(site_server, "erase.me@example.org") == [0, 0]
    assert records_of(site_server, ROCHFORD[0]) == [1, 0]
