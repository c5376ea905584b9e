from django import template
from wagtail.models import Site

from training_finder.models import TrainingFinderPage

register = template.Library()


@register.simple_tag(takes_context=True)
def training_finder_for_site(context):
    """The live "Which Prevent training do I need?" page of this council, or None: one query
    (the request's site is already known)."""
    site = Site.find_for_request(context.get("request"))
    if site is None:
        return None
    return (
        TrainingFinderPage.objects.live()
        .filter(path__startswith=site.root_page.path, view_restrictions__isnull=True)
        .first()
    )
