"""'Is this page useful?' in Chromium: with JavaScript, No opens the "What was wrong?" box in
place and Send thanks the person in place; without JavaScript, Yes is a plain POST and a
thank-you page. Axe passes with the box open and on the thanks, at 320 px as well.

A person reads a page before answering, and the site refuses answers sent within two seconds
of the page's render. So each test is served the page as if it had been rendered a minute
ago: its signed render time is swapped for one the site signed for a minute earlier.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.officers import WESTMINSTER_EDITORS
from tests.browser.test_accessibility import AXE_OPTIONS, describe

PAGE = "/contest/"
RENDERED = re.compile(rb'name="rendered" value="[^"]*"')


def rendered_a_minute_ago(site_server, page):
    stamp = site_server.shell(
        "import time; from pages.spam import render_stamp; print(render_stamp(at=time.time() - 60))"
    )

    def older(route):
        response = route.fetch()
        body = RENDERED.sub(f'name="rendered" value="{stamp}"'.encode(), response.body())
        route.fulfill(response=response, body=body)

    page.route(re.compile(re.escape(PAGE) + "$"), older)


def saved_answers(site_server):
    return site_server.shell(
        "from feedback.models import PageFeedback; "
        "print([(a.useful, a.comment) for a in PageFeedback.objects.order_by('pk')])"
    )


def clear_answers(site_server):
    site_server.shell(
        "from feedback.models import PageFeedback; PageFeedback.objects.all().delete()"
    )


def check_axe(page, state):
    results = Axe().run(page, options=AXE_OPTIONS)
    return [describe("westminster", f"{PAGE} ({state})", v) for v in results.response["violations"]]


def check_axe_at(browser, url, state):
    """Axe needs JavaScript: a page reached without it is checked again in a fresh context
    with it (the server sends both the same page)."""
    context = browser.new_context(viewport={"width": 320, "height": 900})
    try:
        page = context.new_page()
        page.goto(url)
        return check_axe(page, state)
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 320])
def test_with_javascript_no_opens_the_box_in_place_and_send_thanks(
    site_server, browser, screenshots, width
):
    clear_answers(site_server)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        rendered_a_minute_ago(site_server, page)
        page.goto(site_server.url("westminster", PAGE))
        section = page.locator(".app-feedback")
        box = page.locator("#feedback-comment")
        assert not box.is_visible()
        no = page.get_by_role("button", name="No this page is not useful")
        assert no.get_attribute("aria-expanded") == "false"

        no.click()
        box.wait_for(state="visible")
        assert page.url == site_server.url("westminster", PAGE)  # no new page
        assert not section.locator("form[data-feedback-answer]").is_visible()  # in its place
        assert page.evaluate("document.activeElement.id") == "feedback-comment"
        warning = section.locator(".govuk-warning-text__text")
        assert "Do not use this box to tell us you are worried about someone" in (
            warning.inner_text()
        )
        assert warning.locator("a[href='tel:999']").count() == 1
        assert warning.get_by_role("link", name="Worried about someone?").count() == 1
        # GOV.UK Frontend's character count has taken over the hint.
        box.fill("The page does not say who to call. My number is 07700 900123.")
        assert (
            "characters remaining" in section.locator(".govuk-character-count__status").inner_text()
        )
        problems = check_axe(page, f"box open, {width}px")
        section.screenshot(path=screenshots / f"feedback-open-{width}.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        section.get_by_role("button", name="Send").click()
        status = section.locator("[role=status]")
        status.filter(has_text="Thank you for your feedback.").wait_for()
        assert not box.is_visible()
        assert not section.locator("form[data-feedback-answer]").is_visible()
        assert page.url == site_server.url("westminster", PAGE)
        problems += check_axe(page, f"thanks, {width}px")
        section.screenshot(path=screenshots / f"feedback-thanks-{width}.png")
        assert not problems, "\n".join(problems)
        assert errors == []
        assert saved_answers(site_server) == (
            "[(False, 'The page does not say who to call. My number is [phone number removed].')]"
        )
    finally:
        context.close()


def test_with_javascript_yes_thanks_in_place(site_server, page):
    clear_answers(site_server)
    rendered_a_minute_ago(site_server, page)
    page.goto(site_server.url("westminster", PAGE))
    page.get_by_role("button", name="Yes this page is useful").click()
    status = page.locator(".app-feedback [role=status]")
    status.filter(has_text="Thank you for your feedback.").wait_for()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "status"
    assert not page.get_by_role("button", name="Yes this page is useful").is_visible()
    assert saved_answers(site_server) == "[(True, '')]"


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_without_javascript_yes_is_a_plain_post_then_a_thank_you(
    site_server, browser, no_js_page, screenshots
):
    clear_answers(site_server)
    page = no_js_page
    rendered_a_minute_ago(site_server, page)
    page.goto(site_server.url("westminster", PAGE))
    assert not page.locator("#feedback-comment").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Yes this page is useful").click()
    assert page.url.startswith(site_server.url("westminster", "/feedback/thanks/"))
    assert page.locator("h1").inner_text() == "Thank you for your feedback"
    back = page.get_by_role("link", name=re.compile("^Back to "))
    assert back.get_attribute("href") == PAGE
    problems = check_axe_at(browser, page.url, "thank-you page, 320px")
    page.screenshot(path=screenshots / "feedback-thanks-no-js-320.png", full_page=True)
    assert not problems, "\n".join(problems)
    assert saved_answers(site_server) == "[(True, '')]"


def test_without_javascript_no_leads_to_the_box_then_a_thank_you(
    site_server, browser, no_js_page, screenshots
):
    clear_answers(site_server)
    page = no_js_page
    rendered_a_minute_ago(site_server, page)
    page.goto(site_server.url("westminster", PAGE))
    with page.expect_navigation():
        page.get_by_role("button", name="No this page is not useful").click()
    assert page.locator("h1").inner_text() == "What was wrong?"
    problems = check_axe_at(browser, page.url, "what was wrong page, 320px")
    page.screenshot(path=screenshots / "feedback-what-was-wrong-no-js-320.png", full_page=True)
    page.get_by_label("What was wrong?").fill("Write to me at jo@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    assert page.locator("h1").inner_text() == "Thank you for your feedback"
    assert not problems, "\n".join(problems)
    assert saved_answers(site_server) == "[(False, 'Write to me at [email removed]')]"


ADD_FEEDBACK = """
from wagtail.models import Page, Site
from feedback.models import PageFeedback
PageFeedback.objects.all().delete()
for hostname, title, comment in [
    ("localhost", "The Prevent duty", "Westminster: the duty page needs a summary"),
    ("rochford.localhost", "The Prevent duty", "Rochford: a comment for Rochford only"),
]:
    site = Site.objects.get(hostname=hostname)
    page = Page.objects.descendant_of(site.root_page).get(title=title)
    PageFeedback.objects.create(page=page, site=site, useful=False, comment=comment)
    PageFeedback.objects.create(page=page, site=site, useful=True)
print("ok")
"""


def test_an_officer_reads_and_marks_their_own_councils_comments(site_server, officer, screenshots):
    assert site_server.shell(ADD_FEEDBACK) == "ok"
    page = officer("feedback-officer", groups=[WESTMINSTER_EDITORS])
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Page feedback").click()
    expect(page.get_by_role("heading", name="Page feedback")).to_be_visible()
    row = page.locator("#feedback-pages tbody tr").first
    expect(row).to_contain_text("The Prevent duty")
    expect(page.locator("main")).to_contain_text("the duty page needs a summary")
    expect(page.locator("main")).not_to_contain_text("Rochford")
    page.screenshot(path=screenshots / "admin-page-feedback.png", full_page=True)

    page.get_by_role("button", name=re.compile("^Mark as dealt with")).click()
    expect(page.get_by_text("The comment is marked as dealt with.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Dealt with by feedback-officer")
    assert (
        site_server.shell(
            "from feedback.models import PageFeedback; "
            "print(sorted(PageFeedback.objects.filter(dealt_with=True)"
            ".values_list('comment', flat=True)))"
        )
        == "['Westminster: the duty page needs a summary']"
    )
