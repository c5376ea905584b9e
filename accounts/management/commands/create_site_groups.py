from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from accounts.site_groups import create_site_groups, retire_wagtail_default_groups


class Command(BaseCommand):
    help = (
        "Create or reset each council's 'editors' and 'publishers' groups, with rights on that "
        "council's pages, images, documents, contacts, alerts, team members and settings only. "
        "Safe to run again: it restores the groups' rights to exactly these."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site", dest="hostname", help="Only the site with this host name, such as localhost."
        )

    def handle(self, *args, hostname=None, **options):
        sites = Site.objects.select_related("root_page").order_by("site_name")
        if hostname:
            sites = sites.filter(hostname=hostname)
            if not sites:
                raise CommandError(f"No site has the host name {hostname!r}.")
        for site in sites:
            try:
                groups = create_site_groups(site)
            except ValueError as error:
                raise CommandError(str(error)) from error
            names = " and ".join(f"'{group.name}'" for group in groups.values())
            self.stdout.write(f"{site.hostname}: groups {names} are ready.")
        stranded = retire_wagtail_default_groups()
        if stranded:
            self.stdout.write(
                self.style.WARNING(
                    "Wagtail's own Editors and Moderators groups no longer have any rights. "
                    "Move these officers into their council's group: " + ", ".join(stranded)
                )
            )
