from django import template
from wagtail.models import Site

from delivery import site_cache
from material_reports.models import MaterialReportPage

register = template.Library()


@register.simple_tag(takes_context=True)
def material_report_page(context):
    """This site's live 'Report extremist leaflets or stickers' page, or None."""
    request = context.get("request")
    if request is None:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site_cache.get(
        site.pk,
        "material-report-page",
        lambda: (
            site_cache.public(MaterialReportPage.objects.live())
            .descendant_of(site.root_page)
            .first()
        ),
    )
