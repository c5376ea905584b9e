from django.tasks import task

from newsletters.models import NewsletterIssuePage
from newsletters.sending import MAIL_ERRORS, deliver_queued, send_sign_up


@task
def send_issue(issue_id):
    """Send an issue's queued deliveries. Safe to run twice or after a crash: see sending.py."""
    issue = NewsletterIssuePage.objects.get(pk=issue_id)
    sent, stopped = deliver_queued(issue)
    return {"sent": sent, "stopped_by_mail_error": stopped}


@task
def send_sign_up_email(pending_id):
    """Send one sign-up's email. If the mail server fails, it stays queued for the scheduled
    retry (`send_queued_newsletters`), so the task itself does not need to retry."""
    try:
        sent = send_sign_up(pending_id)
    except MAIL_ERRORS:
        return {"sent": False, "stopped_by_mail_error": True}
    return {"sent": sent, "stopped_by_mail_error": False}
