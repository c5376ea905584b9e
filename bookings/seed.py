"""Seed content: a council's settings for training requests (its file's `bookings:` section).
Settings already saved are left as officers set them."""

from bookings.models import DEFAULT_RETENTION_MONTHS, BookingRequestSettings


def load_request_settings(data, site):
    spec = data.get("bookings")
    if site is None or not spec:
        return
    BookingRequestSettings.objects.get_or_create(
        site=site,
        defaults={
            "team_email": spec.get("team_email", ""),
            "retention_months": spec.get("retention_months", DEFAULT_RETENTION_MONTHS),
        },
    )
