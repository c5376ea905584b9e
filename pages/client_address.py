"""The visitor's own network address, for sign-in throttling and rate limits.

Behind reverse proxies REMOTE_ADDR is the nearest proxy's address, shared by every visitor. Each
proxy appends the address it received the request from to X-Forwarded-For, so with
TRUSTED_PROXY_HOPS proxies in front the visitor's address is that many entries from the right.
Entries further left came from the visitor and may be forged, so they are never used. With no
proxies (the default) the header is ignored entirely: anyone can send it.
"""

import ipaddress

from django.conf import settings


def _address(value):
    """The address in a header entry or REMOTE_ADDR, or None if it is not one."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.partition(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request):
    """The address the request came from, as the outermost trusted proxy saw it."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= hops:
            visitor = _address(forwarded[-hops])
            if visitor:
                return visitor
    # No proxy in front, or the request did not come through all of them: the connection's own
    # address is the only one that cannot be forged. None when there is none (a Unix socket).
    return _address(remote_addr)
