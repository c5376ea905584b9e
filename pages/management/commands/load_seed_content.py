from django.core.management.base import BaseCommand, CommandError

from pages.seed_content import SeedError, fixture_files, load_seed_content
from pages.sites import port_number


class Command(BaseCommand):
    help = (
        "Create the councils' sites, pages and settings from fixtures/*.yaml. Safe to run again: "
        "pages that already exist are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete each seeded site and its pages first, then rebuild them (loses edits).",
        )
        parser.add_argument(
            "--port",
            type=port_number,
            help=(
                "The port the site is served on, such as 8201 for `make run PORT=8201`, so "
                "that links and emails point at it. Sites given a public address are left alone."
            ),
        )

    def handle(self, *args, reset=False, port=None, **options):
        files = fixture_files()
        if not files:
            raise CommandError("No seed files found in fixtures/.")
        try:
            report = load_seed_content(files, reset=reset, port=port)
        except SeedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Seed content: {report}."))
