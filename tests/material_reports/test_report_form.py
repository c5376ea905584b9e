"""The public report form: what it says, every error state, spam checks and the photo rules."""

import datetime
import io
import time
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import ExifTags, Image

from material_reports.models import MaterialReport
from pages.spam import render_stamp
from tests import factories
from tests.html import soup_of, text_of
from tests.material_reports.conftest import (
    MaterialReportPageFactory,
    image_file,
    report_data,
    send_report,
)

pytestmark = pytest.mark.django_db


def error_summary(response):
    soup = soup_of(response)
    return {text_of(link): link["href"] for link in soup.select(".govuk-error-summary__list a")}


def field_values(response):
    soup = soup_of(response)
    values = {i["name"]: i.get("value", "") for i in soup.select("main form input[name]")}
    values["description"] = soup.select_one("textarea[name=description]").get_text()
    return values


def test_the_page_says_what_it_is_not_for_and_what_happens_to_a_report(
    client, home_page, report_page
):
    concern = factories.ConcernReportingPageFactory(parent=home_page)
    concern.save_revision().publish()
    response = client.get(report_page.url)
    assert response.status_code == 200
    assert response.templates[0].name == "pages/material_report_page.html"
    soup = soup_of(response)
    main = text_of(soup.main)
    assert "This form is not for emergencies. If anyone is in danger now, call 999." in main
    assert soup.select_one(f"main a[href='{concern.url}']") is not None
    assert "We keep reports and photos for 12 months, then delete them." in main
    assert "Only the Prevent team reads reports." in main
    # The Exit this page button, as the page asks for it.
    assert soup.select_one(".govuk-exit-this-page") is not None
    # Every field has a label; the form posts files; it is not kept in a shared cache.
    for field in soup.main.form.select(".govuk-input, .govuk-textarea, .govuk-file-upload"):
        assert soup.select_one(f"label[for='{field['id']}']") is not None, field["id"]
    assert soup.main.form["enctype"] == "multipart/form-data"
    assert "no-store" in response["Cache-Control"]
    assert response.cookies.get("csrftoken") is not None


def test_the_concern_page_links_to_the_report_page(client, home_page, report_page):
    concern = factories.ConcernReportingPageFactory(parent=home_page)
    concern.save_revision().publish()
    soup = soup_of(client.get(concern.url))
    assert soup.select_one(f"main a[href='{report_page.url}']") is not None


def test_a_report_is_saved_and_the_person_sees_the_confirmation(
    client, site, report_page, team_inbox
):
    response = send_report(client, report_page, contact_email="resident@example.org")
    assert response.status_code == 302
    assert response["Location"] == report_page.url + "sent/"
    report = MaterialReport.objects.get()
    assert report.site == site
    assert report.location == "Bus stop on Marsham Street"
    assert report.postcode == "SW1P 4DR"
    assert report.seen_on == timezone.localdate() - datetime.timedelta(days=1)
    assert report.contact_email == "resident@example.org"
    assert not report.photo

    confirmation = soup_of(client.get(response["Location"]))
    assert text_of(confirmation.select_one(".govuk-panel__title")) == "Report sent"
    assert "The team will look at your report." in text_of(confirmation.main)


@pytest.mark.parametrize(
    ("overrides", "message", "anchor"),
    [
        ({"location": ""}, "Enter where you saw the leaflet or sticker", "#location"),
        (
            {"seen_on_day": "", "seen_on_month": "", "seen_on_year": ""},
            "Enter the date you saw it",
            "#seen_on-day",
        ),
        ({"seen_on_month": ""}, "The date you saw it must include a month", "#seen_on-day"),
        (
            {"seen_on_day": "31", "seen_on_month": "2"},
            "The date you saw it must be a real date",
            "#seen_on-day",
        ),
        ({"description": ""}, "Enter what the leaflet or sticker said or showed", "#description"),
        (
            {"postcode": "not a postcode"},
            "Enter a real postcode, like SW1A 1AA, or leave it empty",
            "#postcode",
        ),
        (
            {"contact_email": "resident@"},
            "Enter an email address in the correct format, like name@example.com",
            "#contact_email",
        ),
        (
            {"contact_phone": "call me"},
            "Enter a phone number, like 020 7946 0000 or 07700 900 982",
            "#contact_phone",
        ),
    ],
)
def test_each_error_is_summarised_linked_shown_at_its_field_and_nothing_typed_is_lost(
    client, report_page, team_inbox, overrides, message, anchor
):
    data = report_data(contact_name="Sam", **overrides)
    response = client.post(report_page.url, data)
    assert response.status_code == 400
    assert error_summary(response) == {message: anchor}
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Error:")
    assert soup.select_one(anchor) is not None
    group = soup.select_one(anchor).find_parent(class_="govuk-form-group--error")
    assert message in text_of(group.select_one(".govuk-error-message"))
    values = field_values(response)
    for name in (
        "location",
        "postcode",
        "seen_on_day",
        "seen_on_month",
        "seen_on_year",
        "description",
        "contact_name",
        "contact_email",
        "contact_phone",
    ):
        assert values[name] == data[name], name
    assert not MaterialReport.objects.exists()
    assert mail.outbox == []


def test_a_date_in_the_future_is_refused(client, report_page):
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    response = send_report(
        client,
        report_page,
        seen_on_day=str(tomorrow.day),
        seen_on_month=str(tomorrow.month),
        seen_on_year=str(tomorrow.year),
    )
    assert response.status_code == 400
    assert error_summary(response) == {
        "The date you saw it must be today or in the past": "#seen_on-day"
    }
    assert not MaterialReport.objects.exists()


def test_every_missing_answer_is_listed_in_page_order(client, report_page):
    response = send_report(
        client,
        report_page,
        location="",
        description="",
        seen_on_day="",
        seen_on_month="",
        seen_on_year="",
    )
    assert list(error_summary(response).values()) == ["#location", "#seen_on-day", "#description"]


# --- spam -------------------------------------------------------------------------------


def test_a_form_sent_back_within_seconds_is_not_saved_and_can_be_sent_again(
    client, report_page, team_inbox
):
    response = send_report(client, report_page, rendered_at=render_stamp())
    assert response.status_code == 400
    assert error_summary(response) == {
        "Check your answers, then select ‘Send report’ again": "#send"
    }
    assert field_values(response)["location"] == "Bus stop on Marsham Street"
    assert not MaterialReport.objects.exists()
    # A forged or missing time is treated the same.
    assert send_report(client, report_page, rendered_at="12345:forged").status_code == 400
    assert send_report(client, report_page, rendered_at=None).status_code == 400
    # So is a form left open for more than a day.
    day_old = render_stamp(at=time.time() - 25 * 60 * 60)
    assert send_report(client, report_page, rendered_at=day_old).status_code == 400
    assert not MaterialReport.objects.exists()
    assert send_report(client, report_page).status_code == 302
    assert MaterialReport.objects.count() == 1


def test_the_visitor_is_sent_on_at_the_address_they_used(
    client, report_page, team_inbox, second_site
):
    # With two councils a page's own address names its host (http://localhost/...). A visitor
    # at another address of the same site, such as 127.0.0.1, must stay there: the browser
    # refuses to follow a form's redirect to another host (the CSP's form-action).
    path = urlsplit(report_page.full_url).path
    response = client.post(path, report_data(), HTTP_HOST="127.0.0.1")
    assert response.status_code == 302
    assert response["Location"] == path + "sent/"
    assert MaterialReport.objects.count() == 1


def test_the_honeypot_discards_the_report_without_saying_so(client, report_page, team_inbox):
    response = send_report(client, report_page, website="https://spam.example")
    assert response.status_code == 302
    assert response["Location"].endswith("/sent/")
    assert not MaterialReport.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client, report_page):
    soup = soup_of(client.get(report_page.url))
    trap = soup.select_one("main form input[name=website]")
    assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None
    assert "govuk-visually-hidden" in trap.find_parent("div")["class"]
    assert trap["tabindex"] == "-1"


def test_reports_are_rate_limited_per_address_per_council(
    client, report_page, team_inbox, second_site
):
    for _ in range(10):
        assert send_report(client, report_page).status_code == 302
    response = send_report(client, report_page)
    assert response.status_code == 429
    assert "Wait an hour" in text_of(soup_of(response).main)
    assert field_values(response)["location"] == "Bus stop on Marsham Street"
    assert field_values(response)["seen_on_year"] == report_data()["seen_on_year"]
    assert MaterialReport.objects.count() == 10
    # Someone else, from another address, is not blocked.
    other = client.post(report_page.url, report_data(), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302
    # Nor is this address on another council's site.
    other_page = MaterialReportPageFactory(parent=second_site.root_page)
    other_page.save_revision().publish()
    elsewhere = client.post(
        "/report-leaflets-or-stickers/", report_data(), HTTP_HOST="otherton.localhost"
    )
    assert elsewhere.status_code == 302
    assert MaterialReport.objects.filter(site=second_site).count() == 1


# --- photos -----------------------------------------------------------------------------


def gps_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone on its side
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 29.0, 50.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (0.0, 7.0, 51.0),
    }
    return exif


def stored_photo(report):
    with report.photo.open("rb") as handle:
        data = handle.read()
    return data, Image.open(io.BytesIO(data))


def test_a_photo_with_its_location_arrives_without_any_metadata(
    client, report_page, team_inbox, settings
):
    upload = image_file(size=(120, 80), exif=gps_exif(), name="IMG_1234 home.jpg")
    # The test image really carries the location.
    assert Image.open(io.BytesIO(upload.read())).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    upload.seek(0)
    response = send_report(client, report_page, photo=upload)
    assert response.status_code == 302
    report = MaterialReport.objects.get()
    data, image = stored_photo(report)
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert b"Exif" not in data and b"TestCam" not in data
    assert "exif" not in image.info
    # Turned the right way up from the orientation the EXIF gave.
    assert image.size == (80, 120)
    # A random name, outside the public media folder.
    assert "IMG_1234" not in report.photo.name
    path = report.photo.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_a_png_is_kept_as_a_jpeg(client, report_page):
    response = send_report(client, report_page, photo=image_file("PNG", "sticker.png"))
    assert response.status_code == 302
    assert stored_photo(MaterialReport.objects.get())[1].format == "JPEG"


def test_a_heic_photo_from_a_phone_is_accepted(client, report_page):
    response = send_report(client, report_page, photo=image_file("HEIF", "IMG_0001.HEIC"))
    assert response.status_code == 302
    _, image = stored_photo(MaterialReport.objects.get())
    assert image.format == "JPEG" and image.size == (120, 80)


def test_a_very_large_photo_is_made_smaller(client, report_page):
    response = send_report(client, report_page, photo=image_file(size=(4000, 3000)))
    assert response.status_code == 302
    assert stored_photo(MaterialReport.objects.get())[1].size == (2560, 1920)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sticker.svg", SVG, "The photo must be a JPEG, PNG or HEIC file"),
        ("sticker.jpg", HTML, "The photo must be a JPEG, PNG or HEIC file"),  # a false name
        ("sticker.gif", b"GIF89a" + b"\x00" * 40, "The photo must be a JPEG, PNG or HEIC file"),
        (
            "sticker.jpg",
            image_file(size=(400, 300)).read()[:600],  # cut short
            "The photo could not be opened. It may be damaged: try another photo",
        ),
        ("big.jpg", b"\xff\xd8" + bytes(10 * 1024 * 1024), "The photo must be smaller than 10 MB"),
    ],
)
def test_a_file_that_is_not_a_photo_we_take_is_refused_and_the_rest_is_kept(
    client, report_page, name, content, message
):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    data = report_data(contact_email="resident@example.org", photo=upload)
    response = client.post(report_page.url, data)
    assert response.status_code == 400
    assert error_summary(response) == {message: "#photo"}
    values = field_values(response)
    assert values["location"] == data["location"]
    assert values["description"] == data["description"]
    assert values["contact_email"] == "resident@example.org"
    assert not MaterialReport.objects.exists()


def test_a_good_photo_sent_with_an_error_elsewhere_is_asked_for_again(client, report_page):
    response = send_report(client, report_page, location="", photo=image_file())
    assert response.status_code == 400
    assert "Choose your photo again" in text_of(soup_of(response).select_one("#photo-again"))
