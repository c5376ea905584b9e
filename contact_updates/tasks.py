from django.tasks import task

from contact_updates.sending import MAIL_ERRORS, send_digest, send_sign_up


@task
def send_sign_up_email(pending_id):
    """Send one sign-up's email. If the mail server fails it stays queued for the scheduled
    retry (`send_contact_update_digests --retry`)."""
    try:
        sent = send_sign_up(pending_id)
    except MAIL_ERRORS:
        return {"sent": False, "stopped_by_mail_error": True}
    return {"sent": sent, "stopped_by_mail_error": False}


@task
def send_contact_update_digest(digest_id):
    """Send one subscriber's digest. If the mail server fails it stays queued for the next
    scheduled run."""
    try:
        sent = send_digest(digest_id)
    except MAIL_ERRORS:
        return {"sent": False, "stopped_by_mail_error": True}
    return {"sent": sent, "stopped_by_mail_error": False}
