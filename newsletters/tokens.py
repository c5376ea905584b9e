"""Signed links for confirming and cancelling a subscription. The confirmation link itself
carries the address, signed and time-limited; a sign-up is stored only until its email has
gone (see PendingSignUp).

Other email lists (contact_updates/) use the same links under their own salts, so a link for
one list never confirms or cancels another."""

from django.core import signing

CONFIRM_SALT = "newsletters.confirm"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"
CONFIRM_MAX_AGE = 60 * 60 * 48  # a confirmation link works for two days


def make_confirm_token(site_id, email, salt=CONFIRM_SALT):
    return signing.dumps({"s": site_id, "e": email}, salt=salt, compress=True)


def read_confirm_token(token, site_id, salt=CONFIRM_SALT):
    """The email address, or None for a link that is tampered with, expired or for another site."""
    try:
        data = signing.loads(token, salt=salt, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return data.get("e") if data.get("s") == site_id else None


def make_unsubscribe_token(site_id, email, salt=UNSUBSCRIBE_SALT):
    return signing.dumps({"s": site_id, "e": email}, salt=salt, compress=True)


def read_unsubscribe_token(token, site_id, salt=UNSUBSCRIBE_SALT):
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return data.get("e") if data.get("s") == site_id else None
