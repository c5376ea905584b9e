"""schema.org Event data for an event page, as JSON-LD that search engines read."""

import json

from django.utils.safestring import mark_safe

from events.dates import uk_time
from pages.models import SiteBranding

# As Django's json_script does: no value can close the script element or start markup.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

ATTENDANCE_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "both": "https://schema.org/MixedEventAttendanceMode",
}


def _place(page):
    address = {"@type": "PostalAddress", "addressCountry": "GB"}
    lines = page.address_lines
    if lines:
        address["streetAddress"] = ", ".join(lines)
    return {"@type": "Place", "name": page.venue or ", ".join(lines), "address": address}


def _locations(page, url):
    locations = []
    if page.is_in_person:
        locations.append(_place(page))
    if page.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    return locations[0] if len(locations) == 1 else locations


def _council(page):
    site = page.get_site()
    branding = SiteBranding.objects.filter(site=site).first() if site else None
    return branding.council_name if branding else (site.site_name if site else "")


def event_data(page, request):
    url = page.get_full_url(request)
    council = _council(page)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": uk_time(page.start).isoformat(),
        "endDate": uk_time(page.end).isoformat(),
        "eventAttendanceMode": ATTENDANCE_MODES[page.attendance],
        "eventStatus": "https://schema.org/EventScheduled",
        "location": _locations(page, url),
        "organizer": {
            "@type": "Organization",
            "name": page.run_by or council,
        },
        "url": url,
    }
    if page.audience:
        data["audience"] = {"@type": "Audience", "audienceType": page.audience}
    if page.capacity:
        data["maximumAttendeeCapacity"] = page.capacity
    if page.cost_pounds is not None:
        offer = {
            "@type": "Offer",
            "price": f"{page.cost_pounds:.2f}",
            "priceCurrency": "GBP",
            "url": page.booking_url if page.booking_method == "external" else url,
        }
        data["offers"] = offer
    return data


def event_json_ld(page, request):
    text = json.dumps(event_data(page, request), ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 (JSON with <, > and & escaped)
