"""Reporting leaflets or stickers in Chromium: with and without JavaScript, with a photo that
arrives without its location, and axe on the empty form, its error state and the confirmation
at 320 px wide. An officer of the council then sees the report and its photo in the admin.

The form refuses a report sent back within seconds of the page being shown (a program filling
it in). A person takes longer than Playwright does, so each page of the form is given a render
time a minute back, signed with the site's key, rather than the test waiting.
"""

import io
import json
import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import ExifTags, Image
from playwright.sync_api import expect

from material_reports.forms import MIN_SECONDS
from pages.spam import render_stamp
from tests.browser.officers import WESTMINSTER_EDITORS
from tests.browser.test_accessibility import AXE_OPTIONS, describe

REPORT = "/report-leaflets-or-stickers/"
TOKEN = re.compile(rb'name="rendered_at" value="[^"]*"')


def as_if_filled_in_by_a_person(page, site_server):
    """Every form page the browser gets carries a render time a minute old."""

    def handle(route):
        request = route.request
        if request.method == "POST" and b'filename=""' not in (request.post_data_buffer or b""):
            # A photo is attached: Chromium does not pass a file's bytes to a route that
            # fetches for itself, so this reply goes through untouched.
            route.continue_()
            return
        response = route.fetch()
        body = response.body()
        aged = f'name="rendered_at" value="{render_stamp(at=time.time() - 60)}"'.encode()
        route.fulfill(response=response, body=TOKEN.sub(aged, body))

    page.route(re.compile(re.escape(site_server.url("westminster", REPORT)) + r"$"), handle)


def photo_with_location(tmp_path):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 29.0, 50.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (0.0, 7.0, 51.0),
    }
    path = tmp_path / "IMG_2041.jpg"
    Image.new("RGB", (300, 200), "#336699").save(path, format="JPEG", exif=exif)
    assert Image.open(path).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return path


def fill_in(page, location="Corner of Horseferry Road", photo=None):
    page.get_by_label("Where did you see it?").fill(location)
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("What did it say or show?").fill("A sticker with a hateful slogan.")
    if photo:
        page.get_by_label("Photo (optional)").set_input_files(photo)


def stored_report(site_server, location):
    code = (
        "import json\n"
        "from PIL import Image\n"
        "from material_reports.models import MaterialReport\n"
        f"r = MaterialReport.objects.filter(location={location!r}).latest('received_at')\n"
        "info = {'id': r.pk, 'photo': bool(r.photo), 'exif': None, 'keys': []}\n"
        "if r.photo:\n"
        "    image = Image.open(r.photo.path)\n"
        "    info.update(exif=len(image.getexif()), keys=sorted(image.info))\n"
        "print(json.dumps(info))\n"
    )
    return json.loads(site_server.shell(code))


def test_a_resident_reports_a_sticker_with_a_photo_from_the_concern_page(
    site_server, page, screenshots, tmp_path
):
    as_if_filled_in_by_a_person(page, site_server)
    page.goto(site_server.url("westminster", "/worried-about-someone/"))
    page.get_by_role("link", name="report them to us").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Report extremist leaflets or stickers"
    )
    assert page.locator(".govuk-exit-this-page__button").is_visible()
    fill_in(page, location="Corner of Horseferry Road", photo=photo_with_location(tmp_path))
    page.screenshot(path=screenshots / "material-report-filled.png", full_page=True)
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
    page.screenshot(path=screenshots / "material-report-sent.png", full_page=True)

    report = stored_report(site_server, "Corner of Horseferry Road")
    assert report["photo"] is True
    assert report["exif"] == 0 and "exif" not in report["keys"]


def test_the_form_works_without_javascript(site_server, browser, screenshots):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        as_if_filled_in_by_a_person(page, site_server)
        page.goto(site_server.url("westminster", REPORT))
        page.get_by_label("Where did you see it?").fill("Vincent Square")
        page.get_by_role("button", name="Send report").click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        expect(summary.get_by_role("link")).to_have_text(
            ["Enter the date you saw it", "Enter what the leaflet or sticker said or showed"]
        )
        expect(page.get_by_label("Where did you see it?")).to_have_value("Vincent Square")
        page.screenshot(path=screenshots / "material-report-errors-no-js.png", full_page=True)
        summary.get_by_role("link", name="Enter the date you saw it").click()
        assert page.url.endswith("#seen_on-day")

        fill_in(page, location="Vincent Square")
        page.get_by_role("button", name="Send report").click()
        expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
        assert stored_report(site_server, "Vincent Square")["photo"] is False
    finally:
        context.close()


def test_a_resident_at_the_machines_own_address_sees_the_report_sent(site_server, browser):
    """http://127.0.0.1/ serves Westminster too (the README's address for `make run`): the
    browser must be sent on to the confirmation at that address, not to the site's host name,
    which the form-action rule of the Content Security Policy would refuse."""
    form_url = f"http://127.0.0.1:{site_server.port}{REPORT}"
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(form_url)
        fill_in(page, location="Lupus Street")
        # Not as_if_filled_in_by_a_person: its route would follow the redirect itself and hide
        # what the browser does with it. A person takes this long anyway.
        time.sleep(MIN_SECONDS + 0.5)
        page.get_by_role("button", name="Send report").click()
        expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
        expect(page).to_have_url(form_url + "sent/")
    finally:
        context.close()


@pytest.fixture
def narrow_page(browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    yield page
    context.close()


def test_axe_finds_nothing_on_the_empty_form_its_errors_and_the_confirmation_at_320px(
    site_server, narrow_page, screenshots
):
    page = narrow_page
    as_if_filled_in_by_a_person(page, site_server)
    axe = Axe()
    problems = []

    def check(state):
        results = axe.run(page, options=AXE_OPTIONS)
        problems.extend(
            describe("westminster", f"{REPORT} ({state})", v)
            for v in results.response["violations"]
        )
        # Nothing is wider than the screen: no sideways scrolling at 320 px.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, state
        page.screenshot(path=screenshots / f"material-report-{state}-320.png", full_page=True)

    page.goto(site_server.url("westminster", REPORT))
    check("empty")

    page.get_by_label("Postcode (optional)").fill("not a postcode")
    page.get_by_label("Email address (optional)").fill("resident@")
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()  # GOV.UK Frontend moves focus
    assert page.locator(".govuk-error-summary__list a").count() == 5
    check("errors")

    page.get_by_label("Postcode (optional)").fill("SW1P 2PL")
    page.get_by_label("Email address (optional)").fill("resident@example.org")
    fill_in(page, location="Outside the library")
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
    check("sent")

    assert not problems, "\n".join(problems)


def test_an_officer_of_the_council_sees_the_report_and_its_photo(
    site_server, officer, page, screenshots, tmp_path
):
    as_if_filled_in_by_a_person(page, site_server)
    page.goto(site_server.url("westminster", REPORT))
    fill_in(page, location="Page Street bus shelter", photo=photo_with_location(tmp_path))
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Report sent")
    report_id = stored_report(site_server, "Page Street bus shelter")["id"]

    admin = officer("leaflet-officer", groups=[WESTMINSTER_EDITORS])
    admin.goto(site_server.url("westminster", "/admin/material_reports/"))
    admin.get_by_role("link", name="Page Street bus shelter").first.click()
    photo = admin.get_by_role("img", name="Photo sent with the report")
    expect(photo).to_be_visible()
    assert admin.evaluate("(img) => img.naturalWidth", photo.element_handle()) == 300
    admin.screenshot(path=screenshots / "admin-material-report.png", full_page=True)

    # Signed out, the photo's address gives nothing away.
    photo_path = f"/admin/material-reports/{report_id}/photo/"
    response = page.request.get(site_server.url("westminster", photo_path), max_redirects=0)
    assert response.status == 302
    assert "/admin/login/" in response.headers["location"]
    assert io.BytesIO(response.body()).getvalue()[:3] != b"\xff\xd8\xff"
