"""Chromium is sent Brotli-compressed pages and shows them whole, 999 notice included."""

import pytest


@pytest.mark.parametrize("council", ["westminster", "rochford", "london-councils"])
def test_the_browser_gets_compressed_pages_and_shows_them(site_server, page, screenshots, council):
    for path in ("/", "/worried-about-someone/"):
        response = page.goto(site_server.url(council, path))
        assert response.status == 200
        headers = response.all_headers()
        assert headers["content-encoding"] == "br", f"{council}{path}"
        assert "accept-encoding" in headers["vary"].lower()
        assert page.locator("h1").first.is_visible()
        assert "999" in page.locator(".app-emergency").inner_text()
        # The stylesheet has loaded: the page is styled, not bare HTML.
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
    page.screenshot(path=screenshots / f"compressed-{council}.png", full_page=False)
