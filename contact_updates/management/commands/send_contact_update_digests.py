from django.core.management.base import BaseCommand

from contact_updates.models import ContactUpdateDigest
from contact_updates.sending import queue_digests, send_pending
from contact_updates.tasks import send_contact_update_digest


class Command(BaseCommand):
    help = (
        "Email each subscriber the changes to their council's contacts since their last email, "
        "at most once a day (run daily from cron; running it again the same day sends nothing "
        "twice). Also retries sign-up emails held by a mail outage."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry",
            action="store_true",
            help="Only retry emails held by a mail outage; queue no new digests.",
        )

    def handle(self, *args, retry=False, **options):
        sent, stopped = send_pending()
        self.stdout.write(f"Sign-up emails sent: {sent}" + (" (mail error)" if stopped else ""))
        if retry:
            digest_ids = list(
                ContactUpdateDigest.objects.filter(
                    status=ContactUpdateDigest.Status.QUEUED
                ).values_list("pk", flat=True)
            )
        else:
            digest_ids = queue_digests()
        for digest_id in digest_ids:
            send_contact_update_digest.enqueue(digest_id)
        self.stdout.write(f"Contact change digests queued for sending: {len(digest_ids)}")
