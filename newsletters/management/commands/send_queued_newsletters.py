from django.core.management.base import BaseCommand

from newsletters.models import Delivery, NewsletterIssuePage
from newsletters.sending import deliver_queued


class Command(BaseCommand):
    help = "Retry every newsletter delivery still queued (run from cron after a mail outage)."

    def handle(self, *args, **options):
        issue_ids = (
            Delivery.objects.filter(status=Delivery.Status.QUEUED)
            .values_list("issue_id", flat=True)
            .distinct()
        )
        for issue in NewsletterIssuePage.objects.filter(pk__in=list(issue_ids)):
            sent, stopped = deliver_queued(issue)
            note = " (stopped: the mail server failed; still queued)" if stopped else ""
            self.stdout.write(f"{issue.title}: sent {sent}{note}")
