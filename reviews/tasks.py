from django.tasks import task

from reviews.digest import MAIL_ERRORS, send_digest


@task
def send_review_digest(digest_id):
    """Send one owner's weekly digest. If the mail server fails, it stays queued for the next
    scheduled run, so the task itself does not retry."""
    try:
        sent = send_digest(digest_id)
    except MAIL_ERRORS:
        return {"sent": False, "stopped_by_mail_error": True}
    return {"sent": sent, "stopped_by_mail_error": False}
