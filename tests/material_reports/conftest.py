import datetime
import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from material_reports.models import MaterialReportPage, MaterialReportSettings
from pages.spam import render_stamp
from tests.factories import BasePageFactory

# The mail outages and the production task queue, as the newsletter tests set them up.
from tests.newsletters.conftest import mail_server_back, mail_server_down  # noqa: F401
from tests.newsletters.test_background import database_queue  # noqa: F401


class MaterialReportPageFactory(BasePageFactory):
    title = "Report extremist leaflets or stickers"
    slug = "report-leaflets-or-stickers"
    intro = "<p>Tell us about leaflets or stickers you have seen.</p>"
    privacy = "<p>Only the Prevent team reads reports.</p>"
    confirmation = "<p>The team will look at your report.</p>"
    show_exit_this_page = True

    class Meta:
        model = MaterialReportPage


@pytest.fixture
def report_page(home_page):
    page = MaterialReportPageFactory(parent=home_page)
    page.save_revision().publish()
    return page


@pytest.fixture
def team_inbox(site):
    MaterialReportSettings.objects.create(site=site, team_email="prevent@testshire.example")
    return "prevent@testshire.example"


def a_while_ago():
    """The form's signed render time, a minute back: as if a person took a minute to fill it."""
    return render_stamp(at=time.time() - 60)


def report_data(**overrides):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "location": "Bus stop on Marsham Street",
        "postcode": "sw1p 4dr",
        "seen_on_day": str(yesterday.day),
        "seen_on_month": str(yesterday.month),
        "seen_on_year": str(yesterday.year),
        "description": "Stickers with a slogan against a religious group and a web address.",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "website": "",
        "rendered_at": a_while_ago(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def send_report(client, page, **overrides):
    return client.post(page.url, report_data(**overrides))


def image_file(fmt="JPEG", name="photo.jpg", size=(120, 80), exif=None, colour="red"):
    image = Image.new("RGB", size, colour)
    output = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(output, format=fmt, **kwargs)
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")
