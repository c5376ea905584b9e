import time

import pytest

from bookings.models import BookingRequest, BookingRequestPage, BookingRequestSettings
from pages.spam import render_stamp
from tests import factories
from tests.factories import BasePageFactory

# The mail outages and the production task queue, as the newsletter tests set them up.
from tests.newsletters.conftest import mail_server_back, mail_server_down  # noqa: F401
from tests.newsletters.test_background import database_queue  # noqa: F401

TEAM = "training@testshire.example"


class BookingRequestPageFactory(BasePageFactory):
    title = "Request a training session"
    slug = "request-a-session"
    intro = "<p>Ask us for a session.</p>"
    privacy = "<p>Only the Prevent team reads requests.</p>"
    confirmation = "<p>An officer will reply by email.</p>"

    class Meta:
        model = BookingRequestPage


def published(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def training(home_page):
    return published(factories.TrainingIndexPageFactory(parent=home_page))


@pytest.fixture
def course(training):
    return published(factories.TrainingCoursePageFactory(parent=training, slug="wrap"))


@pytest.fixture
def request_page(training):
    return published(BookingRequestPageFactory(parent=training))


@pytest.fixture
def team_inbox(site):
    BookingRequestSettings.objects.create(site=site, team_email=TEAM)
    return TEAM


def a_while_ago():
    """The form's signed render time, a minute back: as if a person took a minute to fill it."""
    return render_stamp(at=time.time() - 60)


def request_data(chosen=None, **overrides):
    """The form as a person fills it in, for the course page `chosen` (or something else)."""
    data = {
        "name": "Amira Khan",
        "organisation": "Grey Coat Primary School",
        "role": "Designated safeguarding lead",
        "email": "amira@school.example",
        "phone": "",
        "course": str(chosen.pk) if chosen else "other",
        "something_else": "" if chosen else "A talk for our governors",
        "people": "24",
        "preferred_dates": "Any Tuesday afternoon in March",
        "access_needs": "",
        "website": "",
        "rendered_at": a_while_ago(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def send_request(client, page, chosen=None, **overrides):
    return client.post(page.url, request_data(chosen, **overrides))


def make_request(site, **fields):
    """A request saved as the form saves one, for admin and retention tests."""
    values = {
        "site": site,
        "page_title": "WRAP",
        "name": "Sam Jones",
        "organisation": "Millbank Academy",
        "role": "Teacher",
        "email": "sam@academy.example",
        "people": 12,
        "preferred_dates": "June",
    }
    values.update(fields)
    return BookingRequest.objects.create(**values)
