"""The emails of contact change alerts, built and sent as the newsletter's are (HTML with a
plain-text part from the same HTML, from the council's name, links on the council's own address),
with their own signed links, so a newsletter link never confirms or cancels these."""

from urllib.parse import urlencode

from django.urls import reverse

from newsletters.emails import _render, _send
from newsletters.tokens import make_confirm_token, make_unsubscribe_token

CONFIRM_SALT = "contact_updates.confirm"
UNSUBSCRIBE_SALT = "contact_updates.unsubscribe"


def unsubscribe_url(site, email):
    token = make_unsubscribe_token(site.pk, email, salt=UNSUBSCRIBE_SALT)
    return site.root_url + reverse("contact_updates:unsubscribe", args=[token])


def send_confirmation(site, email):
    # Made at sending time, so a link sent late after a mail outage still works for 48 hours.
    token = make_confirm_token(site.pk, email, salt=CONFIRM_SALT)
    confirm_url = (
        site.root_url + reverse("contact_updates:confirm") + "?" + urlencode({"token": token})
    )
    council, html = _render(
        "contact_updates/email/confirm.html", site, {"confirm_url": confirm_url}
    )
    _send(council, f"Confirm: emails when {council.name}'s Prevent contacts change", html, email)


def send_already_subscribed(site, email):
    council, html = _render(
        "contact_updates/email/already_subscribed.html",
        site,
        {"unsubscribe_url": unsubscribe_url(site, email)},
    )
    _send(council, f"You already get emails about {council.name}'s contacts", html, email)


def send_digest_email(site, email, contacts, connection=None):
    """One subscriber's list of changed contacts, with one-click unsubscribe (RFC 8058)."""
    leave_url = unsubscribe_url(site, email)
    council, html = _render(
        "contact_updates/email/digest.html",
        site,
        {"contacts": contacts, "unsubscribe_url": leave_url},
    )
    headers = {
        "List-Unsubscribe": f"<{leave_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    subject = f"{council.name}: Prevent and safeguarding contacts have changed"
    return _send(council, subject, html, email, headers, connection)
