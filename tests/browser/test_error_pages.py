"""A resident who types odd things into search, or whose browser loses the form's cookie, gets
a page in the council's layout with the 999 notice, and a way on."""

from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import AXE_OPTIONS, describe


def assert_in_layout(page, heading):
    assert page.locator("h1").inner_text() == heading
    assert page.locator(".app-emergency a[href='tel:999']").is_visible()
    assert "Westminster" in page.locator("header.app-header").inner_text()
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, "\n".join(describe("westminster", page.url, v) for v in violations)


def test_search_with_quotes_and_operators_gives_results(site_server, page, screenshots):
    page.goto(site_server.url())
    page.fill("#site-search", '"Prevent AND (Channel')
    page.locator("#site-search").press("Enter")
    page.wait_for_load_state()
    assert_in_layout(page, "Search")
    assert "results for" in page.locator("#results-heading").inner_text()
    assert "{#" not in page.content()
    page.screenshot(path=str(screenshots / "search-odd-input.png"), full_page=True)


def test_confirming_a_subscription_after_the_cookie_is_lost(site_server, page, screenshots):
    token = site_server.shell(
        "from wagtail.models import Site; from newsletters.tokens import make_confirm_token; "
        "print(make_confirm_token(Site.objects.get(hostname='localhost').pk, 'r@example.org'))"
    )
    page.goto(site_server.url("westminster", f"/email/confirm/{token}/"))
    # An email app's browser that does not keep the cookie between opening and sending.
    page.context.clear_cookies()
    page.get_by_role("button", name="Confirm subscription").click()
    assert_in_layout(page, "Your form could not be sent")
    page.screenshot(path=str(screenshots / "csrf-failure.png"), full_page=True)

    page.get_by_role("link", name="Open the page again").click()
    page.get_by_role("button", name="Confirm subscription").click()
    assert page.locator("h1").inner_text() == "You are subscribed"


def test_a_missing_page_is_in_the_layout(site_server, page):
    response = page.goto(site_server.url("westminster", "/no-such-page/"))
    assert response.status == 404
    assert_in_layout(page, "Page not found")
