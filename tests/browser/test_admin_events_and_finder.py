"""Officers add an event and change the training finder's answers in the admin, in Chromium,
and residents see the result. Both journeys use Rochford, whose pages no other browser test
changes: it starts with no events."""

import re

from playwright.sync_api import expect

from tests.browser.officers import ROCHFORD_PUBLISHERS


def publish(page):
    footer = page.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        footer.get_by_role("button", name="Publish", exact=True).click()


def type_date(page, field, value):
    """Type into one of the admin's date-time fields, then close its picker."""
    field.fill(value)
    page.keyboard.press("Escape")
    page.locator("#id_title").click()  # Escape alone leaves the picker over the footer


def test_a_publisher_adds_the_first_event_and_residents_find_it(officer, site_server, screenshots):
    page = officer("rochford-events", groups=[ROCHFORD_PUBLISHERS], council="rochford")
    events = site_server.page_id("rochford", "/events/")
    page.goto(site_server.url("rochford", f"/admin/pages/add/events/eventpage/{events}/"))

    page.fill("#id_title", "Prevent awareness for parents")
    page.fill("#id_summary", "An evening session on how Prevent helps families.")
    page.get_by_label("Kind").select_option("workshop")
    # The end before the start: the form says so and keeps what was typed.
    type_date(page, page.locator("#id_start"), "2030-03-12 18:30")
    type_date(page, page.locator("#id_end"), "2030-03-12 17:30")
    page.fill("#id_audience", "Parents and carers in Rochford district")
    page.get_by_label("Online or in person").select_option("in_person")
    page.fill("#id_venue", "Rochford Council Offices, Committee Room")
    page.fill("#id_address", "South Street\nRochford\nSS4 1BW")
    page.get_by_label("How to book").select_option("none")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("could not be created")
    expect(page.locator("main")).to_contain_text("after the start")
    expect(page.locator("#id_venue")).to_have_value("Rochford Council Offices, Committee Room")
    page.screenshot(path=screenshots / "admin-event-end-before-start.png", full_page=True)

    type_date(page, page.locator("#id_end"), "2030-03-12 20:00")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("created and published")

    resident = page.context.new_page()
    resident.goto(site_server.url("rochford", "/events/"))
    listing = resident.locator("main")
    expect(listing.get_by_role("link", name="Prevent awareness for parents")).to_be_visible()
    expect(listing).to_contain_text("12 March 2030")
    listing.get_by_role("link", name="Prevent awareness for parents").click()
    expect(resident.locator("h1")).to_have_text("Prevent awareness for parents")
    main = resident.locator("main")
    expect(main).to_contain_text("6:30pm")
    expect(main).to_contain_text("SS4 1BW")
    expect(resident.get_by_text(re.compile("999")).first).to_be_visible()
    resident.screenshot(path=screenshots / "rochford-first-event.png", full_page=True)


def test_a_publisher_changes_when_health_leads_refresh_their_training(
    officer, site_server, screenshots
):
    page = officer("rochford-finder", groups=[ROCHFORD_PUBLISHERS], council="rochford")
    finder = site_server.page_id("rochford", "/which-prevent-training/")
    page.goto(site_server.url("rochford", f"/admin/pages/{finder}/edit/"))

    # The third answer is for safeguarding leads in health, social care, the police and councils.
    third = "#routes-2-value"
    expect(page.locator(f"{third}-refresh_months")).to_have_value("24")
    page.fill(f"{third}-refresh_months", "18")
    # "Any sector" beside named sectors is refused, with the reason, and nothing is lost.
    page.locator(f"{third}-sectors input[value='any']").check()
    publish(page)
    expect(page.locator(".messages")).to_contain_text("could not be saved")
    expect(page.locator("main")).to_contain_text("Choose 'Any sector' on its own")
    expect(page.locator(f"{third}-refresh_months")).to_have_value("18")
    page.screenshot(path=screenshots / "admin-finder-answer-error.png", full_page=True)

    page.locator(f"{third}-sectors input[value='any']").uncheck()
    publish(page)
    expect(page.locator(".messages")).to_contain_text("has been published")

    resident = page.context.new_page()
    resident.goto(site_server.url("rochford", "/which-prevent-training/questions/"))
    resident.get_by_label("Health, such as a hospital, GP practice or NHS trust").check()
    resident.get_by_role("button", name="Continue").click()
    resident.get_by_label("A safeguarding lead, such as a designated safeguarding lead").check()
    resident.get_by_role("button", name="Continue").click()
    expect(resident.locator("h1")).to_have_text("The Prevent training for you")
    expect(resident.locator("main")).to_contain_text("Take it again every 18 months")
    resident.screenshot(path=screenshots / "rochford-finder-after-change.png", full_page=True)
