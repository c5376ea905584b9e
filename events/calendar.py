"""iCalendar (RFC 5545) files: one event to download, and a council's feed to subscribe to.

Times are written in UK time with TZID=Europe/London, and the calendar carries that time
zone's rules (VTIMEZONE), so a calendar app in any time zone shows the right moment on either
side of a change to or from British Summer Time.
"""

import datetime
import re

from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from events.dates import uk_time

PRODID = "-//Prevent council sites//Events//EN"


def _london_timezone():
    """Europe/London's rules since 1996: BST from 1am GMT on the last Sunday of March to
    2am BST on the last Sunday of October."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime.datetime(1981, 3, 29, 1, 0))
    summer.add("tzoffsetfrom", datetime.timedelta(0))
    summer.add("tzoffsetto", datetime.timedelta(hours=1))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime.datetime(1996, 10, 27, 2, 0))
    winter.add("tzoffsetfrom", datetime.timedelta(hours=1))
    winter.add("tzoffsetto", datetime.timedelta(0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _calendar(name=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/London")
    calendar.add_component(_london_timezone())
    return calendar


def plain_text(html):
    """Rich text as plain text: one line per paragraph or list item."""
    text = re.sub(r"</(p|li|h\d)>|<br\s*/?>", "\n", html or "")
    lines = (" ".join(line.split()) for line in strip_tags(text).splitlines())
    return "\n".join(line for line in lines if line)


def event_uid(page, site):
    """Stable for as long as the event and its council's address last."""
    return f"event-{page.pk}@{site.hostname if site else 'localhost'}"


def _description(page, url):
    parts = [page.summary, plain_text(page.body)]
    if page.audience:
        parts.append(f"Who it is for: {page.audience}")
    if page.run_by:
        parts.append(f"Run by: {page.run_by}")
    parts.append(f"Details: {url}")
    return "\n\n".join(part for part in parts if part)


def event_component(page, site, url):
    event = Event()
    event.add("uid", event_uid(page, site))
    # When the event's details were last published: the same on every download, so a
    # calendar can tell an update from a copy.
    stamp = page.last_published_at or page.latest_revision_created_at
    event.add("dtstamp", stamp or datetime.datetime.now(datetime.UTC))
    event.add("dtstart", uk_time(page.start))
    event.add("dtend", uk_time(page.end))
    event.add("summary", page.title)
    event.add("location", page.location_text)
    event.add("url", url)
    event.add("description", _description(page, url))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def single(page, request):
    calendar = _calendar()
    calendar.add_component(event_component(page, page.get_site(), page.get_full_url(request)))
    return calendar.to_ical()


def feed(index, events, request):
    calendar = _calendar(name=index.title)
    # Events are the listing's children: their addresses follow from its own, with no
    # lookup per event.
    site, listing_url = index.get_site(), index.get_full_url(request)
    for page in events:
        calendar.add_component(event_component(page, site, f"{listing_url}{page.slug}/"))
    return calendar.to_ical()
