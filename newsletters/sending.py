"""Sending an issue to its subscribers, at most once per address.

Queuing creates one Delivery row per subscriber; the unique (issue, email) constraint means
queuing twice adds nothing. The worker claims each queued row with a conditional update before
sending it, so two workers never send the same row, and a row that was sent is never queued
again. If the mail server fails, the row goes back to the queue and the run stops, to be
resumed later with nothing lost.
"""

import datetime
import logging
import smtplib

from django.core.mail import mailers
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from newsletters.emails import send_issue_email
from newsletters.models import Delivery, Subscriber

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


def queue_issue(issue, user=None):
    """Queue the issue for every current subscriber of its site; returns how many were added."""
    emails = Subscriber.objects.filter(site=issue.get_site()).values_list("email", flat=True)
    before = Delivery.objects.filter(issue=issue).count()
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [Delivery(issue=issue, email=email, queued_by=user) for email in emails],
            ignore_conflicts=True,
        )
    return Delivery.objects.filter(issue=issue).count() - before


# A delivery claimed this long ago and never finished belongs to a worker that died mid-send.
STALE_CLAIM = datetime.timedelta(minutes=15)


def _claim(delivery_id):
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.SENDING, claimed_at=timezone.now()
    )
    return claimed == 1


def _give_up_on_stale_claims(issue):
    """The mail server may or may not have taken these before the worker died. Sending again
    could send a second copy, so they are marked failed for an officer to see, never resent."""
    Delivery.objects.filter(
        issue=issue,
        status=Delivery.Status.SENDING,
        claimed_at__lt=timezone.now() - STALE_CLAIM,
    ).update(
        status=Delivery.Status.FAILED,
        last_error="The sending worker stopped while sending this one; it may not have arrived.",
    )


def deliver_queued(issue, limit=None):
    """Send the issue's queued deliveries. Returns (sent, stopped_by_error)."""
    _give_up_on_stale_claims(issue)
    sent = 0
    connection = mailers.default
    queued = Delivery.objects.filter(issue=issue, status=Delivery.Status.QUEUED).order_by("pk")
    for delivery_id, email in queued.values_list("pk", "email")[:limit]:
        if not _claim(delivery_id):
            continue  # another worker has it
        try:
            send_issue_email(issue, email, connection=connection)
        except MAIL_ERRORS as error:
            logger.warning("Newsletter delivery %s failed: %s", delivery_id, error)
            Delivery.objects.filter(pk=delivery_id).update(
                status=Delivery.Status.QUEUED,
                attempts=F("attempts") + 1,
                last_error=str(error)[:300],
            )
            return sent, True
        Delivery.objects.filter(pk=delivery_id).update(
            status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
        )
        sent += 1
    return sent, False


def progress(issue):
    counts = dict(
        Delivery.objects.filter(issue=issue)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    last_error = (
        Delivery.objects.filter(issue=issue, status=Delivery.Status.QUEUED)
        .exclude(last_error="")
        .values_list("last_error", flat=True)
        .first()
    )
    return {
        "sent": counts.get(Delivery.Status.SENT, 0),
        "failed": counts.get(Delivery.Status.FAILED, 0),
        "sending": counts.get(Delivery.Status.SENDING, 0),
        "remaining": counts.get(Delivery.Status.QUEUED, 0),
        "total": sum(counts.values()),
        "last_error": last_error or "",
    }
