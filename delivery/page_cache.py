"""Full-page cache for anonymous visitors, purged whenever anything shown on a page changes.

Anonymous GETs of public pages are answered from the shared cache. Publishing, unpublishing,
moving or deleting a page, or saving a setting, a contact or another snippet that pages show,
moves every site on to a new cache generation, so the next request renders afresh: a changed
phone number is live on every page at once. The same changes drop what the site cache keeps
for the council concerned (delivery/site_cache.py). A CDN in front is purged of the changed
object's site only, or of every site for a national one (delivery/cdn.py). Pages that set a
cookie (forms with a CSRF token), signed-in users and the admin are never cached.

The Content Security Policy nonce is per response: a cached page is stored with the nonce it
was rendered with, and each reply swaps in a fresh one, in the body and in the header alike.

What a page shows may also change by itself at a known time (a scheduled alert starts or ends):
whatever renders it calls `expire_by(request, when)`, and the page is kept no later than that,
here and in the CDN.
"""

import logging
import math

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils import timezone
from django.utils.csp import LazyNonce
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from delivery import cdn, site_cache

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/email/", "/health/")


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _generation():
    try:
        generation = _cache().get(GENERATION_KEY)
        if generation is None:
            _cache().add(GENERATION_KEY, 1, None)
            generation = _cache().get(GENERATION_KEY, 1)
        return generation
    except Exception:  # a cache that is down must not take the site down
        logger.warning("Page cache unavailable", exc_info=True)
        return None


def _once_after_commit(func):
    """Run func when the current transaction commits (at once outside one), and only once
    however many objects the change saves: loading the seed content saves hundreds."""
    connection = transaction.get_connection()
    if any(queued is func for _, queued, _ in connection.run_on_commit):
        return
    transaction.on_commit(func)


def purge_all(**kwargs):
    """Move every site on to a new generation, so all cached pages are stale at once; and
    purge every site from the CDN, if there is one, once the change is committed."""
    _purge_page_cache()
    site_cache.purge(None)
    cdn.purge_after_commit(None)


def purge_site(site):
    """After a change that shows on one council's pages only (a Site or its id): the page cache
    as purge_all does, and that site's pages alone from the CDN."""
    _purge_page_cache()
    site_cache.purge([getattr(site, "pk", site)])
    cdn.purge_after_commit([getattr(site, "pk", site)])


def purge_for(sender=None, instance=None, **kwargs):
    """A signal receiver: purge the site the saved or deleted object belongs to, or every site
    when it belongs to none (a national contact, an image, a site's own record)."""
    site_ids = _site_ids_of(instance)
    _purge_page_cache()
    site_cache.purge(site_ids)
    cdn.purge_after_commit(site_ids)


def _site_ids_of(instance):
    if isinstance(instance, Site):
        return None  # its host name may have changed: the old one must go too
    if isinstance(instance, Page):
        site = instance.get_site()
        return None if site is None else [site.pk]
    site_id = getattr(instance, "site_id", None)
    return None if site_id is None else [site_id]


def _purge_page_cache():
    _new_generation()
    # A page rendered between the change and its commit shows the old data but is cached under
    # the new generation: move on once more when the change is committed.
    _once_after_commit(_new_generation)


def _new_generation():
    try:
        try:
            _cache().incr(GENERATION_KEY)
        except ValueError:
            _cache().set(GENERATION_KEY, 2, None)
    except Exception:
        logger.warning("Could not purge the page cache", exc_info=True)


def _purge_unless_created(created=False, **kwargs):
    if not created:
        purge_for(**kwargs)


def purge_when_saved(model, on_create=True):
    """Purge the page cache whenever an instance of `model` is saved or deleted.

    Site settings are created with their defaults the first time a page reads them, in the
    middle of rendering that page: such a creation changes nothing a reader sees, so
    on_create=False skips it (every later change purges as usual)."""
    receiver = purge_for if on_create else _purge_unless_created
    post_save.connect(receiver, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
    post_delete.connect(
        purge_for, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}"
    )


def connect_page_signals():
    page_published.connect(purge_for, dispatch_uid="page-cache-published")
    page_unpublished.connect(purge_for, dispatch_uid="page-cache-unpublished")
    # A page may move from one council's site to another's.
    post_page_move.connect(purge_all, dispatch_uid="page-cache-moved")


def expire_by(request, when):
    """Keep the page rendered for `request` no later than `when` (an aware datetime)."""
    current = getattr(request, "_page_cache_expires", None)
    if current is None or when < current:
        request._page_cache_expires = when


def seconds_to_keep(request, limit):
    """`limit` seconds, or fewer when the page changes by itself sooner (see expire_by)."""
    expires = getattr(request, "_page_cache_expires", None)
    if expires is None:
        return limit
    return max(0, min(limit, math.floor((expires - timezone.now()).total_seconds())))


def _key(request, generation):
    return f"page-cache:{generation}:{request.get_host()}:{request.get_full_path()}"


def _cacheable_request(request):
    return (
        request.method == "GET"
        and settings.PAGE_CACHE_SECONDS > 0
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "preview" not in request.GET
    )


def _cacheable_response(request, response):
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies  # a CSRF or session cookie: this reply is someone's own
        and "private" not in response.get("Cache-Control", "")
        and not (user is not None and user.is_authenticated)
    )


class PageCacheMiddleware:
    """Sits above the CSP middleware, so it stores the final response and its header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        generation = _generation()
        if generation is None:
            return self.get_response(request)
        key = _key(request, generation)
        try:
            cached = _cache().get(key)
        except Exception:
            cached = None
        if cached is not None:
            return self._replay(request, cached)

        response = self.get_response(request)
        seconds = seconds_to_keep(request, settings.PAGE_CACHE_SECONDS)
        if seconds > 0 and _cacheable_response(request, response):
            cdn.mark_shareable(request, response, seconds_to_keep(request, cdn.cdn_seconds()))
            nonce = get_nonce(request)
            used_nonce = str(nonce) if nonce else None  # a LazyNonce is falsy until used
            entry = {
                "content": response.content,
                "headers": dict(response.headers),
                "nonce": used_nonce,
            }
            try:
                _cache().set(key, entry, seconds)
            except Exception:
                logger.warning("Could not store a page in the cache", exc_info=True)
        return response

    def _replay(self, request, cached):
        content, headers = cached["content"], dict(cached["headers"])
        old = cached["nonce"]
        if old:
            new = str(LazyNonce())
            content = content.replace(old.encode(), new.encode())
            headers = {name: value.replace(old, new) for name, value in headers.items()}
        response = HttpResponse(content, status=200)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
