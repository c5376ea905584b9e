"""manage.py restore --yes ARCHIVE: replace the database and uploaded files with a backup's."""

import sqlite3

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from operations.backups import BackupError, restore


class Command(BaseCommand):
    # No system checks: a restore may run against an empty or older database.
    requires_system_checks = []
    help = "Replace the database and uploaded files with a backup's."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", help="an archive made by manage.py backup, or - for standard input"
        )
        parser.add_argument(
            "--yes", action="store_true", help="confirm: replace the database and files"
        )

    def handle(self, *args, archive, yes, **options):
        try:
            restore(archive, yes)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except (OSError, sqlite3.Error, DatabaseError) as error:
            raise CommandError(f"Stopped: {error}") from None
