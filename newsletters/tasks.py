from django.tasks import task

from newsletters.models import NewsletterIssuePage
from newsletters.sending import deliver_queued


@task
def send_issue(issue_id):
    """Send an issue's queued deliveries. Safe to run twice or after a crash: see sending.py."""
    issue = NewsletterIssuePage.objects.get(pk=issue_id)
    sent, stopped = deliver_queued(issue)
    return {"sent": sent, "stopped_by_mail_error": stopped}
