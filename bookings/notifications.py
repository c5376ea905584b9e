"""The two emails each request sends: the details to the council's training team, and an
acknowledgement to the person who asked.

The request is saved before either is sent. If the mail server is down, what has not gone yet
is recorded and the scheduler (`send_booking_request_emails`) sends it once the server is back;
neither email is ever sent twice. The acknowledgement repeats nothing the person typed in free
text, so the form cannot be used to send someone else a message of a stranger's choosing.
"""

import datetime
import logging
import smtplib

from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bookings.models import BookingRequest, BookingRequestSettings
from pages.email_sender import council_for

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)

# A claim this old belongs to a worker that died mid-send: the emails may be sent again.
STALE_CLAIM = datetime.timedelta(minutes=15)


def admin_url(booking):
    return booking.site.root_url + reverse("booking_requests:inspect", args=[booking.pk])


def _claim(booking_id):
    """Only one worker sends a request's emails: the task and the scheduled retry may meet."""
    now = timezone.now()
    return bool(
        BookingRequest.objects.emails_waiting()
        .filter(pk=booking_id)
        .filter(Q(notify_claimed_at__isnull=True) | Q(notify_claimed_at__lt=now - STALE_CLAIM))
        .update(notify_claimed_at=now)
    )


def _team_email(booking, council, address):
    return EmailMessage(
        subject=f"Training request from {booking.organisation} ({council.name})",
        body=render_to_string(
            "bookings/email/team.txt",
            {"council": council, "booking": booking, "url": admin_url(booking)},
        ),
        from_email=council.from_email,
        to=[address],
        # The team can answer the person straight from their inbox.
        reply_to=[booking.email],
    )


def _acknowledgement(booking, council):
    retention = BookingRequestSettings.for_site(booking.site).retention_months
    return EmailMessage(
        subject=f"We have your training request ({council.name})",
        body=render_to_string(
            "bookings/email/acknowledgement.txt",
            {"council": council, "booking": booking, "retention": retention},
        ),
        from_email=council.from_email,
        to=[booking.email],
        reply_to=[council.reply_to] if council.reply_to else None,
    )


def _send(booking, message, sent_field):
    try:
        message.send()
    except MAIL_ERRORS as error:
        logger.warning("Email for booking request %s failed: %s", booking.pk, error)
        BookingRequest.objects.filter(pk=booking.pk).update(
            notify_claimed_at=None,
            notify_attempts=F("notify_attempts") + 1,
            notify_error=str(error)[:300],
        )
        raise
    BookingRequest.objects.filter(pk=booking.pk).update(**{sent_field: timezone.now()})


def send_emails(booking_id):
    """Send whichever of a request's two emails has not gone yet. Returns how many were sent;
    raises the mail error (after recording it) if the server fails."""
    if not _claim(booking_id):
        return 0
    booking = BookingRequest.objects.select_related("site").get(pk=booking_id)
    council = council_for(booking.site)
    sent, note = 0, ""
    if booking.team_notified_at is None:
        address = BookingRequestSettings.for_site(booking.site).notify_address
        if address:
            _send(booking, _team_email(booking, council, address), "team_notified_at")
            sent += 1
        else:
            logger.warning("Booking request %s: no team address for %s", booking.pk, booking.site)
            note = "No team email address: set one under Settings > Training requests."
    if booking.acknowledged_at is None:
        _send(booking, _acknowledgement(booking, council), "acknowledged_at")
        sent += 1
    BookingRequest.objects.filter(pk=booking.pk).update(notify_claimed_at=None, notify_error=note)
    return sent


def send_waiting_emails():
    """Retry every email not sent yet. Returns (sent, stopped_by_mail_error)."""
    sent = 0
    waiting = BookingRequest.objects.emails_waiting().order_by("pk")
    for booking_id in waiting.values_list("pk", flat=True):
        try:
            sent += send_emails(booking_id)
        except MAIL_ERRORS:
            return sent, True
    return sent, False
