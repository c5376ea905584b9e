"""Counting a visitor's attempts at a public form, without keeping their address.

The count lives in the cache for the length of the window, under a keyed hash of the address
(pages/client_address.py), so the cache never holds the address itself.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from pages.client_address import client_address


def over_limit(request, scope, limit, window_seconds):
    """Count this attempt; True once the visitor has made more than `limit` in the window.
    `scope` names what is counted, such as "newsletters:subscribe:<site id>"."""
    address = str(client_address(request))
    visitor = salted_hmac("pages.rate_limit", address, algorithm="sha256").hexdigest()[:32]
    key = f"rate-limit:{scope}:{visitor}"
    cache.add(key, 0, window_seconds)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window_seconds)
        attempts = 1
    return attempts > limit
