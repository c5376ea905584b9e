"""Officers add events only to their own council's listing, the admin checks what they enter,
and each event page carries schema.org Event data."""

import datetime
import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from events.models import EventPage
from tests.conftest import refused
from tests.events.factories import EventIndexPageFactory, uk
from tests.html import soup_of

pytestmark = pytest.mark.django_db


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", parent.pk])


def event_form(**overrides):
    data = {
        "title": "WRAP for school staff",
        "slug": "wrap-for-school-staff",
        "summary": "An introduction to Prevent for school staff.",
        "kind": "training",
        "start": "2024-03-31 10:00",
        "end": "2024-03-31 11:30",
        "attendance": "online",
        "audience": "School staff",
        "booking_method": "request",
        "body": rich_text(""),
        **overrides,
    }
    return nested_form_data(data)


def errors_on(response):
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_an_officer_adds_events_to_their_own_councils_listing_only(councils, officer):
    own_index = EventIndexPageFactory(parent=councils["own"].root_page)
    other_index = EventIndexPageFactory(parent=councils["other"].root_page)
    own_officer = officer("Test editors")

    assert refused(own_officer.get(add_url(other_index)))
    assert refused(own_officer.post(add_url(other_index), event_form()))
    assert not EventPage.objects.exists()

    assert own_officer.get(add_url(own_index)).status_code == 200
    response = own_officer.post(add_url(own_index), event_form())
    assert response.status_code == 302, errors_on(response)
    event = EventPage.objects.get()
    assert event.get_parent().pk == own_index.pk
    # Entered as UK time on the day the clocks went forward: 10am BST is 9am UTC.
    assert event.start == datetime.datetime(2024, 3, 31, 9, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end": "2024-03-31 09:00"}, "end", "The end must be after the start."),
        (
            {"booking_method": "external"},
            "booking_url",
            "Enter the booking link, or choose another way to book.",
        ),
        (
            {"attendance": "in_person"},
            "venue",
            "Enter the venue or its address for an event held in person.",
        ),
    ],
)
def test_the_admin_explains_what_is_wrong(admin_client, home_page, overrides, field, message):
    index = EventIndexPageFactory(parent=home_page)
    response = admin_client.post(add_url(index), event_form(**overrides))
    assert response.status_code == 200
    assert errors_on(response)[field] == [message]
    assert not EventPage.objects.exists()


def json_ld(client, page):
    soup = soup_of(client.get(page.url))
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_an_event_page_carries_schema_org_event_data(client, make_event):
    event = make_event(
        title="Prevent awareness </script><script>alert(1)</script>",
        start=uk(2024, 10, 27, 10, 0),
        end=uk(2024, 10, 27, 12, 30),
        attendance="in_person",
        venue="City Hall, Room 3",
        address="64 Victoria Street\nLondon\nSW1E 6QP",
        cost_pounds=0,
        capacity=30,
    )
    data = json_ld(client, event)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Prevent awareness </script><script>alert(1)</script>"
    assert data["startDate"] == "2024-10-27T10:00:00+00:00"
    assert data["endDate"] == "2024-10-27T12:30:00+00:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {
        "@type": "Place",
        "name": "City Hall, Room 3",
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "GB",
            "streetAddress": "64 Victoria Street, London, SW1E 6QP",
        },
    }
    assert data["organizer"] == {"@type": "Organization", "name": "Testshire Council"}
    assert data["offers"]["price"] == "0.00" and data["offers"]["priceCurrency"] == "GBP"
    assert data["maximumAttendeeCapacity"] == 30
    assert data["url"] == f"http://localhost{event.url}"


def test_online_event_data_in_summer_time_with_another_organiser(client, make_event):
    event = make_event(
        start=uk(2023, 7, 25, 18, 0),
        end=uk(2023, 7, 25, 19, 30),
        attendance="online",
        run_by="The Home Office",
    )
    data = json_ld(client, event)
    assert data["startDate"] == "2023-07-25T18:00:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": f"http://localhost{event.url}"}
    assert data["organizer"]["name"] == "The Home Office"
    assert "offers" not in data  # the cost is not known
