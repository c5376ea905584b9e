"""Keeping robots out of the public forms (feedback, training requests, leaflet reports)
without third-party scripts or cookies.

- A honeypot: a field people never see or reach (hidden, skipped by screen readers, out of
  the tab order, never autofilled). Robots that fill in every field fill it in.
- A time check: each form carries the time the page was rendered, signed so it cannot be
  forged. A person reads the page before answering; an answer within MIN_SECONDS of the render
  is a robot's. Cached pages carry an older time, which only makes the check easier to pass.
- An answer token: an answer of "No" gives back a signed token naming that answer, which is
  what lets a comment be added to it later (once), without a session or cookie.
"""

import time

from django.core import signing

MIN_SECONDS = 2
HONEYPOT_FIELD = "website"
ANSWER_TOKEN_MAX_AGE = 24 * 60 * 60

# Kept from when only the feedback form used it, so stamps in pages already cached stay valid.
_RENDER_SALT = "feedback.rendered"
_ANSWER_SALT = "feedback.answer"


def render_stamp(at=None):
    """The signed render time to put in a form; `at` is a Unix time (now by default)."""
    return signing.dumps(int(at if at is not None else time.time()), salt=_RENDER_SALT)


def seconds_since_render(stamp):
    """How long ago the form was rendered, or None if the stamp is missing or forged."""
    try:
        rendered = signing.loads(stamp or "", salt=_RENDER_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(rendered, int):
        return None
    return time.time() - rendered


def send_timing(stamp, min_seconds, max_age_seconds):
    """(too fast, expired) for a form sent back with this stamp. A missing or forged stamp is
    too fast: the form did not come from our page."""
    elapsed = seconds_since_render(stamp)
    return (
        elapsed is None or elapsed < min_seconds,
        elapsed is not None and elapsed > max_age_seconds,
    )


def caught_by_honeypot(data):
    return bool(data.get(HONEYPOT_FIELD, ""))


def answer_token(answer):
    return signing.dumps(answer.pk, salt=_ANSWER_SALT)


def answer_id_from(token):
    """The answer a token names, or None when it is forged or older than a day."""
    try:
        answer_id = signing.loads(token or "", salt=_ANSWER_SALT, max_age=ANSWER_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    return answer_id if isinstance(answer_id, int) else None
