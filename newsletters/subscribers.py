"""Erasing an address from a council's newsletter for good.

Used when a resident unsubscribes (the page promises to delete the address) and when an officer
handles a privacy request in the admin. The address goes from every place it is kept for that
council: the subscription, the record of each issue sent to it, and any sign-up email still
waiting to be sent.
"""

import logging
from dataclasses import dataclass

from django.db import transaction

from newsletters.models import Delivery, NewsletterIssuePage, PendingSignUp, Subscriber

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Erased:
    subscriptions: int
    deliveries: int
    pending_sign_ups: int


def erase_address(site, email):
    """Delete every record of this address for the site's newsletter; returns what went.
    Other councils' lists are left alone: the resident asked this council."""
    site_issues = NewsletterIssuePage.objects.descendant_of(site.root_page).values("pk")
    with transaction.atomic():
        subscriptions, _ = Subscriber.objects.filter(site=site, email=email).delete()
        deliveries, _ = Delivery.objects.filter(issue__in=site_issues, email=email).delete()
        pending, _ = PendingSignUp.objects.filter(site=site, email=email).delete()
    erased = Erased(subscriptions, deliveries, pending)
    # Never the address itself: the log must not keep what was just erased.
    logger.info(
        "Erased an address from the %s newsletter: %s subscription(s), %s delivery record(s), "
        "%s waiting sign-up email(s)",
        site.site_name or site.hostname,
        erased.subscriptions,
        erased.deliveries,
        erased.pending_sign_ups,
    )
    return erased
