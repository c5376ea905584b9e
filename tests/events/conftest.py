import datetime

import pytest
from django.utils import timezone

from tests.events.factories import EventIndexPageFactory, EventPageFactory


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def make_event(events_index):
    """make_event(**fields) -> a live event under the test council's events page."""

    def make(**fields):
        return EventPageFactory(parent=fields.pop("parent", events_index), **fields)

    return make


@pytest.fixture
def soon():
    """An hour from now, to the minute: an event that has not started yet."""
    return timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(hours=1)
