"""No request leaves the site, pages stay light, and a reviewer gets screenshots of each type."""

import gzip
from urllib.parse import urlparse

import pytest

from tests.browser.pages_to_check import all_pages

BUDGET_BYTES = 100 * 1024  # per page, compressed, before images

ONE_OF_EACH_TYPE = {
    "home": "/",
    "contest": "/contest/",
    "strand": "/contest/prevent/",
    "duty": "/prevent-duty/",
    "information": "/what-is-extremism/",
    "projects": "/community-projects/",
    "project": "/community-projects/parenting-programme/",
    "training": "/training/",
    "course": "/training/wrap/",
    "concern": "/worried-about-someone/",
    "finder": "/worried-about-someone/who-should-i-contact/?danger=no&who=residents&about=child",
    "checklist": "/worried-about-someone/before-you-call/",
    "contacts": "/contacts/",
    "newsletters": "/newsletter/",
    "issue": "/newsletter/july-2023/",
    "search": "/search/?q=prevent",
    "not-found": "/no-such-page/",
}


def kind_of(response):
    content_type = response.headers.get("content-type", "")
    for kind in ("html", "css", "javascript"):
        if kind in content_type:
            return "js" if kind == "javascript" else kind
    return "other"


def test_no_request_goes_to_another_origin_and_pages_stay_under_budget(site_server, page):
    rows, foreign, heavy = [], [], []
    for council, path in all_pages(site_server):
        origin = urlparse(site_server.url(council)).netloc
        responses = []

        def record(response, responses=responses):
            responses.append(response)

        page.on("response", record)
        page.goto(site_server.url(council, path))
        page.wait_for_load_state("networkidle")
        page.remove_listener("response", record)
        sizes = {"html": 0, "css": 0, "js": 0, "other": 0}
        for response in responses:
            if urlparse(response.url).netloc != origin and not response.url.startswith("data:"):
                foreign.append(f"{council}{path} -> {response.url}")
                continue
            kind = kind_of(response)
            if kind == "other":
                continue  # images are outside the budget
            if 300 <= response.status < 400:
                continue  # a redirect has no body
            sizes[kind] += len(gzip.compress(response.body()))
        total = sizes["html"] + sizes["css"] + sizes["js"]
        rows.append(
            f"{council + path:<90} {sizes['html']:>7} {sizes['css']:>7} {sizes['js']:>7} {total:>7}"
        )
        if total > BUDGET_BYTES:
            heavy.append(f"{council}{path}: {total} bytes")
    print("\nPage weight, gzip bytes (images excluded)")
    print(f"{'page':<90} {'HTML':>7} {'CSS':>7} {'JS':>7} {'total':>7}")
    print("\n".join(rows))
    assert not foreign, "Requests to other origins:\n" + "\n".join(foreign)
    assert not heavy, "Over the 100 KB budget:\n" + "\n".join(heavy)


@pytest.mark.parametrize(
    ("width", "height", "label"), [(1280, 900, "desktop"), (375, 812, "mobile")]
)
def test_screenshots_of_each_page_type(site_server, browser, screenshots, width, height, label):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    for name, path in ONE_OF_EACH_TYPE.items():
        page.goto(site_server.url("westminster", path))
        target = screenshots / f"{name}-{label}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5000
    context.close()
