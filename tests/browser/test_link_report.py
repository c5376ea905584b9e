"""An officer finds their council's broken links in the admin and opens the page to fix one.

The seeded site's own links go to GOV.UK, which tests never visit: the check runs on the
links this test adds, to a small website on 127.0.0.1 (--only)."""

import json
import re

from playwright.sync_api import expect

from tests.browser.officers import WESTMINSTER_EDITORS
from tests.linkcheck.fake_website import running_website

ADD_LINK = """
import json
from wagtail.models import Site
from pages.models import PreventDutyPage
for host, url in json.loads({links!r}).items():
    site = Site.objects.get(hostname=host)
    page = PreventDutyPage.objects.descendant_of(site.root_page).get()
    page.guidance_links.append(
        ("link", {{"external_url": url, "link_text": "Old guidance", "source": "Testshire"}})
    )
    page.save_revision().publish()
"""


def test_an_officer_sees_their_councils_broken_link_and_opens_its_page(
    officer, site_server, screenshots
):
    with running_website() as website:
        westminster_link = website.url("/missing")
        rochford_link = website.url("/error")
        links = json.dumps({"localhost": westminster_link, "rochford.localhost": rochford_link})
        site_server.shell(ADD_LINK.format(links=links))
        site_server.manage(
            "check_links",
            f"--only={website.url('/')}",
            "--timeout=2",
            "--retries=0",
            "--pause=0",
        )

    page = officer("link-officer", groups=[WESTMINSTER_EDITORS])
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Links to other websites").click()

    expect(page.get_by_role("heading", name="Links to other websites")).to_be_visible()
    row = page.locator("tr", has_text=westminster_link)
    expect(row).to_contain_text("Broken")
    expect(row).to_contain_text("Page not found (404)")
    expect(row).to_contain_text("Guidance links")
    # Rochford's broken link is Rochford's officers' business.
    expect(page.locator("body")).not_to_contain_text(rochford_link)
    page.screenshot(path=screenshots / "admin-link-report.png", full_page=True)

    row.get_by_role("link", name=re.compile("Prevent duty", re.I)).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.locator("#id_title")).to_have_value("The Prevent duty")
    link_texts = page.locator("input[name$='-value-link_text']")
    expect(link_texts.last).to_have_value("Old guidance")
