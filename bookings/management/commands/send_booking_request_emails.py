from django.core.management.base import BaseCommand

from bookings.notifications import send_waiting_emails


class Command(BaseCommand):
    help = (
        "Send training request emails (to the council's team and the acknowledgement) not "
        "sent yet. Run from cron, so emails held by a mail outage go once the server is back."
    )

    def handle(self, *args, **options):
        sent, stopped = send_waiting_emails()
        note = " (stopped: the mail server failed; the rest wait for the next run)"
        if sent or stopped:
            self.stdout.write(f"Training request emails: sent {sent}{note if stopped else ''}")
