"""What every page of a council's site shows, kept between requests: the site and its home
page, its branding, navigation and 999 notice, its "Worried about someone?" page, its alerts,
each page's breadcrumbs, and which pages are private.

Without it, an uncached page spends most of its queries on these, the same on every page of
the site. Each entry is stored in the shared cache under its site and two version numbers: the
site's own and one for every site. The signals that purge the page cache (delivery/page_cache.py)
move those numbers on: a change to one council's setting, alert, contact or page drops that
council's entries only; a change that belongs to no council (a national contact, an image, a
site's address, a private section) drops every council's. Saving a page, even as a draft or
without publishing it, also drops its council's entries: they hold page titles and addresses.
As with the page cache, the numbers move on once more when the change is committed, so nothing
read in between outlives it.

Entries live for SITE_CACHE_SECONDS: long with a shared cache (Redis), where every process sees
each purge, and a few seconds with a per-process one, which the others cannot see purged.
"""

import contextvars
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction, Site

logger = logging.getLogger(__name__)

EVERY_SITE = "site-cache:version"


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _site_version_key(site_id):
    return f"{EVERY_SITE}:{site_id}"


# The version numbers read during one request, so a page reads them once, not once per entry
# (SiteCacheMiddleware gives each request its own; a purge empties it).
_request_versions = contextvars.ContextVar("site_cache_request_versions", default=None)


def _versions(site_id):
    """The current version numbers for every site and for this one (None: every site only).
    A number that is missing (never set, or evicted) starts afresh from the clock, so it can
    never meet entries stored under an earlier number."""
    memo = _request_versions.get()
    if memo is not None and site_id in memo:
        return memo[site_id]
    keys = [EVERY_SITE] if site_id is None else [EVERY_SITE, _site_version_key(site_id)]
    found = _cache().get_many(keys)
    for key in keys:
        if key not in found:
            _cache().add(key, time.time_ns(), None)
            found[key] = _cache().get(key)
    versions = [found[key] for key in keys]
    if memo is not None:
        memo[site_id] = versions
    return versions


def get(site_id, name, build, keep_none=True):
    """The value stored as `name` for this site (site_id None: for every site), or build() it
    and store it (a None too, unless keep_none is False: for names that come from the address,
    which anyone can make up). A cache that is down costs queries, never the page."""
    try:
        versions = _versions(site_id)
        key = f"site-cache:{':'.join(map(str, versions))}:{site_id}:{name}"
        stored = _cache().get(key)
    except Exception:
        logger.warning("Site cache unavailable", exc_info=True)
        return build()
    if stored is not None:
        return stored[0]
    value = build()
    if value is None and not keep_none:
        return value
    try:
        _cache().set(key, (value,), settings.SITE_CACHE_SECONDS)
    except Exception:
        logger.warning("Could not store in the site cache", exc_info=True)
    return value


def _bump(site_ids):
    memo = _request_versions.get()
    if memo is not None:
        memo.clear()
    keys = [EVERY_SITE] if site_ids is None else [_site_version_key(pk) for pk in site_ids]
    for key in keys:
        try:
            try:
                _cache().incr(key)
            except ValueError:  # not set yet: nothing is stored under it
                _cache().set(key, time.time_ns(), None)
        except Exception:
            logger.warning("Could not purge the site cache", exc_info=True)


def purge(site_ids=None):
    """Drop these sites' entries (every site's if None), now and once more on commit."""
    _bump(site_ids)
    connection = transaction.get_connection()
    queued = any(func is _purge_pending for _, func, _ in connection.run_on_commit)
    if not queued:
        connection.site_cache_pending_purge = set()
    connection.site_cache_pending_purge |= {None} if site_ids is None else set(site_ids)
    if not queued:
        transaction.on_commit(_purge_pending)


def _purge_pending():
    pending = transaction.get_connection().__dict__.pop("site_cache_pending_purge", set())
    if None in pending:
        _bump(None)
    elif pending:
        _bump(pending)


def purge_for_page_saved(sender=None, instance=None, **kwargs):
    """A post_save receiver for every model: a saved page drops the entries of the sites it is
    in. (Found from the sites' root paths, not page.get_site(), which would keep on the page
    the root paths as they are now, before a new page's site exists.)"""
    if not isinstance(instance, Page) or not instance.url_path:
        return
    site_ids = [
        root.site_id
        for root in Site.get_site_root_paths()
        if instance.url_path.startswith(root.root_path)
    ]
    if site_ids:
        purge(site_ids)


def site_id_of(page):
    """The id of the site the page is in, or None, without a query (Wagtail caches the sites'
    root paths)."""
    roots = [r for r in Site.get_site_root_paths() if page.url_path.startswith(r.root_path)]
    return max(roots, key=lambda root: len(root.root_path)).site_id if roots else None


def for_page(page, name, build):
    """Like get(), for what one page shows that depends on other pages or records of its
    site: kept under the page's site. A page in no site is built afresh each time."""
    site_id = site_id_of(page)
    return build() if site_id is None else get(site_id, f"{name}:{page.pk}", build)


# The site a request is for, and its home page


def _site_for_host(hostname, port):
    def build():
        site = _wagtail_site_for(hostname, port)
        return None if site is None else site.pk

    return get(None, f"host:{hostname}:{port}", build)


def _wagtail_site_for(hostname, port):
    from wagtail.models.sites import get_site_for_hostname

    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def _site_with_home_page(site_id):
    """The site, with its home page as its specific page type, so routing starts from it."""

    def build():
        site = Site.objects.select_related("root_page").filter(pk=site_id).first()
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    return get(site_id, "site", build)


class SiteCacheMiddleware:
    """Find the request's site from the site cache, where Wagtail would ask the database.

    Sits below the page cache (a cached page needs no site) and above everything that asks
    Site.find_for_request, which returns what this sets."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_versions.set({})
        try:
            if not request.path.startswith("/admin/") and not hasattr(request, "_wagtail_site"):
                site = self._site(request)
                if site is not None:
                    request._wagtail_site = site
            return self.get_response(request)
        finally:
            _request_versions.reset(token)

    def _site(self, request):
        from django.core.exceptions import DisallowedHost
        from django.http.request import split_domain_port

        try:
            hostname = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            return None  # Django refuses the request in its own way
        site_id = _site_for_host(hostname, request.get_port())
        return None if site_id is None else _site_with_home_page(site_id)


class CachedSiteSettingMixin:
    """For a BaseSiteSetting read in templates (`settings.app.Model`): the request's copy comes
    from the site cache. The admin and everything else still read the database (for_site)."""

    @classmethod
    def prepare_for_cache(cls, setting):
        """Load what templates read from the setting, so the cached copy holds it."""
        return setting

    @classmethod
    def from_cache(cls, setting):
        """The setting as templates read it, from the copy prepare_for_cache stored."""
        return setting

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        stored = get(site.pk, cls._meta.label, lambda: cls.prepare_for_cache(cls.for_site(site)))
        setting = cls.from_cache(stored)
        setting._request = request
        setattr(request, attr_name, setting)
        return setting


# Private sections (Wagtail's view restrictions), for every site


def _restrictions():
    def build():
        restrictions = list(PageViewRestriction.objects.select_related("page"))
        aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
        return {"restrictions": restrictions, "alias_paths": aliases}

    return get(None, "restrictions", build)


def view_restrictions(page):
    """The view restrictions on the page and its ancestors, as Page.get_view_restrictions gives
    them, or None when Wagtail must work them out itself (a page in an alias tree, whose
    restrictions are its source page's)."""
    known = _restrictions()
    if page.alias_of_id or any(page.path.startswith(path) for path in known["alias_paths"]):
        return None
    return [r for r in known["restrictions"] if page.path.startswith(r.page.path)]


def public(pages):
    """PageQuerySet.public() without its query for the private sections."""
    private = Q(pk__in=[])
    for restriction in _restrictions()["restrictions"]:
        private |= Q(path__startswith=restriction.page.path)
    return pages.exclude(private)
