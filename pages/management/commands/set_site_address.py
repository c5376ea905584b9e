from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http.request import validate_host
from wagtail.models import Site

from pages.sites import HTTPS_PORT, clean_hostname, find_site, port_number, site_key


class Command(BaseCommand):
    help = (
        "Set a council site's public address, which every link and email it sends uses. "
        "For example: set_site_address westminster prevent.westminster.gov.uk "
        "(port 443, so links start https://)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "site", help="The site: its key (westminster), its current host name or its name."
        )
        parser.add_argument(
            "hostname", help="The public host name, such as prevent.example.gov.uk."
        )
        parser.add_argument(
            "--port",
            type=port_number,
            default=HTTPS_PORT,
            help="The public port: 443 (the default) for HTTPS behind the proxy.",
        )

    def handle(self, *args, site, hostname, port, **options):
        found = find_site(site)
        if found is None:
            known = ", ".join(
                f"{site_key(s)} ({s.hostname}:{s.port})"
                for s in Site.objects.select_related("root_page").order_by("hostname")
            )
            raise CommandError(
                f"There is no site called {site!r}. The sites are: {known or 'none'}."
            )
        try:
            hostname = clean_hostname(hostname)
        except ValueError as error:
            raise CommandError(str(error)) from error
        taken = Site.objects.filter(hostname=hostname, port=port).exclude(pk=found.pk).first()
        if taken:
            raise CommandError(
                f"{hostname}:{port} is already the address of {taken.site_name or site_key(taken)}."
            )
        found.hostname, found.port = hostname, port
        found.save(update_fields=["hostname", "port"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{found.site_name or site_key(found)} is now at {found.root_url}/: "
                "its links and emails use that address."
            )
        )
        if not validate_host(hostname, settings.ALLOWED_HOSTS):
            self.stdout.write(
                self.style.WARNING(
                    f"Add {hostname} to ALLOWED_HOSTS (and {found.root_url} to "
                    "CSRF_TRUSTED_ORIGINS), or the site will refuse requests for it."
                )
            )
