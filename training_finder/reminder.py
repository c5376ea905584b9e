"""The calendar reminder to refresh Prevent training: one all-day event on the refresh date.

Built from the answers in the address each time it is asked for; nothing is kept. The UID is
derived from the site, the page, the answers and the date, so downloading the same reminder
twice updates one calendar entry instead of adding a second.
"""

import datetime
import hashlib

from icalendar import Alarm, Calendar, Event

SUMMARY = "Refresh your Prevent training"
ALARM_BEFORE = datetime.timedelta(days=14)


def reminder_uid(host, page_id, answers, day):
    key = "|".join([host, str(page_id), *(f"{k}={v}" for k, v in answers.items()), day.isoformat()])
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{host}"


def reminder_calendar(*, day, uid, url, council, now):
    """An iCalendar file (bytes) with one all-day event on `day`, and an alarm two weeks before
    it. `url` is the finder's answer page, `now` the time it was made (aware)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{council}//Which Prevent training do I need//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(datetime.UTC))
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", SUMMARY)
    event.add(
        "description",
        f"Your Prevent training is due for a refresh. See which training you need: {url}",
    )
    event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a reminder: it does not make you busy that day

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{SUMMARY} in two weeks")
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)

    calendar.add_component(event)
    return calendar.to_ical()
