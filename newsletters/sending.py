"""Sending an issue to its subscribers, at most once per address; and sending sign-up emails.

Queuing creates one Delivery row per subscriber; the unique (issue, email) constraint means
queuing twice adds nothing. The worker claims each queued row with a conditional update before
sending it, so two workers never send the same row, and a row that was sent is never queued
again. If the mail server fails, the row goes back to the queue and the run stops, to be
resumed later with nothing lost.

A sign-up's email waits the same way, in a PendingSignUp row, until it has been sent.
"""

import datetime
import logging
import smtplib

from django.core.mail import mailers
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from newsletters.emails import send_already_subscribed, send_confirmation, send_issue_email
from newsletters.models import Delivery, NewsletterIndexPage, PendingSignUp, Subscriber

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


# A sign-up email still unsent after this long is given up on: by then the person has most
# likely stopped waiting, and their address should not be kept for ever.
SIGN_UP_GIVE_UP = datetime.timedelta(days=7)
# While a sign-up email has failed this recently, the sign-up page warns of a delay.
SIGN_UP_FAILING_WINDOW = datetime.timedelta(minutes=30)


def queue_sign_up(site, email):
    """The pending sign-up for this address, added unless one is already waiting. The unique
    constraint settles two sign-ups at the same moment: get_or_create then finds the other."""
    return PendingSignUp.objects.get_or_create(site=site, email=email)[0]


def sign_up_emails_failing():
    """True while sign-up emails are failing: one is waiting after a recent failed try."""
    return PendingSignUp.objects.filter(
        attempts__gt=0, last_attempt_at__gte=timezone.now() - SIGN_UP_FAILING_WINDOW
    ).exists()


def _permanently_refused(error):
    """A 5xx reply for every recipient: the mail server will never take this address."""
    codes = [code for code, _ in getattr(error, "recipients", {}).values()]
    return bool(codes) and all(code >= 500 for code in codes)


def send_sign_up(pending_id):
    """Send one pending sign-up's email and delete the row. Returns False if another worker has
    it or it has already gone. On a mail error the row goes back to the queue and the error is
    raised, so the caller can tell an outage from one bad address."""
    claimed = PendingSignUp.objects.filter(pk=pending_id, claimed_at__isnull=True).update(
        claimed_at=timezone.now()
    )
    if not claimed:
        return False
    pending = PendingSignUp.objects.select_related("site").get(pk=pending_id)
    index = NewsletterIndexPage.for_site(pending.site)
    if index is None:
        logger.warning("Dropped pending sign-up %s: the site has no newsletter now", pending_id)
        pending.delete()
        return False
    try:
        # Decided now, not at sign-up, so a late email is right about whether they are on
        # the list. The sign-up page said the same either way.
        if Subscriber.objects.filter(site=pending.site, email=pending.email).exists():
            send_already_subscribed(index, pending.email)
        else:
            send_confirmation(index, pending.email)
    except MAIL_ERRORS as error:
        logger.warning("Sign-up email %s failed: %s", pending_id, error)
        if isinstance(error, smtplib.SMTPRecipientsRefused) and _permanently_refused(error):
            pending.delete()
        else:
            PendingSignUp.objects.filter(pk=pending_id).update(
                claimed_at=None,
                attempts=F("attempts") + 1,
                last_attempt_at=timezone.now(),
                last_error=str(error)[:300],
            )
        raise
    pending.delete()
    return True


def send_pending_sign_ups(limit=None):
    """Retry the sign-up emails still waiting. Returns (sent, stopped_by_error)."""
    now = timezone.now()
    # A confirmation sent twice does no harm, unlike an issue, so an email whose worker died
    # mid-send goes back in the queue rather than being given up on.
    PendingSignUp.objects.filter(claimed_at__lt=now - STALE_CLAIM).update(claimed_at=None)
    expired, _ = PendingSignUp.objects.filter(
        requested_at__lt=now - SIGN_UP_GIVE_UP, claimed_at__isnull=True
    ).delete()
    if expired:
        logger.warning("Gave up on %s sign-up emails not sent within a week", expired)
    sent = 0
    waiting = PendingSignUp.objects.filter(claimed_at__isnull=True).order_by("pk")
    for pending_id in waiting.values_list("pk", flat=True)[:limit]:
        try:
            sent += send_sign_up(pending_id)
        except smtplib.SMTPRecipientsRefused:
            continue  # a problem with this address only: the others may still go
        except MAIL_ERRORS:
            return sent, True
    return sent, False
