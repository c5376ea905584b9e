from django.core.management.base import BaseCommand

from material_reports.notifications import send_waiting_alerts


class Command(BaseCommand):
    help = (
        "Send the Prevent team's alerts for leaflet and sticker reports not sent yet "
        "(run from cron, so alerts held by a mail outage go once the server is back)."
    )

    def handle(self, *args, **options):
        sent, stopped = send_waiting_alerts()
        note = " (stopped: the mail server failed; the rest wait for the next run)"
        if sent or stopped:
            self.stdout.write(f"Report alerts: sent {sent}{note if stopped else ''}")
