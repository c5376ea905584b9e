"""Counting attempts per visitor without keeping their address.

The cache key is a keyed hash (HMAC with SECRET_KEY) of the visitor's address and the day:
nobody who reads the cache can tell whose address it was, or link one day's counts to the
next. The count lives in the shared cache for the window only, and the address is stored
nowhere.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from pages.client_address import client_address


def visitor_key(request, scope):
    """A cache key for this visitor under `scope` (such as "feedback:3"), valid for the day."""
    day = timezone.now().date().isoformat()
    address = client_address(request) or "no-address"
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{day}|{address}".encode(), hashlib.sha256
    ).hexdigest()
    return f"rate-limit:{scope}:{digest}"


def over_limit(request, scope, limit, window_seconds):
    """Count one attempt by this visitor under `scope`; True once there have been more than
    `limit` in `window_seconds` (the count starts again at the start of each day too)."""
    key = visitor_key(request, scope)
    cache.add(key, 0, window_seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window_seconds)
        attempts = 1
    return attempts > limit
