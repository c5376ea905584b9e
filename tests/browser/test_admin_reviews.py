"""An officer keeps content on its review schedule in the admin: the dashboard lists their
overdue items, the report marks one as reviewed, and a doubtful contact is held off the site."""

import re

from playwright.sync_api import expect

from tests.browser.officers import ROCHFORD_PUBLISHERS, WESTMINSTER_PUBLISHERS


def test_an_officer_marks_a_contact_verified_from_the_report(officer, site_server, screenshots):
    page = officer("reviewing-publisher", groups=[WESTMINSTER_PUBLISHERS])
    panel = page.locator("#my-overdue-reviews")
    expect(panel.get_by_role("heading", name="Your items overdue for review")).to_be_visible()
    page.screenshot(path=screenshots / "admin-dashboard-overdue-reviews.png", full_page=True)

    panel.get_by_role("link", name="See everything due for review").click()
    expect(page.get_by_role("heading", name=re.compile("Due for review"))).to_be_visible()
    # The seeded Westminster Prevent team contact has no verified date: it is overdue.
    name = "Westminster Prevent team"
    overdue = page.locator("#overdue")
    expect(overdue.get_by_role("link", name=name, exact=True)).to_be_visible()
    page.screenshot(path=screenshots / "admin-due-for-review.png", full_page=True)

    row = page.locator("#overdue tbody tr").filter(has_text=name)
    row.get_by_role("link", name=re.compile("^Mark as verified")).click()
    page.get_by_label("Note").fill("Rang the number; the team answered.")
    page.get_by_role("button", name="Mark as verified").click()

    expect(page.get_by_text(f"“{name}” is marked as verified today.")).to_be_visible()
    expect(overdue.get_by_role("link", name=name, exact=True)).to_have_count(0)

    public = page.context.new_page()
    public.goto(site_server.url("westminster", "/contacts/"))
    card = public.locator(".app-contact-card").filter(has_text=name).first
    expect(card).to_contain_text(re.compile(r"Details checked on \d+"))


def test_a_publisher_holds_a_contact_and_releases_it(officer, site_server, screenshots):
    page = officer("holding-publisher", groups=[ROCHFORD_PUBLISHERS], council="rochford")
    public = page.context.new_page()
    public.goto(site_server.url("rochford", "/contacts/"))
    name = "Prevent Lead or Safeguarding Officer"
    expect(public.get_by_role("heading", name=name)).to_be_visible()

    page.goto(site_server.url("rochford", "/admin/snippets/contacts/contactpoint/"))
    page.get_by_role("link", name=name).first.click()
    expect(page.get_by_text("Not yet verified.")).to_be_visible()  # the editor says so
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("link", name="Hold (take off the site)").click()
    page.get_by_label("Reason").fill("The number rings out: check it with the team.")
    page.get_by_role("button", name="Hold this contact").click()
    expect(page.get_by_text("is held: it is no longer shown on the public site")).to_be_visible()
    page.screenshot(path=screenshots / "admin-contact-held.png", full_page=True)

    public.reload()
    expect(public.get_by_role("heading", name=name)).to_have_count(0)

    try:
        page.goto(site_server.url("rochford", "/admin/reviews/"))
        expect(page.locator("#held")).to_contain_text("The number rings out")
    finally:
        page.goto(site_server.url("rochford", "/admin/snippets/contacts/contactpoint/"))
        page.get_by_role("link", name=name).first.click()
        page.get_by_role("button", name="More actions").click()
        page.get_by_role("link", name="Release (show on the site)").click()
        page.get_by_role("button", name="Release this contact").click()
    public.reload()
    expect(public.get_by_role("heading", name=name)).to_be_visible()
