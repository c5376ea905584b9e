"""A CDN in front of the site: which pages it may keep, and purging them when anything changes.

Purging uses Wagtail's frontend-cache backends (an HTTP PURGE to Varnish or a similar proxy,
or Cloudflare, CloudFront, Azure), configured by WAGTAILFRONTENDCACHE. It runs on the same
signals as the page cache (see delivery/page_cache.py). A change that belongs to one council (its
contact, its page, its settings) purges every page of that council's site; a national contact,
an image or a site's address purges every site. A contact or the 999 notice appears on many
pages, so a whole site goes, not only the page that changed. Varnish with the project's VCL
(VarnishBackend, deploy/varnish/default.vcl) drops a whole site with one BAN by host name;
other backends get a PURGE for each of the site's addresses. The purge waits until the change is
committed, so the CDN cannot fetch the old page again in between, and runs as a task, so a slow
CDN never holds up an officer's save.

Only addresses without a query string are offered to the CDN: those are the ones a purge can
name. Finder answers, search results and filtered lists stay in the site's own page cache.
"""

import logging
import types
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

# Addresses that are not pages but show what pages show.
SITE_PATHS = ("/sitemap.xml",)


def cdn_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def cdn_seconds():
    return getattr(settings, "CDN_CACHE_SECONDS", 0)


def mark_shareable(request, response, seconds=None):
    """Let a CDN keep a cacheable anonymous page for CDN_CACHE_SECONDS (until purged), or
    `seconds` when the page changes by itself sooner."""
    if seconds is None:
        seconds = cdn_seconds()
    if seconds and cdn_configured() and not request.GET:
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend, plus one BAN that drops every page of a host name (the
    project's VCL accepts both from the app's addresses only)."""

    def ban_host(self, hostname):
        request = urllib.request.Request(  # noqa: S310 - the configured address
            f"{self.cache_scheme}://{self.cache_netloc}/",
            method="BAN",
            headers={"X-Ban-Host": hostname, "User-Agent": "prevent-site"},
        )
        urllib.request.urlopen(request, timeout=10).close()  # noqa: S310


def page_urls(sites=None):
    """Every address the CDN may hold for these sites (all sites if None): each live public
    page, with its extra routes, and each site's own addresses such as the sitemap."""
    shared = types.SimpleNamespace()  # lets Wagtail reuse site root paths across pages
    sites = list(Site.objects.all() if sites is None else sites)
    pages = Page.objects.live().public().specific()
    if len(sites) < Site.objects.count():
        pages = pages.filter(_in_sites(sites))
    urls = []
    for page in pages:
        base = page.get_full_url(shared)
        if base:
            urls.extend(base + path.lstrip("/") for path in page.get_cached_paths())
    for site in sites:
        urls.extend(site.root_url + path for path in SITE_PATHS)
    return urls


def _in_sites(sites):
    condition = Q(pk__in=[])
    for site in sites:
        condition |= Q(path__startswith=site.root_page.path)
    return condition


# Ahead of any other waiting work (search indexing, newsletters): readers see a change in seconds.
@task(priority=100)
def purge_sites_from_cdn(site_ids=None):
    """Purge every page of these sites (every site if None) from each configured CDN."""
    sites = Site.objects.all() if site_ids is None else Site.objects.filter(pk__in=site_ids)
    sites = list(sites.select_related("root_page"))
    urls = None
    for name, backend in get_backends().items():
        try:
            if isinstance(backend, VarnishBackend):
                for hostname in sorted({site.hostname for site in sites}):
                    backend.ban_host(hostname)
            else:
                urls = page_urls(sites) if urls is None else urls
                backend.purge_batch(urls)
        except Exception:  # a CDN that is down must not stop the rest; its pages expire anyway
            logger.warning("Could not purge the CDN %s", name, exc_info=True)


def purge_everything():
    """Purge every page of every site from the CDN (in a task)."""
    if cdn_configured():
        purge_sites_from_cdn.enqueue(None)


EVERY_SITE = "every site"


def purge_after_commit(site_ids=None):
    """Purge these sites' pages (every site if None) from the CDN once the current transaction
    commits. However many objects one change saves, each site is purged once."""
    if not cdn_configured():
        return
    connection = transaction.get_connection()
    queued = any(func is _purge_pending for _, func, _ in connection.run_on_commit)
    if not queued:
        connection.cdn_pending_purge = set()
    connection.cdn_pending_purge |= {EVERY_SITE} if site_ids is None else set(site_ids)
    if not queued:
        transaction.on_commit(_purge_pending)


def _purge_pending():
    pending = transaction.get_connection().__dict__.pop("cdn_pending_purge", set())
    if EVERY_SITE in pending:
        purge_everything()
    elif pending and cdn_configured():
        purge_sites_from_cdn.enqueue(sorted(pending))
