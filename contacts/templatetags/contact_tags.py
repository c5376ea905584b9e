import json

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Site

from contacts.models import ConcernReportingPage
from delivery import site_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def concern_page(context):
    """This site's 'Worried about someone?' page, looked up once per request."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_concern_page"):
        site = Site.find_for_request(request)
        request._concern_page = (
            site_cache.get(
                site.pk,
                "concern-page",
                lambda: ConcernReportingPage.objects.live().descendant_of(site.root_page).first(),
            )
            if site
            else None
        )
    return request._concern_page


@register.simple_tag
def contact_points_json_ld(contacts, organisation_name):
    """schema.org ContactPoint data for the contacts shown, as JSON-LD."""
    points = []
    for contact in contacts:
        point = {"@type": "ContactPoint", "name": contact.name, "description": contact.handles}
        if contact.phone:
            point["telephone"] = contact.phone
        if contact.email:
            point["email"] = contact.email
        if contact.hours:
            point["hoursAvailable"] = contact.hours
        if contact.website:
            point["url"] = contact.website
        point["areaServed"] = "GB" if contact.is_national else organisation_name
        points.append(point)
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": organisation_name,
        "contactPoint": points,
    }
    # Escape "<" so no value can close the script element.
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))  # noqa: S308
