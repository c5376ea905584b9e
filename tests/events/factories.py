"""Factories for event pages; times are given as UK wall-clock times."""

import datetime

import factory

from events.dates import UK
from tests.factories import BasePageFactory


def uk(*args):
    """An aware datetime in UK time, such as uk(2024, 3, 31, 10, 0)."""
    return datetime.datetime(*args, tzinfo=UK)


class EventIndexPageFactory(BasePageFactory):
    title = "Events"
    slug = "events"
    intro = "<p>Sessions you can join.</p>"

    class Meta:
        model = "events.EventIndexPage"


class EventPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = "training"
    start = factory.LazyFunction(lambda: uk(2023, 7, 11, 10, 0))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2, minutes=30))
    attendance = "online"
    audience = "school staff"
    booking_method = "request"
    body = "<p>What the session covers.</p>"

    class Meta:
        model = "events.EventPage"
