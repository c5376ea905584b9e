"""The "Before you call" checklist in Chromium: ticking, typing and printing send nothing and
keep nothing; the printed summary starts with 999 and the council's contact and carries the
notes; without JavaScript the browser's print gives the list with empty boxes and lines; axe
finds nothing at 320 px, empty or filled in."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.pages_to_check import REFERRAL_CHECKLISTS
from tests.browser.test_accessibility import AXE_OPTIONS, describe

SHOTS = Path(__file__).parent / "screenshots" / "before-you-call"
CHECKLIST = REFERRAL_CHECKLISTS["westminster"]
STATEMENT = (
    "Nothing you tick or type here leaves this page or is saved. Close the page to clear it."
)

NAME_ITEM = "Their name, and any other name they go by"
WHEN_ITEM = "When it happened, and whether it has happened before"
LINKS_ITEM = "Links to the posts, videos or pages"
UNTOUCHED_ITEM = "Where it happened"
NAME_NOTE = "Sam, calls himself S on his game chats"
LINKS_NOTE = "Channel on a video site, name noted\nSecond line of the note"


@pytest.fixture(autouse=True)
def shots_folder():
    SHOTS.mkdir(parents=True, exist_ok=True)


def notes_box(page, item):
    return page.get_by_label(f"Your notes on “{item}”")


def pdf_pages(pdf):
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def stub_print(page):
    """window.print() counts instead of opening the print dialogue."""
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1 } }")


def storage_and_cookies(page):
    return {
        "local": page.evaluate("localStorage.length"),
        "session": page.evaluate("sessionStorage.length"),
        "document.cookie": page.evaluate("document.cookie"),
        "cookies": page.context.cookies(),
        "indexedDB": page.evaluate("indexedDB.databases().then((dbs) => dbs.length)"),
        "caches": page.evaluate("caches.keys().then((keys) => keys.length)"),
    }


NOTHING_STORED = {
    "local": 0,
    "session": 0,
    "document.cookie": "",
    "cookies": [],
    "indexedDB": 0,
    "caches": 0,
}


def fill_in(page):
    page.get_by_label("Nobody is in immediate danger", exact=False).check()
    page.get_by_label(NAME_ITEM, exact=True).check()
    notes_box(page, NAME_ITEM).fill(NAME_NOTE)
    page.get_by_label(WHEN_ITEM, exact=True).check()
    # Notes without a tick are printed too.
    notes_box(page, LINKS_ITEM).fill(LINKS_NOTE)


def test_ticking_typing_and_printing_send_nothing_and_keep_nothing(site_server, page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_server.url("westminster", CHECKLIST))
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))

    expect(page.locator("main")).to_contain_text(STATEMENT)
    # The script has taken over: the button shows and the no-script hint goes.
    button = page.get_by_role("button", name="Print your checklist")
    expect(button).to_be_visible()
    expect(page.locator("[data-checklist-print-hint]")).to_be_hidden()

    fill_in(page)
    stub_print(page)
    button.click()
    assert page.evaluate("window.printed") == 1

    summary = page.locator(".app-checklist-summary")
    expect(summary).to_have_count(1)
    expect(summary).to_be_hidden()  # on screen the page stays as it was
    assert page.evaluate("document.documentElement.classList.contains('app-checklist-printing')")

    page.emulate_media(media="print")
    page.screenshot(path=SHOTS / "summary-print.png", full_page=True)
    expect(summary).to_be_visible()
    expect(page.locator("main")).to_be_hidden()
    expect(page.locator(".app-header")).to_be_hidden()

    # 999 first, then the council's contact, then what was ticked and typed.
    text = summary.inner_text()
    assert text.index("999") < text.index("Westminster Prevent team") < text.index(NAME_ITEM)
    notice = summary.locator(".app-emergency a[href='tel:999']")
    expect(notice).to_be_visible()
    expect(summary.locator(".app-contact-card a[href='tel:+442076416032']")).to_be_visible()
    expect(summary.locator("a[href='mailto:prevent@westminster.gov.uk']")).to_be_visible()
    for line in (NAME_ITEM, WHEN_ITEM, LINKS_ITEM, NAME_NOTE):
        assert line in text
    assert "Second line of the note" in text
    assert UNTOUCHED_ITEM not in text
    assert summary.locator(".app-checklist-summary__item").count() == 4
    first_item = summary.locator(".app-checklist-summary__item").first.bounding_box()
    assert notice.bounding_box()["y"] < first_item["y"]
    # No id is repeated by the copies of the contacts.
    assert page.evaluate(
        "(() => { const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);"
        " return ids.length === new Set(ids).size })()"
    )

    # One page of A4.
    assert pdf_pages(page.pdf(format="A4")) == 1

    assert requests == [], f"requests after the page loaded: {requests}"
    assert storage_and_cookies(page) == NOTHING_STORED
    assert errors == []

    # Once printing is over the summary goes, and printing again builds it afresh.
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(summary).to_have_count(0)
    assert not page.evaluate(
        "document.documentElement.classList.contains('app-checklist-printing')"
    )
    page.get_by_label(NAME_ITEM, exact=True).uncheck()
    notes_box(page, NAME_ITEM).fill("")
    button.click()
    assert page.evaluate("window.printed") == 2
    expect(summary).to_have_count(1)
    assert NAME_ITEM not in summary.text_content()
    assert requests == []


def test_with_nothing_ticked_the_summary_says_so(site_server, page):
    page.goto(site_server.url("rochford", CHECKLIST))
    stub_print(page)
    page.get_by_role("button", name="Print your checklist").click()
    page.emulate_media(media="print")
    summary = page.locator(".app-checklist-summary")
    expect(summary).to_contain_text("You have not ticked anything or written any notes.")
    expect(summary).to_contain_text("Prevent Lead or Safeguarding Officer")
    expect(summary.locator("a[href='tel:999']").first).to_be_visible()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def test_without_javascript_the_browsers_print_gives_the_list(site_server, no_js_page):
    page = no_js_page
    page.goto(site_server.url("westminster", CHECKLIST))
    expect(page.locator("[data-checklist-print]")).to_be_hidden()
    expect(page.locator("[data-checklist-print-hint]")).to_be_visible()
    # Ticking and typing work without the script too.
    page.get_by_label(NAME_ITEM, exact=True).check()
    notes_box(page, NAME_ITEM).fill(NAME_NOTE)

    page.emulate_media(media="print")
    page.screenshot(path=SHOTS / "no-javascript-print.png", full_page=True)
    expect(page.locator("[data-checklist-print-hint]")).to_be_hidden()
    # The site's 999 notice, then who to call, then the list.
    expect(page.locator(".app-safety-bar .app-emergency a[href='tel:999']")).to_be_visible()
    contacts = page.locator("[data-checklist-contacts]")
    expect(contacts).to_be_visible()
    expect(contacts).to_contain_text("Westminster Prevent team")
    first_box = page.locator("main input[type=checkbox]").first
    assert contacts.bounding_box()["y"] < first_box.bounding_box()["y"]

    boxes = page.locator("main .govuk-checkboxes__label")
    assert boxes.count() >= 12
    box_style = page.evaluate(
        """() => {
            const label = document.querySelector('main .govuk-checkboxes__label');
            const box = getComputedStyle(label, '::before');
            return [box.borderTopStyle, box.borderTopWidth, box.width, box.height];
        }"""
    )
    assert box_style[0] == "solid" and box_style[1] != "0px", box_style
    notes = page.locator("main textarea")
    assert notes.count() >= 10
    lines = page.evaluate(
        "getComputedStyle(document.querySelector('main textarea')).backgroundImage"
    )
    assert lines.startswith("repeating-linear-gradient"), lines
    for i in range(notes.count()):
        expect(notes.nth(i)).to_be_visible()
    expect(page.locator("main")).to_contain_text(STATEMENT)
    assert pdf_pages(page.pdf(format="A4")) >= 1


def test_axe_finds_nothing_at_320px_empty_or_filled_in(site_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    axe = Axe()
    problems = []
    for council, path in REFERRAL_CHECKLISTS.items():
        page.goto(site_server.url(council, path))
        states = ["empty"] if council != "westminster" else ["empty", "filled-in"]
        for state in states:
            if state == "filled-in":
                fill_in(page)
            results = axe.run(page, options=AXE_OPTIONS)
            problems += [
                describe(council, f"{path} ({state})", v) for v in results.response["violations"]
            ]
            width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert width[0] <= width[1], f"{council}{path} ({state}) scrolls sideways: {width}"
            page.screenshot(path=SHOTS / f"{council}-{state}-320.png", full_page=True)
    context.close()
    assert not problems, "\n".join(problems)
