"""A deployment check (`manage.py check --deploy`): every council's site has its public address.

Links in pages, feeds and emails are built from the Site records, so a site left at its
development address (localhost:8000) sends residents links that go nowhere.
"""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError
from wagtail.models import Site

from pages.site_ownership import council_name
from pages.sites import HTTPS_PORT, is_local_hostname, site_key


@register(Tags.sites, deploy=True)
def check_site_addresses(app_configs=None, **kwargs):
    if app_configs is not None and "pages" not in {config.label for config in app_configs}:
        return []
    try:
        sites = list(Site.objects.select_related("root_page").order_by("hostname", "port"))
    except DatabaseError:
        # Not migrated yet, or not reachable: there is no site to check, and CI runs this
        # check on an empty database.
        return []
    warnings = []
    for site in sites:
        name = council_name(site)
        fix = (
            f"Set its public host name: python manage.py set_site_address {site_key(site)} "
            "prevent.example.gov.uk (port 443), or under Settings > Sites in the admin. "
            "See docs/deploy.md."
        )
        if is_local_hostname(site.hostname):
            warnings.append(
                Warning(
                    f"The site '{name}' has the host name {site.hostname}, which only works on "
                    "this machine: its links and emails will not work for anyone else.",
                    hint=fix,
                    obj=site,
                    id="pages.W001",
                )
            )
        if site.port != HTTPS_PORT:
            warnings.append(
                Warning(
                    f"The site '{name}' has port {site.port}, not {HTTPS_PORT}: its links and "
                    "emails will not use https://"
                    + ("." if site.port == 80 else f" and will name port {site.port}."),
                    hint=fix,
                    obj=site,
                    id="pages.W002",
                )
            )
    return warnings
