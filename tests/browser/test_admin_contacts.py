"""Council officers change contacts in the admin, in Chromium, with the admin's own buttons."""

import re

from playwright.sync_api import expect

from tests.browser.officers import WESTMINSTER_EDITORS, WESTMINSTER_PUBLISHERS


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


def test_a_publisher_schedules_and_unpublishes_from_the_admins_buttons(
    officer, site_server, screenshots
):
    page = officer("westminster-scheduler", groups=[WESTMINSTER_PUBLISHERS])
    open_contact(page, "Integrated Gangs and Exploitation Unit")
    page.fill("#id_hours", "From 1 January 2030: 24 hours a day")

    # The status side panel's "Set schedule" dialog, then "Schedule to publish".
    page.get_by_role("button", name=re.compile("status", re.I)).first.click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.locator("#schedule-publishing-dialog")
    go_live = dialog.locator("#id_go_live_at")
    go_live.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    go_live.fill("2030-01-01 09:00")
    dialog.get_by_role("heading", name="Set publishing schedule").click()  # closes the picker
    expect(picker).to_have_count(0)
    page.screenshot(path=screenshots / "admin-contact-schedule-dialog.png")
    dialog.get_by_role("button", name="Save schedule").click()
    expect(page.locator(".messages")).to_contain_text("saved as a draft")

    footer = page.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    with page.expect_navigation():  # the last page's message stays until the new page loads
        footer.get_by_role("button", name="Schedule to publish").click()
    expect(page.locator(".messages")).to_contain_text(
        "is live and this version has been scheduled for publishing"
    )
    row = status_in_list(page, "Integrated Gangs and Exploitation Unit")
    expect(row.locator(".w-status")).to_have_text(re.compile(r"live \+ scheduled"))

    # Unpublish: the action menu, then Wagtail's confirmation page.
    open_contact(page, "Parenting Programme (Strengthening Families, Strengthening Communities)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("link", name="Unpublish").click()
    page.get_by_role("button", name=re.compile("unpublish", re.I)).click()
    expect(page.locator(".messages")).to_contain_text("unpublished")

    resident = page.context.new_page()
    resident.goto(site_server.url("westminster", "/contacts/"))
    expect(resident.locator("main")).to_contain_text("Integrated Gangs and Exploitation Unit")
    expect(resident.locator("main")).not_to_contain_text("From 1 January 2030")
    expect(resident.locator("main")).not_to_contain_text("Parenting Programme")
