"""Links to the council's booking request form, for the pages that offer it."""

from django import template
from django.utils.http import urlencode
from wagtail.models import Site

from bookings.bookable import request_page_for, takes_requests

register = template.Library()


def _form_url(request, site_id):
    form_page = request_page_for(site_id)
    return form_page.get_url(request) if form_page else ""


@register.simple_tag(takes_context=True)
def booking_request_url(context, page):
    """The council's request form with `page` chosen (`?for=<id>`); '' when the council has
    no request page or `page` does not take requests now."""
    if page is None or not takes_requests(page):
        return ""
    request = context.get("request")
    url_parts = page.get_url_parts(request)  # from the cached site root paths: no query
    if url_parts is None:
        return ""
    url = _form_url(request, url_parts[0])
    return f"{url}?{urlencode({'for': page.pk})}" if url else ""


@register.simple_tag(takes_context=True)
def booking_request_form_url(context):
    """The council's request form with nothing chosen, or '' when it has none."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return _form_url(request, site.pk) if site else ""
