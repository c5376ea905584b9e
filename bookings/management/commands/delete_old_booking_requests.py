from django.core.management.base import BaseCommand

from bookings.retention import delete_old_requests


class Command(BaseCommand):
    help = (
        "Delete training and booking requests older than each council's retention period "
        "(Settings > Training requests; 12 months unless set). Run daily from cron."
    )

    def handle(self, *args, **options):
        deleted = delete_old_requests()
        self.stdout.write(f"Deleted {deleted} training request(s) past retention.")
