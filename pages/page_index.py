"""A council's pages at a glance, kept in the site cache (delivery/site_cache.py) with its
navigation: each page, as its own type, by its parent and slug, and each page's summary.

Routing an address with Wagtail asks the database twice for every part of it (the child page,
then the same page as its own type: four queries for /contest/prevent/); with the index, the
pages along the address come from the cache, as the site's home page does. Cards linking to
other pages (related pages, a home page's sections) need each page's summary, which sits on
each page type's own table: one query per page type on every page that shows them; with the
index, none.

Each entry (one child, one summary) is stored on its own, found by the first page that needs
it and kept for every other page until the site's pages change: saving any page of the site,
even a draft, drops them, as it drops the navigation.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from delivery import site_cache


def _site(request):
    return Site.find_for_request(request) if request is not None else None


def child_page(request, parent, slug):
    """The live or draft child of `parent` at `slug`, as its own page type, or None when there
    is none (Wagtail's own routing then decides, and answers 404)."""
    site = _site(request)
    if site is None:
        return None

    def build():
        found = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1, slug=slug)
            .values_list("pk", "content_type_id")
            .first()
        )
        model = found and ContentType.objects.get_for_id(found[1]).model_class()
        return model.objects.filter(pk=found[0]).first() if model else None

    # Only pages that exist are kept: anyone can make up an address.
    return site_cache.get(site.pk, f"child:{parent.pk}/{slug}", build, keep_none=False)


def summary(request, page):
    """The page's summary for a card, without asking its page type's table each time."""
    own = getattr(page, "summary", None)
    if own is not None:
        return own
    site = _site(request)

    def build():
        return getattr(page.specific, "summary", "")

    return build() if site is None else site_cache.get(site.pk, f"summary:{page.pk}", build)
