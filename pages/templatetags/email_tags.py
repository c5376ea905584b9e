from django import template

from pages.email_sender import council_for

register = template.Library()


@register.simple_tag
def council_of(item):
    """The council a page (its site's tree) or a contact (its `site`) belongs to, for the top of
    a notification about it; None for a page in no site or a national contact."""
    site = item.get_site() if hasattr(item, "get_site") else getattr(item, "site", None)
    return council_for(site) if site is not None else None
