"""Council officers change contacts in the admin, in Chromium, with the admin's own buttons."""

import re

from playwright.sync_api import expect

WESTMINSTER_PUBLISHERS = "Westminster City Council Prevent publishers"
WESTMINSTER_EDITORS = "Westminster City Council Prevent editors"


def open_contact(page, name):
    """From the dashboard: Contacts in the menu, then the contact's name in the list."""
    page.get_by_role("link", name="Contacts", exact=True).first.click()
    expect(page.get_by_role("heading", name="Contacts", exact=True)).to_be_visible()
    page.locator("table.listing").get_by_role("link", name=name, exact=True).click()
    expect(page.locator("#id_hours")).to_be_visible()


def status_in_list(page, name):
    page.get_by_role("link", name="Contacts", exact=True).first.click()
    row = page.locator("table.listing tbody tr").filter(
        has=page.get_by_role("link", name=name, exact=True)
    )
    return row


def test_a_publisher_changes_opening_hours_and_publishes_them(officer, site_server, screenshots):
    page = officer("westminster-publisher", groups=[WESTMINSTER_PUBLISHERS])
    open_contact(page, "Westminster Prevent team")
    page.fill("#id_hours", "9am to 5pm, Monday to Thursday")

    footer = page.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    publish = footer.get_by_role("button", name="Publish", exact=True)
    expect(publish).to_be_visible()
    page.screenshot(path=screenshots / "admin-contact-publish-menu.png")
    publish.click()

    expect(page.locator(".messages")).to_contain_text(
        "Contact 'Westminster Prevent team (Westminster City Council Prevent)' updated and "
        "published."
    )
    expect(status_in_list(page, "Westminster Prevent team").locator(".w-status")).to_have_text(
        re.compile(r"^\s*live\s*$")
    )

    resident = page.context.new_page()
    resident.goto(site_server.url("westminster", "/contacts/"))
    card = resident.locator(".app-contact-card").filter(has_text="Westminster Prevent team")
    expect(card).to_contain_text("9am to 5pm, Monday to Thursday")
    resident.screenshot(path=screenshots / "contacts-after-publishing.png")


def test_an_editors_change_shows_as_a_draft_in_the_list(officer, site_server, screenshots):
    page = officer("westminster-editor", groups=[WESTMINSTER_EDITORS])
    open_contact(page, "Adult Social Care")
    footer = page.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    expect(footer.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    page.keyboard.press("Escape")

    page.fill("#id_hours", "10am to 4pm, Monday to Friday")
    footer.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("saved as a draft")

    row = status_in_list(page, "Adult Social Care")
    expect(row.locator(".w-status")).to_have_text(re.compile(r"live \+ draft"))
    expect(row).to_contain_text("westminster-editor")
    page.screenshot(path=screenshots / "admin-contacts-list-with-draft.png")

    resident = page.context.new_page()
    resident.goto(site_server.url("westminster", "/contacts/"))
    card = resident.locator(".app-contact-card").filter(has_text="Adult Social Care")
    expect(card).not_to_contain_text("10am to 4pm")
