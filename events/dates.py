"""Event times in UK time, written the GOV.UK way: "Tuesday 11 July 2023, 10am to 12:30pm".

Times are stored aware (in UTC) and always shown in Europe/London, so an event keeps its
clock time on either side of a change to or from British Summer Time.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone

UK = ZoneInfo("Europe/London")


def uk_time(value):
    """An aware datetime in UK time (GMT or BST, whichever applies on that day)."""
    return timezone.localtime(value, UK)


def govuk_time(value):
    """'10am', '12:30pm', 'midday', 'midnight'."""
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def govuk_date(value):
    """'Tuesday 11 July 2023'."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def date_range(start, end):
    """'Tuesday 11 July 2023, 10am to 12:30pm', or both dates when it runs over midnight."""
    start, end = uk_time(start), uk_time(end)
    if start.date() == end.date():
        return f"{govuk_date(start)}, {govuk_time(start)} to {govuk_time(end)}"
    return f"{govuk_date(start)}, {govuk_time(start)} to {govuk_date(end)}, {govuk_time(end)}"
