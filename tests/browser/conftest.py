"""Browser tests: Debian's Chromium, driven by Playwright, against the real site.

The site runs as it would for a person: a fresh database with the seed content, served on a
free local port (tests/seeded_site.py, which `make lighthouse` and `make bench` share).
Without Chromium the tests are skipped with one line saying why.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.seeded_site import PROJECT, seeded_site

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = PROJECT / "tests" / "browser" / "screenshots"


@pytest.fixture(scope="session")
def site_server():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: browser tests skipped")
    with seeded_site() as site:
        yield site


@pytest.fixture(scope="session")
def browser(site_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture
def officer(browser, site_server):
    """officer(username, superuser=False, groups=(), council="westminster") -> a Page on the
    admin dashboard, signed in through the two steps (tests/browser/officers.py)."""
    from tests.browser.officers import create_officer, sign_in

    contexts = []

    def sign_in_officer(username, *, superuser=False, groups=(), council="westminster"):
        password = create_officer(site_server, username, superuser=superuser, groups=list(groups))
        page = sign_in(browser, site_server, username, password, council)
        page.officer_password = password
        contexts.append(page.context)
        return page

    yield sign_in_officer
    for context in contexts:
        context.close()
