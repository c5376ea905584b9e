"""The weekly email to each owner: what of theirs is overdue or due within 14 days.

The scheduler (`manage.py send_review_digests`, run by cron) records one ReviewDigest per
council, owner and week, and only a new row is queued for sending, so running it twice in a
week sends nothing twice. A digest the mail server refused stays queued and goes on the next run.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from reviews.models import ReviewDigest
from reviews.schedule import (
    DIGEST_WINDOW,
    councils_for_digest,
    items_for,
    owned_by,
    publishers_of,
    recipients_for,
    scope_key,
)

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


def week_starting(today):
    return today - datetime.timedelta(days=today.weekday())


def due_items(site, today):
    return [item for item in items_for(site) if item.is_due_within(DIGEST_WINDOW, today)]


def queue_digests(today=None):
    """Record this week's digests; returns the ids of those newly queued and of any still
    waiting after a mail failure."""
    today = today or timezone.localdate()
    monday = week_starting(today)
    for site in councils_for_digest():
        owners = {}
        publishers = list(publishers_of(site))
        for item in due_items(site, today):
            for user in recipients_for(item, site, publishers):
                if user.email:
                    owners[user.pk] = user
        for user in owners.values():
            ReviewDigest.objects.get_or_create(
                scope=scope_key(site),
                recipient=user,
                week_starting=monday,
                defaults={"site": site},
            )
    return list(
        ReviewDigest.objects.filter(
            week_starting=monday, status=ReviewDigest.Status.QUEUED
        ).values_list("pk", flat=True)
    )


def build_digest(digest, today=None):
    today = today or timezone.localdate()
    site = digest.site
    publishers = list(publishers_of(site))
    items = [
        item
        for item in due_items(site, today)
        if owned_by(item, digest.recipient, site, publishers)
    ]
    council = site.site_name if site else "National register"
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    context = {
        "council": council,
        "recipient": digest.recipient,
        "overdue": [item for item in items if item.is_overdue],
        "due_soon": [item for item in items if not item.is_overdue],
        "base_url": base_url,
        "today": today,
    }
    subject = f"{council}: content due for review"
    return subject, render_to_string("reviews/email/digest.txt", context), items


def send_digest(digest_id):
    """Send one digest, once: claimed with a conditional update so two workers never both send
    it. Returns True if it was sent."""
    claimed = ReviewDigest.objects.filter(pk=digest_id, status=ReviewDigest.Status.QUEUED).update(
        status=ReviewDigest.Status.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    digest = ReviewDigest.objects.select_related("site", "recipient").get(pk=digest_id)
    subject, body, items = build_digest(digest)
    if not items:
        # Everything was reviewed since the digest was queued: nothing to say this week.
        ReviewDigest.objects.filter(pk=digest_id).update(
            status=ReviewDigest.Status.SENT, sent_at=timezone.now()
        )
        return False
    try:
        EmailMessage(subject, body, to=[digest.recipient.email]).send()
    except MAIL_ERRORS as error:
        logger.warning("Review digest %s could not be sent: %s", digest_id, error)
        ReviewDigest.objects.filter(pk=digest_id).update(
            status=ReviewDigest.Status.QUEUED, last_error=str(error)[:300]
        )
        raise
    ReviewDigest.objects.filter(pk=digest_id).update(
        status=ReviewDigest.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True
