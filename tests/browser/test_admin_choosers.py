"""An officer's choosers in Chromium offer their own council's items only.

A Westminster editor changes a contact in the newsletter issue's "Useful contacts" section: the
chooser lists Westminster's contacts and the national ones, never Rochford's."""

import re

from playwright.sync_api import expect

from tests.browser.officers import WESTMINSTER_EDITORS


def ask(site_server, code):
    """A number from the seeded site's database."""
    return int(site_server.shell(code))


def issue_id(site_server):
    return ask(
        site_server,
        "from newsletters.models import NewsletterIssuePage\n"
        "print(NewsletterIssuePage.objects.get(slug='july-2023', url_path__startswith="
        "'/westminster/').pk)",
    )


def westminster_and_national_contacts(site_server):
    return ask(
        site_server,
        "from django.db.models import Q\n"
        "from contacts.models import ContactPoint\n"
        "print(ContactPoint.objects.filter(Q(site__hostname='localhost') | Q(site=None)).count())",
    )


def test_a_westminster_editor_chooses_among_westminster_and_national_contacts(
    officer, site_server, screenshots
):
    page = officer("westminster-newsletter-editor", groups=[WESTMINSTER_EDITORS])
    page.goto(site_server.url("westminster", f"/admin/pages/{issue_id(site_server)}/edit/"))
    chosen = page.locator(
        ".chooser", has=page.locator("[data-chooser-title]", has_text="Westminster Prevent team")
    ).first
    # The editor's scripts (the dropdowns, the chooser modal) must be running before a click.
    page.wait_for_load_state("networkidle")
    chosen.scroll_into_view_if_needed()
    chosen.get_by_role("button", name="Actions").click()
    choose_another = chosen.get_by_role("button", name=re.compile("Choose another contact", re.I))
    expect(choose_another).to_be_visible()
    choose_another.click()

    modal = page.locator(".modal-content")
    expect(modal.get_by_role("link", name=re.compile("Children's Services"))).to_be_visible()
    listed = modal.locator("table").inner_text()
    assert "Westminster Prevent team" in listed
    assert "Anti-Terrorism Hotline" in listed  # national: every council may choose it
    # Rochford's only contact is not offered, nor found by searching for it.
    assert "Prevent Lead or Safeguarding Officer" not in listed
    assert "Rochford" not in listed
    # Every page of results together: exactly Westminster's and the national contacts.
    count = westminster_and_national_contacts(site_server)
    expect(modal.get_by_text(f"{count} contacts")).to_be_visible()
    page.screenshot(path=screenshots / "admin-contact-chooser.png")

    modal.get_by_role("textbox", name=re.compile("Search", re.I)).fill("Prevent Lead")
    expect(modal.get_by_text(re.compile("Sorry|no match|There are no", re.I))).to_be_visible()
    assert "Prevent Lead or Safeguarding Officer" not in modal.inner_text()
