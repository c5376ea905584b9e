"""The alert a council's Prevent team gets for each new report.

The alert holds a link to the report in the admin and nothing of what the report says: an
inbox may be shared or forwarded, and the admin checks who is reading. If the mail server is
down the report is already saved; the alert is retried by the scheduler until it goes.
"""

import datetime
import logging
import smtplib

from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from material_reports.models import MaterialReport, MaterialReportSettings
from pages.email_sender import council_for

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)


def admin_url(report):
    return report.site.root_url + reverse("material_reports:inspect", args=[report.pk])


# A claim this old belongs to a worker that died mid-send: the alert may be sent again.
STALE_CLAIM = datetime.timedelta(minutes=15)


def _claim(report_id):
    """Only one worker sends a report's alert: the task and the scheduled retry may meet."""
    now = timezone.now()
    return bool(
        MaterialReport.objects.filter(pk=report_id, notified_at__isnull=True)
        .filter(Q(notify_claimed_at__isnull=True) | Q(notify_claimed_at__lt=now - STALE_CLAIM))
        .update(notify_claimed_at=now)
    )


def notify_team(report_id):
    """Send the alert for one report. Returns False if it has gone already, another worker has
    it, or there is no address to send it to; raises the mail error (after recording it) if
    the server fails."""
    if not _claim(report_id):
        return False
    report = MaterialReport.objects.select_related("site").get(pk=report_id)
    address = MaterialReportSettings.for_site(report.site).notify_address
    if not address:
        logger.warning("Report %s: no team email address set for site %s", report.pk, report.site)
        MaterialReport.objects.filter(pk=report.pk).update(
            notify_claimed_at=None, notify_error="No team email address: set one under Settings."
        )
        return False
    council = council_for(report.site)
    message = EmailMessage(
        subject=f"New report of leaflets or stickers ({council.name})",
        body=render_to_string(
            "material_reports/email/new_report.txt",
            {"council": council, "url": admin_url(report), "report": report},
        ),
        from_email=council.from_email,
        to=[address],
    )
    try:
        message.send()
    except MAIL_ERRORS as error:
        logger.warning("Alert for report %s failed: %s", report.pk, error)
        MaterialReport.objects.filter(pk=report.pk).update(
            notify_claimed_at=None,
            notify_attempts=F("notify_attempts") + 1,
            notify_error=str(error)[:300],
        )
        raise
    MaterialReport.objects.filter(pk=report.pk).update(notified_at=timezone.now(), notify_error="")
    return True


def send_waiting_alerts():
    """Retry every alert not sent yet. Returns (sent, stopped_by_mail_error)."""
    sent = 0
    waiting = MaterialReport.objects.filter(notified_at__isnull=True).order_by("pk")
    for report_id in waiting.values_list("pk", flat=True):
        try:
            sent += notify_team(report_id)
        except MAIL_ERRORS:
            return sent, True
    return sent, False
