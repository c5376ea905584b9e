"""Alerts in Chromium: an officer posts one through the admin and residents see it; a resident
hides an information alert, and it stays hidden on the next page from the first paint; an
urgent alert cannot be hidden; both types pass axe, on a desktop and at 320 px wide.

Alerts other than the officer's are made in the seeded site's database; the pages they are
checked on are first visited after that, so the server's page cache cannot hold them yet.
"""

import datetime
import json
import re
import zoneinfo

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.officers import WESTMINSTER_PUBLISHERS
from tests.browser.test_accessibility import AXE_OPTIONS, describe

LONDON = zoneinfo.ZoneInfo("Europe/London")

# Run in the page before any of its own scripts: the alerts' display when the document has
# been parsed (before the module script runs and before anything could hide them late).
RECORD_FIRST_PAINT = """
document.addEventListener('DOMContentLoaded', () => {
  window.alertsAtFirstPaint = [...document.querySelectorAll('.app-alert')].map(
    (alert) => [alert.id, getComputedStyle(alert).display]
  )
})
"""


def make_alert(site_server, council, **fields):
    """An alert of `council` that started a minute ago and ends in two hours; returns its id."""
    args = json.dumps({"council": council, **fields})
    return site_server.shell(
        "import datetime, json\n"
        "from django.utils import timezone\n"
        "from wagtail.models import Site\n"
        "from alerts.models import Alert\n"
        f"a = json.loads({args!r})\n"
        "hosts = {'westminster': 'localhost', 'rochford': 'rochford.localhost',"
        " 'london-councils': 'londoncouncils.localhost'}\n"
        "site = Site.objects.get(hostname=hosts[a.pop('council')])\n"
        "now = timezone.now()\n"
        "alert = Alert.objects.create(site=site, starts_at=now - datetime.timedelta(minutes=1),"
        " ends_at=now + datetime.timedelta(hours=2), **a)\n"
        "print(alert.pk)\n"
    )


def axe_problems(page, label):
    results = Axe().run(page, options=AXE_OPTIONS)
    return [describe(label, "", violation) for violation in results.response["violations"]]


def test_an_officer_posts_an_alert_in_the_admin_and_residents_see_it(
    officer, site_server, screenshots
):
    page = officer("alert-publisher", groups=[WESTMINSTER_PUBLISHERS])
    page.get_by_role("link", name="Alerts", exact=True).first.click()
    expect(page.get_by_role("heading", name="Alerts", exact=True)).to_be_visible()
    page.get_by_role("link", name="Add alert").first.click()
    expect(page.locator("#id_title")).to_be_visible()

    # A Westminster publisher may post for Westminster only.
    assert page.locator("#id_site option").all_inner_texts() == [
        "Westminster City Council Prevent [default]"
    ]
    page.get_by_role("radio", name="Information").check()
    page.fill("#id_title", "Drop-in session moved to Thursday")
    page.fill("#id_text", "This week's drop-in at the library is on Thursday, not Wednesday.")
    page.fill("#id_link_url", "https://www.westminster.gov.uk/")
    page.fill("#id_link_text", "Westminster City Council")
    ends = datetime.datetime.now(LONDON) + datetime.timedelta(hours=3)
    page.fill("#id_ends_at", ends.strftime("%Y-%m-%d %H:%M"))
    page.keyboard.press("Escape")  # close the date picker
    page.screenshot(path=screenshots / "admin-alert-form.png", full_page=True)
    page.locator("footer").get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messages")).to_contain_text("Drop-in session moved to Thursday")
    row = page.locator("table.listing tbody tr").filter(has_text="Drop-in session moved")
    expect(row.locator(".w-status")).to_have_text(re.compile(r"^\s*Showing now\s*$"))
    page.screenshot(path=screenshots / "admin-alerts-list.png")

    resident = page.context.browser.new_page()
    resident.goto(site_server.url("westminster", "/"))
    alert = resident.locator(".app-alert")
    expect(alert).to_be_visible()
    expect(alert.locator(".govuk-notification-banner__heading")).to_have_text(
        "Drop-in session moved to Thursday"
    )
    # Right below the 999 notice, which is still there.
    expect(resident.locator(".app-emergency")).to_be_visible()
    above = resident.evaluate(
        "document.querySelector('.app-emergency').compareDocumentPosition("
        "document.querySelector('.app-alert')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert above
    resident.screenshot(path=screenshots / "alert-information-westminster.png")

    # The officer takes it down early; residents no longer see it (and later tests of the
    # Westminster pages see no alert).
    edit_url = row.locator("a[href*='/edit/']").first.get_attribute("href")
    page.goto(site_server.url("westminster", edit_url.replace("/edit/", "/delete/")))
    page.get_by_role("button", name="Yes, delete").click()
    expect(page.locator(".messages")).to_contain_text("deleted")
    resident.goto(site_server.url("westminster", "/?after-delete"))
    expect(resident.locator(".app-emergency")).to_be_visible()
    expect(resident.locator(".app-alert")).to_have_count(0)
    resident.close()


def test_a_resident_hides_an_information_alert_and_it_stays_hidden_without_a_flash(
    browser, site_server, screenshots
):
    alert_id = make_alert(
        site_server,
        "rochford",
        title="Community event postponed",
        text="Saturday's event at the community centre will take place later in the year.",
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORD_FIRST_PAINT)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(site_server.url("rochford", "/prevent-duty/"))
    assert page.evaluate("window.alertsAtFirstPaint") == [[f"alert-{alert_id}", "block"]]
    alert = page.locator(f"#alert-{alert_id}")
    expect(alert).to_be_visible()
    page.screenshot(path=screenshots / "alert-information-rochford.png")
    alert.get_by_role("button", name=re.compile("^Hide this message")).click()
    expect(alert).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "main-content"
    assert page.context.cookies() == []  # remembered in the browser's storage, not a cookie
    stored = page.evaluate("JSON.parse(localStorage.getItem('hidden-alerts'))")
    assert stored == [alert.get_attribute("data-alert-key")]

    page.goto(site_server.url("rochford", "/contest/"))
    assert page.evaluate("window.alertsAtFirstPaint") == [[f"alert-{alert_id}", "none"]]
    expect(page.locator(f"#alert-{alert_id}")).to_be_hidden()
    expect(page.locator(".app-emergency")).to_be_visible()
    page.screenshot(path=screenshots / "alert-hidden-rochford.png")
    assert errors == []
    context.close()


def test_without_javascript_an_alert_shows_with_no_hide_button(browser, site_server):
    make_alert(site_server, "rochford", title="Library closed for repairs", text="Until Monday.")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.url("rochford", "/channel/"))
    alert = page.locator(".app-alert").filter(has_text="Library closed for repairs")
    expect(alert).to_be_visible()
    expect(alert.get_by_role("button")).to_have_count(0)
    context.close()


def test_both_types_pass_axe_and_urgent_cannot_be_hidden(browser, site_server, screenshots):
    urgent_id = make_alert(
        site_server,
        "london-councils",
        kind="urgent",
        title="Incident in the town centre",
        text="Stay away from the area and follow police advice.",
        link_url="https://www.met.police.uk/",
        link_text="Metropolitan Police updates",
    )
    make_alert(
        site_server,
        "london-councils",
        title="Helpline hours change",
        text="From Monday the helpline is open from 9am to 5pm.",
    )
    problems = []
    for width, height, path in ((1280, 900, "/"), (320, 640, "/contest/")):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(site_server.url("london-councils", path))
        urgent = page.locator(f"#alert-{urgent_id}")
        expect(urgent).to_be_visible()
        assert urgent.get_attribute("role") == "alert"
        expect(urgent.get_by_role("button")).to_have_count(0)
        information = page.locator(".app-alert:not(.app-alert--urgent)")
        expect(
            information.get_by_role("button", name=re.compile("^Hide this message"))
        ).to_be_visible()
        # Nothing is wider than the screen at 320 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        problems += axe_problems(page, f"london-councils{path} ({width} px)")
        page.screenshot(path=screenshots / f"alerts-urgent-{width}.png", full_page=width == 320)
        context.close()
    assert not problems, "\n".join(problems)
