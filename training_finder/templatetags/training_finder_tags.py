from django import template

from training_finder.models import TrainingFinderPage

register = template.Library()


@register.simple_tag
def training_finder_for(page):
    """The live "Which Prevent training do I need?" page of `page`'s council, or None."""
    site = page.get_site()
    if site is None:
        return None
    return TrainingFinderPage.objects.live().public().descendant_of(site.root_page).first()
