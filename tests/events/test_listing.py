"""The events listing, the past-events archive and booking: events move to the archive and
stop offering booking by themselves, as time passes, with nobody saving anything."""

import contextlib
import datetime
import time
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPage
from tests import factories
from tests.bookings.conftest import BookingRequestPageFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory, uk
from tests.html import soup_of, summary_list, text_of

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@contextlib.contextmanager
def later(delta):
    """Move Django's clock and the cache's on by `delta`. Nothing waits."""
    now, wall = timezone.now(), time.time()
    with (
        mock.patch("django.utils.timezone.now", return_value=now + delta),
        mock.patch("time.time", return_value=wall + delta.total_seconds()),
    ):
        yield


def card_titles(response):
    return [
        text_of(card.select_one(".app-card__title"))
        for card in soup_of(response).select(".app-card")
    ]


def test_upcoming_events_are_listed_soonest_first_and_past_ones_are_not(
    client, events_index, make_event, soon
):
    make_event(title="In a week", start=soon + 7 * DAY)
    make_event(title="Tomorrow", start=soon + DAY)
    make_event(title="Last year", start=uk(2023, 7, 11, 10, 0))
    response = client.get(events_index.url)
    assert response.status_code == 200
    assert card_titles(response) == ["Tomorrow", "In a week"]
    soup = soup_of(response)
    assert soup.find("a", string="Past events")["href"] == "/events/past/"
    card = text_of(soup.select_one(".app-card"))
    assert "Training session" in card and "Online" in card


def test_an_event_moves_to_the_archive_and_loses_booking_by_itself(
    client, home_page, events_index, make_event, soon
):
    training = factories.TrainingIndexPageFactory(parent=home_page)
    form = BookingRequestPageFactory(parent=training)
    event = make_event(title="WRAP for school staff", start=soon, end=soon + 2 * HOUR)
    assert event.booking_requests_open

    page = soup_of(client.get(event.url))
    assert page.find("h2", string="How to book")
    ask = page.main.find("a", string="Ask for a place at this event")
    assert ask["href"] == f"{form.url}?for={event.pk}"
    assert page.find("a", string="Add to your calendar (.ics file)")

    with later(HOUR + datetime.timedelta(minutes=1)):  # it has started
        assert not EventPage.objects.get(pk=event.pk).booking_requests_open
        page = soup_of(client.get(event.url))
        assert "This event has started. Booking is closed." in text_of(page.main)
        assert card_titles(client.get(events_index.url)) == ["WRAP for school staff"]

    with later(3 * HOUR + datetime.timedelta(minutes=1)):  # it has ended
        stored = EventPage.objects.get(pk=event.pk)
        assert stored.is_past and not stored.booking_requests_open
        assert card_titles(client.get(events_index.url)) == []
        assert card_titles(client.get(events_index.url + "past/")) == ["WRAP for school staff"]
        page = soup_of(client.get(event.url))
        main = text_of(page.main)
        assert "This event has ended." in main
        assert not page.find("h2", string="How to book")
        assert not page.main.find("a", string="Ask for a place at this event")
        assert not page.find("a", string="Add to your calendar (.ics file)")


def test_a_cached_listing_is_kept_no_later_than_the_next_event_ends(
    client, settings, events_index, make_event, soon
):
    settings.PAGE_CACHE_SECONDS = 600
    make_event(
        title="Soon over",
        start=soon - 2 * HOUR,
        end=soon - HOUR + 5 * datetime.timedelta(minutes=1),
    )
    client.get(events_index.url)
    assert client.get(events_index.url).get("X-Page-Cache") == "hit"
    with later(6 * datetime.timedelta(minutes=1)):
        response = client.get(events_index.url)
        assert response.get("X-Page-Cache") != "hit"
        assert card_titles(response) == []


def test_booking_follows_the_chosen_method_and_only_before_the_event(client, make_event, soon):
    external = make_event(
        start=soon, booking_method="external", booking_url="https://example.org/book"
    )
    link = soup_of(client.get(external.url)).find(
        "a", string="Book a place on the organiser's website"
    )
    assert link["href"] == "https://example.org/book"
    assert not external.booking_requests_open

    open_door = make_event(start=soon, booking_method="none")
    assert "You do not need to book." in text_of(soup_of(client.get(open_door.url)).main)
    assert not open_door.booking_requests_open

    past = make_event(
        start=uk(2023, 7, 11, 10, 0),
        booking_method="external",
        booking_url="https://example.org/book",
    )
    assert not soup_of(client.get(past.url)).find("a", href="https://example.org/book")
    assert EventPage.accepts_booking_requests is True


def test_without_a_request_form_the_event_says_to_contact_the_team(client, make_event, soon):
    event = make_event(start=soon)
    main = soup_of(client.get(event.url)).main
    assert "To ask for a place, contact the council's Prevent team." in text_of(main)
    assert not main.find("a", string="Ask for a place at this event")


def test_the_archive_is_paged_most_recent_first(client, events_index):
    for day in range(1, 13):
        EventPageFactory(parent=events_index, title=f"June {day}", start=uk(2023, 6, day, 10, 0))
    first = client.get(events_index.url + "past/")
    assert first.status_code == 200
    assert card_titles(first)[:2] == ["June 12", "June 11"] and len(card_titles(first)) == 10
    second = client.get(events_index.url + "past/", {"page": "2"})
    assert card_titles(second) == ["June 2", "June 1"]
    assert card_titles(client.get(events_index.url + "past/", {"page": "junk"})) == card_titles(
        first
    )
    assert not soup_of(second).select(".app-card a[href$='calendar/']")


def test_a_council_with_no_events_says_so(client, events_index):
    soup = soup_of(client.get(events_index.url))
    assert "There are no upcoming events at the moment." in text_of(soup.main)
    assert not soup.find("a", string="Past events")
    assert "There are no past events yet." in text_of(
        soup_of(client.get(events_index.url + "past/")).main
    )


@pytest.mark.parametrize("path", ["", "past/", "calendar/"])
def test_no_query_per_event(client, events_index, soon, path):
    def queries_for(count):
        for n in range(count):
            EventPageFactory(parent=events_index, start=soon + n * DAY)
            EventPageFactory(parent=events_index, start=uk(2023, 6, 1 + n, 10, 0))
        client.get(events_index.url + path)  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(events_index.url + path).status_code == 200
        return len(queries)

    assert queries_for(2) == queries_for(8)


def test_a_course_page_lists_its_upcoming_sessions_only(client, home_page, events_index, soon):
    training = factories.TrainingIndexPageFactory(parent=home_page)
    wrap = factories.TrainingCoursePageFactory(parent=training, slug="wrap")
    other = factories.TrainingCoursePageFactory(parent=training, slug="other", title="Other")
    EventPageFactory(
        parent=events_index, title="WRAP in March", start=soon + 30 * DAY, training_course=wrap
    )
    EventPageFactory(
        parent=events_index, title="WRAP next week", start=soon + 7 * DAY, training_course=wrap
    )
    EventPageFactory(
        parent=events_index, title="Old WRAP", start=uk(2023, 7, 11, 10, 0), training_course=wrap
    )
    EventPageFactory(parent=events_index, title="Other course", start=soon, training_course=other)
    soup = soup_of(client.get(wrap.url))
    heading = soup.find("h2", string="Upcoming sessions")
    assert heading
    titles = [
        text_of(card.select_one(".app-card__title"))
        for card in heading.find_next("ul").select(".app-card")
    ]
    assert titles == ["WRAP next week", "WRAP in March"]
    event_page = soup_of(client.get(EventPage.objects.get(title="WRAP next week").url))
    assert summary_list(event_page)["Course"] == "A session of WRAP"


def test_another_councils_listing_is_its_own(client, second_site, make_event, soon):
    make_event(title="Testshire event", start=soon)
    other_index = EventIndexPageFactory(parent=second_site.root_page)
    response = client.get(other_index.url, HTTP_HOST="otherton.localhost")
    assert card_titles(response) == []
