from django.core.management.base import BaseCommand

from reviews.digest import queue_digests
from reviews.tasks import send_review_digest


class Command(BaseCommand):
    help = (
        "Email each council's owners what is overdue or due for review within 14 days, once "
        "a week (run from cron; running it again the same week sends nothing twice)."
    )

    def handle(self, *args, **options):
        digest_ids = queue_digests()
        for digest_id in digest_ids:
            send_review_digest.enqueue(digest_id)
        self.stdout.write(f"Review digests queued for sending: {len(digest_ids)}")
