"""An email backend that sends through GOV.UK Notify, as many councils do, instead of SMTP.

Chosen by setting GOVUK_NOTIFY_API_KEY and GOVUK_NOTIFY_TEMPLATE_ID (README, "Email through
GOV.UK Notify"). Every email the site sends goes through one Notify email template whose
subject is ((subject)) and whose body is ((body)): the plain-text part of our email, which is
headed by the council's name. ((council)) carries the sender's name, such as "Westminster City
Council Prevent", for templates that show it.

What Notify decides rather than the email: the sender's name is the Notify service's, and a
reply-to address must be one set up in the service, named by its id. GOVUK_NOTIFY_REPLY_TO_IDS
maps each council's reply-to address (Settings > Branding) to that id; a council not listed
gets the service's default reply-to address. A List-Unsubscribe header becomes Notify's
one-click unsubscribe link. Attachments and HTML parts are not sent.

When Notify refuses an email or cannot be reached, the backend logs why and raises
NotifyError, an OSError like the mail server's own failures, so the email stays queued for the
retry exactly as when the SMTP server is down (newsletters/sending.py).
"""

import logging
import re
from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

logger = logging.getLogger(__name__)

NOTIFY_API_URL = "https://api.notifications.service.gov.uk"


class NotifyError(OSError):
    """GOV.UK Notify refused an email, or could not be reached."""

    def __init__(self, status_code, message):
        super().__init__(f"GOV.UK Notify answered {status_code}: {message}")
        self.status_code = status_code


def parse_reply_to_ids(text):
    """'a@council.gov.uk=<id>, b@council.gov.uk=<id>' as {address: id}."""
    ids = {}
    for item in text.split(","):
        address, _, reply_to_id = item.partition("=")
        if address.strip() and reply_to_id.strip():
            ids[address.strip().lower()] = reply_to_id.strip()
    return ids


def _unsubscribe_url(message):
    found = re.search(r"<(https?://[^>]+)>", message.extra_headers.get("List-Unsubscribe", ""))
    return found.group(1) if found else None


def _reason(error):
    """Notify's own words: its errors come as [{"error": ..., "message": ...}, ...]."""
    message = error.message
    if isinstance(message, list):
        return "; ".join(str(item.get("message", item)) for item in message)
    return str(message)


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(
        self,
        *,
        api_key,
        template_id,
        base_url="",
        reply_to_ids="",
        timeout=10,
        **kwargs,
    ):
        super().__init__(**kwargs)
        api_key = api_key.strip()
        # A key is "<name>-<service id>-<secret>", the two last being 36-character UUIDs.
        if not re.search(r"-[0-9a-f-]{36}-[0-9a-f-]{36}$", api_key):
            raise ImproperlyConfigured(
                "GOVUK_NOTIFY_API_KEY is not a GOV.UK Notify API key: copy the whole key, "
                "name included, from the service's API integration page."
            )
        self.template_id = template_id
        # As GOVUK_NOTIFY_REPLY_TO_IDS gives them: "address=id, address=id".
        self.reply_to_ids = parse_reply_to_ids(reply_to_ids)
        self.client = NotificationsAPIClient(
            api_key, base_url=base_url.strip() or NOTIFY_API_URL, timeout=timeout
        )

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            # Notify takes one address per request. The site's emails each have one.
            for address in message.recipients():
                self._send(message, address)
            sent += 1
        return sent

    def _send(self, message, address):
        reply_to = message.reply_to[0].lower() if message.reply_to else ""
        try:
            self.client.send_email_notification(
                email_address=address,
                template_id=self.template_id,
                personalisation={
                    "subject": message.subject,
                    "body": message.body,
                    "council": parseaddr(message.from_email or "")[0],
                },
                email_reply_to_id=self.reply_to_ids.get(reply_to),
                one_click_unsubscribe_url=_unsubscribe_url(message),
            )
        except APIError as error:
            reason = _reason(error)
            # The address is left out of the log: it is a resident's.
            logger.error(
                "GOV.UK Notify did not take the email %r: %s %s",
                message.subject,
                error.status_code,
                reason,
            )
            raise NotifyError(error.status_code, reason) from error
