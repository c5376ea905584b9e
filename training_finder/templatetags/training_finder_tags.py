from django import template
from wagtail.models import Site

from delivery import site_cache
from training_finder.models import TrainingFinderPage

register = template.Library()


@register.simple_tag(takes_context=True)
def training_finder_for_site(context):
    """The live "Which Prevent training do I need?" page of this council, or None, from the
    site cache (the same for every page of the site until a page changes)."""
    site = Site.find_for_request(context.get("request"))
    if site is None:
        return None
    return site_cache.get(
        site.pk,
        "training-finder-page",
        lambda: (
            TrainingFinderPage.objects.live()
            .filter(path__startswith=site.root_page.path, view_restrictions__isnull=True)
            .first()
        ),
    )
