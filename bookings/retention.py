"""Deleting requests once their council's retention period has passed."""

import logging

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site

from bookings.models import BookingRequest, BookingRequestSettings

logger = logging.getLogger(__name__)


def delete_old_requests(now=None):
    """Delete every request older than its site's retention period; returns how many."""
    now = now or timezone.now()
    deleted = 0
    for site in Site.objects.filter(booking_requests__isnull=False).distinct():
        months = BookingRequestSettings.for_site(site).retention_months
        old = BookingRequest.objects.older_than_retention(site, months, now=now)
        for booking in old:
            with transaction.atomic():
                # The history keeps that a request was deleted, and when; never who sent it.
                log(
                    instance=booking,
                    action="wagtail.delete",
                    deleted=True,
                    title=f"{booking} ({site.site_name})",
                )
                booking.delete()
            deleted += 1
        if deleted:
            logger.info(
                "Deleted training requests of site %s older than %s months", site.site_name, months
            )
    return deleted
