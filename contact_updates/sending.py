"""Sending sign-up emails and the daily digests, each at most once, with nothing lost when the
mail server is down: the same claim-then-send pattern as the newsletter's (newsletters/sending.py).

`queue_digests` records one digest per subscriber and day for the changes since their last
digest; a subscriber whose digest is still waiting after a mail failure gets no new one until
it has gone, so nothing is sent twice and nothing is skipped.
"""

import datetime
import logging
import smtplib

from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from contact_updates.changes import net_changes
from contact_updates.emails import send_already_subscribed, send_confirmation, send_digest_email
from contact_updates.models import (
    ContactChange,
    ContactUpdateDigest,
    ContactUpdateSubscriber,
    PendingConfirmation,
)
from newsletters.sending import MAIL_ERRORS, SIGN_UP_GIVE_UP, STALE_CLAIM, _permanently_refused

logger = logging.getLogger(__name__)

__all__ = ["MAIL_ERRORS", "queue_digests", "send_digest", "send_pending", "send_sign_up"]

Digest = ContactUpdateDigest


# --- sign-up emails ----------------------------------------------------------------------------


def queue_sign_up(site, email):
    return PendingConfirmation.objects.get_or_create(site=site, email=email)[0]


def send_sign_up(pending_id):
    """Send one sign-up's email and delete the row. On a mail error the row goes back to the
    queue (unless the server refused the address for good) and the error is raised."""
    claimed = PendingConfirmation.objects.filter(pk=pending_id, claimed_at__isnull=True).update(
        claimed_at=timezone.now()
    )
    if not claimed:
        return False
    pending = PendingConfirmation.objects.select_related("site").get(pk=pending_id)
    try:
        if ContactUpdateSubscriber.objects.filter(site=pending.site, email=pending.email).exists():
            send_already_subscribed(pending.site, pending.email)
        else:
            send_confirmation(pending.site, pending.email)
    except MAIL_ERRORS as error:
        logger.warning("Contact change sign-up email %s failed: %s", pending_id, error)
        if isinstance(error, smtplib.SMTPRecipientsRefused) and _permanently_refused(error):
            pending.delete()
        else:
            PendingConfirmation.objects.filter(pk=pending_id).update(
                claimed_at=None,
                attempts=F("attempts") + 1,
                last_attempt_at=timezone.now(),
                last_error=str(error)[:300],
            )
        raise
    pending.delete()
    return True


def send_pending():
    """Retry the sign-up emails still waiting. Returns (sent, stopped_by_error)."""
    now = timezone.now()
    PendingConfirmation.objects.filter(claimed_at__lt=now - STALE_CLAIM).update(claimed_at=None)
    PendingConfirmation.objects.filter(
        requested_at__lt=now - SIGN_UP_GIVE_UP, claimed_at__isnull=True
    ).delete()
    sent = 0
    waiting = PendingConfirmation.objects.filter(claimed_at__isnull=True).order_by("pk")
    for pending_id in waiting.values_list("pk", flat=True):
        try:
            sent += send_sign_up(pending_id)
        except smtplib.SMTPRecipientsRefused:
            continue
        except MAIL_ERRORS:
            return sent, True
    return sent, False


# --- digests -----------------------------------------------------------------------------------


def changes_between(subscriber, after_change, up_to_change):
    """The changes a subscriber hears about: their council's and the national register's,
    recorded after they confirmed."""
    return list(
        ContactChange.objects.filter(
            Q(site_pk=subscriber.site_id) | Q(site_pk__isnull=True),
            pk__gt=after_change,
            pk__lte=up_to_change,
            changed_at__gte=subscriber.confirmed_at,
        )
    )


# Changes are kept this long, then deleted: long enough for any digest held by a mail outage.
KEEP_CHANGES = datetime.timedelta(days=90)


def queue_digests(now=None):
    """Record today's digests for subscribers with changes that still stand; returns the ids
    of every digest waiting to be sent (new ones and those held by a mail failure)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    # A worker that stopped mid-send may or may not have sent it: never sent twice.
    Digest.objects.filter(status=Digest.Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=Digest.Status.FAILED, last_error="The worker stopped while sending this one."
    )
    ContactChange.objects.filter(changed_at__lt=now - KEEP_CHANGES).delete()
    up_to = ContactChange.objects.aggregate(last=Max("pk"))["last"] or 0
    waiting = set(
        Digest.objects.filter(status__in=[Digest.Status.QUEUED, Digest.Status.SENDING]).values_list(
            "subscriber", flat=True
        )
    )
    done_today = set(Digest.objects.filter(day=today).values_list("subscriber", flat=True))
    covered = dict(
        Digest.objects.values("subscriber")
        .annotate(last=Max("up_to_change"))
        .values_list("subscriber", "last")
    )
    for subscriber in ContactUpdateSubscriber.objects.order_by("pk"):
        if subscriber.pk in waiting or subscriber.pk in done_today:
            continue
        after = covered.get(subscriber.pk, 0)
        if after >= up_to or not net_changes(changes_between(subscriber, after, up_to)):
            continue
        with transaction.atomic():
            Digest.objects.get_or_create(
                subscriber=subscriber,
                day=today,
                defaults={"after_change": after, "up_to_change": up_to},
            )
    return list(
        Digest.objects.filter(status=Digest.Status.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_digest(digest_id):
    """Send one digest, once: claimed with a conditional update so two workers never both send
    it. Returns True if it was sent; raises the mail error, with the digest queued again."""
    claimed = Digest.objects.filter(pk=digest_id, status=Digest.Status.QUEUED).update(
        status=Digest.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    digest = Digest.objects.select_related("subscriber__site").get(pk=digest_id)
    subscriber = digest.subscriber
    contacts = net_changes(changes_between(subscriber, digest.after_change, digest.up_to_change))
    if contacts:
        try:
            send_digest_email(subscriber.site, subscriber.email, contacts)
        except MAIL_ERRORS as error:
            logger.warning("Contact change digest %s could not be sent: %s", digest_id, error)
            Digest.objects.filter(pk=digest_id).update(
                status=Digest.Status.QUEUED, claimed_at=None, last_error=str(error)[:300]
            )
            raise
    Digest.objects.filter(pk=digest_id).update(
        status=Digest.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return bool(contacts)
