"""Event times across the clock changes, on the page and in the iCalendar files and feed."""

import datetime

import pytest
from icalendar import Calendar

from events.models import EventPage
from tests.events.factories import uk
from tests.html import soup_of, summary_list, text_of

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def ics_events(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(event["uid"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize(
    ("start", "end", "shown", "utc_start", "utc_end"),
    [
        # The clocks go forward at 1am on Sunday 31 March 2024: 10am that day is BST.
        (
            uk(2024, 3, 31, 10, 0),
            uk(2024, 3, 31, 11, 30),
            "Sunday 31 March 2024, 10am to 11:30am",
            datetime.datetime(2024, 3, 31, 9, 0, tzinfo=UTC),
            datetime.datetime(2024, 3, 31, 10, 30, tzinfo=UTC),
        ),
        # The day before the clocks go back (BST) and the day they do (GMT).
        (
            uk(2024, 10, 26, 10, 0),
            uk(2024, 10, 26, 12, 0),
            "Saturday 26 October 2024, 10am to midday",
            datetime.datetime(2024, 10, 26, 9, 0, tzinfo=UTC),
            datetime.datetime(2024, 10, 26, 11, 0, tzinfo=UTC),
        ),
        (
            uk(2024, 10, 27, 10, 0),
            uk(2024, 10, 27, 12, 30),
            "Sunday 27 October 2024, 10am to 12:30pm",
            datetime.datetime(2024, 10, 27, 10, 0, tzinfo=UTC),
            datetime.datetime(2024, 10, 27, 12, 30, tzinfo=UTC),
        ),
        # Over the change itself (1am to 2am happens twice): 11:30pm BST to 2:30am GMT.
        (
            uk(2024, 10, 26, 23, 30),
            uk(2024, 10, 27, 2, 30),
            "Saturday 26 October 2024, 11:30pm to Sunday 27 October 2024, 2:30am",
            datetime.datetime(2024, 10, 26, 22, 30, tzinfo=UTC),
            datetime.datetime(2024, 10, 27, 2, 30, tzinfo=UTC),
        ),
    ],
)
def test_times_are_right_on_either_side_of_a_clock_change(
    client, make_event, start, end, shown, utc_start, utc_end
):
    event = make_event(start=start, end=end)
    stored = EventPage.objects.get(pk=event.pk)
    assert (stored.start, stored.end) == (utc_start, utc_end)

    soup = soup_of(client.get(event.url))
    assert summary_list(soup)["When"] == f"{shown} (UK time)"
    assert soup.select_one("main time")["datetime"] == start.isoformat()

    response = client.get(event.url + "calendar/")
    assert f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M%S}" in response.text.replace("\r", "")
    _, events = ics_events(response)
    ics_event = events[f"event-{event.pk}@localhost"]
    assert ics_event.decoded("dtstart").astimezone(UTC) == utc_start
    assert ics_event.decoded("dtend").astimezone(UTC) == utc_end


def test_event_file_is_a_valid_calendar_with_the_pages_address(client, make_event):
    event = make_event(
        title="Prevent awareness for school staff",
        start=uk(2023, 7, 11, 10, 0),
        end=uk(2023, 7, 11, 12, 30),
        attendance="in_person",
        venue="City Hall, Room 3",
        address="64 Victoria Street\nLondon\nSW1E 6QP",
        body="<p>What the <b>duty</b> asks of schools.</p><ul><li>Signs</li><li>Referrals</li>"
        "</ul>",
    )
    # Published as an officer does, so the file is stamped with when it was published.
    event.save_revision().publish()
    event.refresh_from_db()
    response = client.get(event.url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'

    calendar, events = ics_events(response)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"])
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["tzid"]) for zone in zones] == ["Europe/London"]
    assert {c.name for c in zones[0].subcomponents} == {"DAYLIGHT", "STANDARD"}

    ics_event = events[f"event-{event.pk}@localhost"]
    assert str(ics_event["summary"]) == "Prevent awareness for school staff"
    assert str(ics_event["url"]) == f"http://localhost{event.url}"
    assert str(ics_event["location"]) == "City Hall, Room 3, 64 Victoria Street, London, SW1E 6QP"
    assert ics_event.decoded("dtstamp") == event.last_published_at.replace(microsecond=0)
    description = str(ics_event["description"])
    assert "<" not in description
    assert "What the duty asks of schools.\nSigns\nReferrals" in description
    assert f"http://localhost{event.url}" in description
    # The same event downloaded twice is the same event to a calendar app.
    _, again = ics_events(client.get(event.url + "calendar/"))
    assert str(again[f"event-{event.pk}@localhost"]["dtstamp"].to_ical()) == str(
        ics_event["dtstamp"].to_ical()
    )


def test_the_listing_feed_has_upcoming_and_recent_events_only(
    client, events_index, make_event, soon
):
    upcoming = make_event(title="Next month", start=soon + datetime.timedelta(days=30))
    recent = make_event(
        title="Last month",
        start=soon - datetime.timedelta(days=30),
        end=soon - datetime.timedelta(days=30) + datetime.timedelta(hours=1),
    )
    old = make_event(title="Two years ago", start=uk(2023, 7, 11, 10, 0))
    draft = make_event(title="Not published", start=soon + datetime.timedelta(days=3))
    draft.unpublish()

    response = client.get(events_index.url + "calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, events = ics_events(response)
    assert str(calendar["x-wr-calname"]) == events_index.title
    assert set(events) == {f"event-{upcoming.pk}@localhost", f"event-{recent.pk}@localhost"}
    assert f"event-{old.pk}@localhost" not in events
    assert str(events[f"event-{upcoming.pk}@localhost"]["url"]) == f"http://localhost{upcoming.url}"


def test_pages_link_to_the_calendar_files_saying_what_they_are(
    client, events_index, make_event, soon
):
    event = make_event(start=soon)
    listing = soup_of(client.get(events_index.url))
    feed_link = listing.find("a", string="Add all our events to your calendar (.ics file)")
    assert feed_link["href"] == "http://localhost/events/calendar/"
    assert "http://localhost/events/calendar/" in text_of(listing.main)
    page = soup_of(client.get(event.url))
    link = page.find("a", string="Add to your calendar (.ics file)")
    assert link["href"] == f"{event.url}calendar/"
