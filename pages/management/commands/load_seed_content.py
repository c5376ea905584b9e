from django.core.management.base import BaseCommand, CommandError

from pages.seed_content import SeedError, fixture_files, load_seed_content


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

    def handle(self, *args, reset=False, **options):
        files = fixture_files()
        if not files:
            raise CommandError("No seed files found in fixtures/.")
        try:
            report = load_seed_content(files, reset=reset)
        except SeedError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Seed content: {report}."))
