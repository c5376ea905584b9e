"""Keyboard, no-JavaScript, small-screen and print journeys, as a person would make them."""

import pytest

from tests.browser.pages_to_check import all_pages


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                onPage: el !== document.body,
                text: el.innerText.trim(),
                href: el.getAttribute('href'),
                // A focus style GOV.UK-style: an outline or a focus shadow, not just any colour.
                visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                    || style.boxShadow !== 'none',
            };
        }"""
    )


def test_keyboard_reaches_skip_link_then_999_then_worried_about_someone(site_server, page):
    page.goto(site_server.url())
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    assert focused(page)["visible"]
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["href"] == "tel:999" and first["visible"]
    page.keyboard.press("Tab")
    second = focused(page)
    assert second["text"] == "Worried about someone?" and second["visible"]


def test_focus_is_always_visible(site_server, page):
    page.goto(site_server.url("westminster", "/worried-about-someone/"))
    reached = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        state = focused(page)
        if not state["onPage"]:
            break  # past the last link: focus has gone to the browser itself
        reached += 1
        assert state["visible"], f"focus not visible on {state['text'][:80]!r}"
    assert reached >= 20


def test_finder_completed_with_the_keyboard_alone(site_server, page):
    page.goto(site_server.url("westminster", "/worried-about-someone/who-should-i-contact/"))
    for answer in ("No", "A resident, friend or family member", "A child or young person"):
        page.get_by_label(answer, exact=True).focus()
        page.keyboard.press("Space")
        with page.expect_navigation():
            page.keyboard.press("Enter")  # submits the form from the focused radio
    assert page.locator("h1").inner_text() == "Who to contact"
    assert page.locator("main a[href='tel:+442076416032']").count() >= 1


# The states among the pages to check that answer with an error; every other page answers 200.
ERROR_STATES = {
    "/no-such-page/": 404,
    "/worried-about-someone/who-should-i-contact/?step=danger": 400,
    # "Which Prevent training do I need?" sent on without an answer: the question again, with
    # its error.
    "/training/which-training/questions/?step=sector": 400,
    "/which-prevent-training/questions/?sector=health&step=role": 400,
    "/email/confirm/tampered/": 400,
    "/email/contact-updates/confirm/?token=tampered": 400,
}


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def test_everything_works_without_javascript(site_server, no_js_page):
    page = no_js_page
    for council, path in all_pages(site_server):
        response = page.goto(site_server.url(council, path))
        assert response.status == ERROR_STATES.get(path, 200), f"{council}{path}"
        assert page.locator("h1").count() == 1, f"{council}{path}"
        assert page.locator(".app-emergency a[href='tel:999']").is_visible(), f"{council}{path}"

    page.goto(site_server.url())
    page.locator(".app-header__nav a", has_text="Training and workshops").click()
    page.wait_for_url(site_server.url("westminster", "/training/"))
    assert page.locator("h1").inner_text() == "Training and workshops"

    page.goto(site_server.url("westminster", "/worried-about-someone/who-should-i-contact/"))
    page.get_by_label("Yes, someone is in danger now").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text() == "Call 999 now"

    page.goto(site_server.url("westminster", "/newsletter/"))
    page.fill("#subscribe-email", "not-an-email")
    page.get_by_role("button", name="Subscribe").click()
    assert (
        "Enter an email address in the correct format"
        in page.locator(".govuk-error-summary").inner_text()
    )

    page.goto(site_server.url("westminster", "/contacts/"))
    page.select_option("#contact-topic", "gangs")
    page.get_by_role("button", name="Apply filters").click()
    assert "Integrated Gangs and Exploitation Unit" in page.locator("main").inner_text()

    page.goto(site_server.url())
    page.fill("#site-search", "channel")
    page.locator(".app-search button").click()
    assert "result" in page.locator("main h2").first.inner_text()


def test_no_page_scrolls_sideways_at_320px_or_at_200_percent_text(site_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = []
    for council, path in all_pages(site_server):
        page.goto(site_server.url(council, path))
        for zoom in ("100%", "200%"):
            page.evaluate(f"document.documentElement.style.fontSize = '{zoom}'")
            width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            if width[0] > width[1]:
                wide.append(f"{council}{path} at {zoom} text: {width[0]}px wide")
            if zoom == "200%":
                break
            # 200% text is checked at 640px: the width a 1280px screen has at 200% zoom.
            page.set_viewport_size({"width": 640, "height": 640})
        page.set_viewport_size({"width": 320, "height": 640})
    context.close()
    assert not wide, "\n".join(wide)


def test_print_hides_navigation_and_writes_links_out(site_server, page):
    page.goto(site_server.url("westminster", "/newsletter/july-2023/"))
    page.emulate_media(media="print")
    assert not page.locator(".app-header__nav").is_visible()
    assert not page.locator(".govuk-footer").is_visible()
    assert not page.locator(".app-search").is_visible()
    after = page.evaluate(
        """() => {
            const link = document.querySelector("main a[href^='mailto:']");
            return getComputedStyle(link, '::after').content;
        }"""
    )
    assert "mailto:prevent@westminster.gov.uk" in after
    page.goto(site_server.url("westminster", "/contacts/"))
    page.emulate_media(media="print")
    assert page.locator("main a[href='tel:+442076416032']").is_visible()
