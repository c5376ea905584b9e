from django.tasks import task

from bookings.notifications import MAIL_ERRORS, send_emails


@task
def send_booking_request_emails(booking_id):
    """Email the team the request and the person an acknowledgement. If the mail server fails,
    the request keeps its place for the scheduled retry (`send_booking_request_emails`)."""
    try:
        sent = send_emails(booking_id)
    except MAIL_ERRORS:
        return {"sent": 0, "stopped_by_mail_error": True}
    return {"sent": sent, "stopped_by_mail_error": False}
