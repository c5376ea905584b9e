from django import template
from wagtail.models import Site

from delivery import site_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    """The page's ancestors from this site's home page down, not including the page itself."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None or page is None or page.pk == site.root_page_id:
        return []
    return site_cache.get(
        site.pk,
        f"breadcrumbs:{page.pk}",
        lambda: list(page.get_ancestors().filter(depth__gte=site.root_page.depth, live=True)),
    )


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def link_href(context, link):
    """A link block's address: a page's URL relative to the current site, or the address."""
    page = link.get("page")
    if page:
        return page.get_url(request=context.get("request")) or ""
    return link.get("external_url") or ""
