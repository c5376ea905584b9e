"""axe-core on every page of every site, and on the error and answer states: no violation of
any WCAG 2.0, 2.1 or 2.2 A or AA rule, nor of axe's best practices."""

from axe_playwright_python.sync_playwright import Axe

from tests.browser.pages_to_check import all_pages

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22a",
            "wcag22aa",
            "best-practice",
        ],
    },
    "resultTypes": ["violations"],
}


def describe(council, path, violation):
    lines = [f"{council}{path}: {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"][:5]:
        lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1]}")
    return "\n".join(lines)


def test_no_accessibility_violations_anywhere(site_server, page):
    axe = Axe()
    problems = []
    checked = 0
    for council, path in all_pages(site_server):
        page.goto(site_server.url(council, path))
        results = axe.run(page, options=AXE_OPTIONS)
        problems += [describe(council, path, v) for v in results.response["violations"]]
        checked += 1

    # The form error states, reached by submitting as a person would.
    page.goto(site_server.url("westminster", "/newsletter/"))
    page.fill("#subscribe-email", "not-an-email")
    page.click("form#subscribe button[type=submit]")
    page.wait_for_selector(".govuk-error-summary")
    results = axe.run(page, options=AXE_OPTIONS)
    problems += [
        describe("westminster", "/newsletter/ (error)", v) for v in results.response["violations"]
    ]
    checked += 1

    print(f"axe checked {checked} pages")
    assert not problems, "\n".join(problems)
