from django.core.management.base import BaseCommand

from feedback.models import PageFeedback


class Command(BaseCommand):
    help = (
        "Delete 'Is this page useful?' answers, with their comments, older than 12 months "
        "(run from cron, daily)."
    )

    def handle(self, *args, **options):
        deleted, _ = PageFeedback.objects.older_than_retention().delete()
        self.stdout.write(f"Page feedback answers deleted: {deleted}")
