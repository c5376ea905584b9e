from django.core.management.base import BaseCommand

from newsletters.models import Delivery, NewsletterIssuePage
from newsletters.sending import deliver_queued, send_pending_sign_ups


class Command(BaseCommand):
    help = (
        "Retry every newsletter delivery and sign-up email still queued "
        "(run from cron after a mail outage)."
    )

    def handle(self, *args, **options):
        stopped_note = " (stopped: the mail server failed; still queued)"
        # Sign-ups first: they are few, and someone may be waiting for theirs.
        sent, stopped = send_pending_sign_ups()
        if sent or stopped:
            self.stdout.write(f"Sign-up emails: sent {sent}{stopped_note if stopped else ''}")
        issue_ids = (
            Delivery.objects.filter(status=Delivery.Status.QUEUED)
            .values_list("issue_id", flat=True)
            .distinct()
        )
        for issue in NewsletterIssuePage.objects.filter(pk__in=list(issue_ids)):
            sent, stopped = deliver_queued(issue)
            self.stdout.write(f"{issue.title}: sent {sent}{stopped_note if stopped else ''}")
