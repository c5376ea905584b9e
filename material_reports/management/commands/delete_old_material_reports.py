from django.core.management.base import BaseCommand

from material_reports.retention import delete_old_reports


class Command(BaseCommand):
    help = (
        "Delete leaflet and sticker reports, with their photos, older than each council's "
        "retention period (Settings > Leaflet and sticker reports; 12 months unless set). "
        "Run daily from cron."
    )

    def handle(self, *args, **options):
        deleted = delete_old_reports()
        self.stdout.write(f"Deleted {deleted} leaflet and sticker report(s) past retention.")
