"""The page cache never shows a stale alert: saving or deleting one purges every page, and a
page is kept no later than the next scheduled start or end of its site's alerts, so an alert
appears and goes away on time with nobody saving anything (alerts/showing.py)."""

import contextlib
import datetime
import re
import time
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories
from tests.alerts.conftest import HOUR
from tests.html import soup_of, text_of
from tests.network import closed_port

pytestmark = pytest.mark.django_db

MINUTES = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def titles_on(response):
    return [
        text_of(alert.select_one(".govuk-notification-banner__heading"))
        for alert in soup_of(response).select(".app-alert")
    ]


def from_cache(response):
    return response.get("X-Page-Cache") == "hit"


@contextlib.contextmanager
def later(delta):
    """Move the clock on: Django's (timezone.now, for the alerts' times) and the cache's
    (time.time, for how long entries live). Nothing waits."""
    now, wall = timezone.now(), time.time()
    with (
        mock.patch("django.utils.timezone.now", return_value=now + delta),
        mock.patch("time.time", return_value=wall + delta.total_seconds()),
    ):
        yield


def test_saving_changing_and_deleting_an_alert_shows_at_once(client, site, home_page, make_alert):
    page = factories.InformationPageFactory(parent=home_page)
    for url in ("/", page.url):
        client.get(url)
        assert from_cache(client.get(url))
    alert = make_alert(site, title="Helpline closed")
    for url in ("/", page.url):
        response = client.get(url)
        assert not from_cache(response) and titles_on(response) == ["Helpline closed"]
    alert.title = "Helpline open again at 2pm"
    alert.save()
    assert titles_on(client.get(page.url)) == ["Helpline open again at 2pm"]
    alert.delete()
    assert titles_on(client.get(page.url)) == []


def test_without_scheduled_alerts_pages_stay_cached_for_the_usual_time(client, home_page):
    client.get("/")
    with later(9 * MINUTES):
        assert from_cache(client.get("/"))


def test_a_scheduled_alert_appears_at_its_start_with_nobody_saving(client, site, make_alert):
    make_alert(site, title="Office closed", starts=5 * MINUTES, ends=HOUR)
    assert titles_on(client.get("/")) == []
    assert from_cache(client.get("/"))
    with later(4 * MINUTES):
        assert from_cache(client.get("/"))
    with later(5 * MINUTES + datetime.timedelta(seconds=1)):
        response = client.get("/")
        assert not from_cache(response)
        assert titles_on(response) == ["Office closed"]


def test_an_alert_goes_away_at_its_end_with_nobody_saving(client, site, make_alert):
    make_alert(site, title="Office closed", starts=-HOUR, ends=3 * MINUTES)
    assert titles_on(client.get("/")) == ["Office closed"]
    assert from_cache(client.get("/"))
    with later(3 * MINUTES + datetime.timedelta(seconds=1)):
        response = client.get("/")
        assert not from_cache(response)
        assert titles_on(response) == []


def test_another_councils_schedule_does_not_cut_this_councils_cache(
    client, site, second_site, make_alert
):
    make_alert(second_site, starts=2 * MINUTES, ends=HOUR)
    client.get("/")
    with later(3 * MINUTES):
        assert from_cache(client.get("/"))


def test_the_cdn_is_told_to_keep_a_page_only_until_the_next_start(
    client, site, make_alert, settings
):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{closed_port()}",
        }
    }
    settings.CDN_CACHE_SECONDS = 3600
    assert "s-maxage=3600" in Client().get("/")["Cache-Control"]
    make_alert(site, starts=10 * MINUTES, ends=HOUR)
    seconds = int(re.search(r"s-maxage=(\d+)", Client().get("/")["Cache-Control"]).group(1))
    assert 590 <= seconds <= 600
