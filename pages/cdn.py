"""A CDN in front of the site: which pages it may keep, and purging them when anything changes.

Purging uses Wagtail's frontend-cache backends (an HTTP PURGE to Varnish or a similar proxy,
or Cloudflare, CloudFront, Azure), configured by WAGTAILFRONTENDCACHE. It runs on the same
signals as the page cache (see pages/page_cache.py): because a contact, a setting or the 999
notice appears on many pages, every page of every site is purged, not only the one that
changed. The purge waits until the change is committed, so the CDN cannot fetch the old page
again in between, and runs as a task, so a slow CDN never holds up an officer's save.

Only addresses without a query string are offered to the CDN: those are the ones a purge can
name. Finder answers, search results and filtered lists stay in the site's own page cache.
"""

import logging
import types

from django.conf import settings
from django.tasks import task
from django.utils.cache import patch_cache_control
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


def all_page_urls():
    """Every address the CDN may hold: each live public page, with its extra routes."""
    shared = types.SimpleNamespace()  # lets Wagtail reuse site root paths across pages
    urls = []
    for page in Page.objects.live().public().specific():
        base = page.get_full_url(shared)
        if base:
            urls.extend(base + path.lstrip("/") for path in page.get_cached_paths())
    for site in Site.objects.all():
        urls.extend(site.root_url + path for path in SITE_PATHS)
    return urls


@task
def purge_cdn(urls):
    for name, backend in get_backends().items():
        try:
            backend.purge_batch(urls)
        except Exception:  # a CDN that is down must not stop the rest; its pages expire anyway
            logger.warning("Could not purge the CDN %s", name, exc_info=True)


def purge_everything():
    """Purge every page of every site from the CDN (in a task)."""
    if cdn_configured():
        purge_cdn.enqueue(all_page_urls())
