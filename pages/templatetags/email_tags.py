from django import template

from pages.email_sender import council_for

register = template.Library()


@register.simple_tag
def page_council(page):
    """The council whose site holds the page, for the top of a notification about it; None if
    the page is in no site."""
    site = page.get_site() if page is not None else None
    return council_for(site) if site is not None else None
