"""Each council's Site record: its public address, which every link and email is built from."""

import argparse
import re

from wagtail.models import Site

HTTPS_PORT = 443


def port_number(value):
    """An argparse type: a TCP port, with a plain message when it is not one."""
    try:
        port = int(value)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port: use a number from 1 to 65535")
    return port


def site_key(site):
    """The short name a seeded site is known by (westminster, rochford): its home page's slug."""
    return site.root_page.slug


def find_site(name):
    """A site by its key (westminster), its current host name, or its site name."""
    sites = Site.objects.select_related("root_page")
    by_name = name.strip().lower()
    for site in sites:
        if by_name in {site_key(site).lower(), site.hostname.lower(), site.site_name.lower()}:
            return site
    return None


def is_local_hostname(hostname):
    hostname = hostname.lower().rstrip(".")
    return hostname == "localhost" or hostname.endswith(".localhost")


_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$")


def clean_hostname(value):
    """A host name as a Site record holds it, or ValueError with a message that says what to fix."""
    hostname = value.strip().lower().rstrip(".")
    if "://" in hostname or "/" in hostname:
        raise ValueError(
            f"{value!r} is not a host name. Give the host name only, such as "
            "prevent.westminster.gov.uk, without https:// or a path."
        )
    if ":" in hostname:
        raise ValueError(
            f"{value!r} holds a port. Give the host name only, and the port with --port."
        )
    if not _HOSTNAME.match(hostname):
        raise ValueError(
            f"{value!r} is not a host name. Use letters, digits, hyphens and dots only, such as "
            "prevent.westminster.gov.uk."
        )
    return hostname
