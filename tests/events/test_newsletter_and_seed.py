"""Newsletter event sections that point at event pages, and the seeded events."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Site

from events.models import EventIndexPage, EventPage
from newsletters.blocks import EventBlock
from newsletters.emails import build_issue_email
from tests import factories
from tests.events.factories import uk
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def events_section(*events):
    return {"type": "events", "value": {"heading": "Events", "intro": "", "events": list(events)}}


def test_a_newsletter_section_shows_the_chosen_event_pages_details(client, home_page, make_event):
    event = make_event(
        title="Places of worship security schemes",
        start=uk(2023, 7, 25, 18, 0),
        end=uk(2023, 7, 25, 19, 30),
    )
    newsletter = factories.NewsletterIndexPageFactory(parent=home_page)
    issue = factories.NewsletterIssuePageFactory(
        parent=newsletter,
        sections=[events_section({"event_page": event.pk, "note": "With MOPAC"})],
    )
    item = soup_of(client.get(issue.url)).select_one(".app-event")
    link = item.select_one("a")
    assert text_of(link) == "Places of worship security schemes"
    assert link["href"] == event.url
    text = text_of(item)
    assert "Tuesday 25 July 2023, 6pm to 7:30pm" in text
    assert "Past event" in text and "Online" in text and "With MOPAC" in text
    assert item.select_one("time")["datetime"] == "2023-07-25T18:00:00+01:00"

    # In the email, the link is a whole address.
    html = build_issue_email(issue, "reader@example.org")["html"]
    assert f'href="http://localhost{event.url}"' in html


def test_an_event_section_needs_an_event_page_or_a_title_and_date():
    block = EventBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python({"mode": "online"}))
    error = raised.value
    assert [e.message for e in error.non_block_errors.as_data()] == [
        "Choose an event page, or enter the event's title and date."
    ]
    assert set(error.block_errors) == {"title", "date"}
    assert error.block_errors["date"].messages == [
        "Enter the event's date, or choose an event page."
    ]
    written_out = block.to_python({"title": "Briefing", "date": "2023-10-18", "mode": "online"})
    assert block.clean(written_out)["title"] == "Briefing"


def test_the_seed_has_the_july_2023_events_as_past_events_and_no_invented_dates(client):
    call_command("load_seed_content")
    westminster = Site.objects.get(hostname="localhost")
    index = EventIndexPage.objects.descendant_of(westminster.root_page).get()
    events = {event.slug: event for event in EventPage.objects.child_of(index).live()}
    assert len(events) == 4
    now = timezone.now()
    assert all(event.end < now and not event.booking_requests_open for event in events.values())
    # Every seeded event, on every council's site, is in the past.
    assert not EventPage.objects.filter(end__gt=now).exists()

    expected = {
        "places-of-worship-security-schemes-25-july-2023": "Tuesday 25 July 2023, 6pm to 7:30pm",
        "places-of-worship-security-schemes-27-july-2023": "Thursday 27 July 2023, 11am to 12:30pm",
        # The printed issue said Tuesday; 18 October 2023 was a Wednesday.
        "prevent-planning-webinar-fe-18-october-2023": (
            "Wednesday 18 October 2023, 10:30am to midday"
        ),
        "prevent-planning-webinar-fe-16-january-2024": "Tuesday 16 January 2024, 10:30am to midday",
    }
    assert {slug: event.when for slug, event in events.items()} == expected
    assert events["prevent-planning-webinar-fe-16-january-2024"].start == datetime.datetime(
        2024, 1, 16, 10, 30, tzinfo=datetime.UTC
    )

    listing = text_of(soup_of(client.get("/events/")).main)
    assert "There are no upcoming events at the moment." in listing
    archive = text_of(soup_of(client.get("/events/past/")).main)
    assert all(when in archive for when in expected.values())
    for host in ("rochford.localhost", "londoncouncils.localhost"):
        response = client.get("/events/", HTTP_HOST=host)
        assert response.status_code == 200
        assert "There are no upcoming events at the moment." in text_of(soup_of(response).main)

    # The July 2023 issue's events section points at the event pages.
    issue = soup_of(client.get("/newsletter/july-2023/"))
    links = [a["href"] for a in issue.select(".app-event a")]
    assert sorted(links) == sorted(f"/events/{slug}/" for slug in expected)
    feed = client.get("/events/calendar/").content.decode()
    assert not re.search(r"BEGIN:VEVENT", feed)  # nothing upcoming or recent
