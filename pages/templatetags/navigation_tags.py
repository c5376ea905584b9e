from django import template
from wagtail.models import Site

from delivery import site_cache
from pages import page_index
from pages.models.site_settings import SiteNavigation

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


@register.simple_tag(takes_context=True)
def card_summary(context, page):
    """A card's summary of the page it links to, from the site's page index: no query for it."""
    return page_index.summary(context.get("request"), page)


@register.simple_tag(takes_context=True)
def menu_links(context, name):
    """The site's main menu or footer links ("main_links" or "footer_links") as a list of
    (address, text, page id) for each link that leads somewhere. The same on every page of the
    site, so worked out once and kept in the site cache with the navigation itself."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def build():
        nav = SiteNavigation.for_request(request)
        links = [(link_href(context, link.value), link.value) for link in getattr(nav, name)]
        return [
            (href, value.text, value["page"].pk if value.get("page") else None)
            for href, value in links
            if href
        ]

    return site_cache.get(site.pk, f"menu:{name}", build)
