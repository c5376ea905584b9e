"""manage.py backup [DESTINATION]: the database and every uploaded file in one archive."""

import sqlite3

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from operations.backups import BackupError, backup


class Command(BaseCommand):
    # No system checks: a restore may run against an empty or older database.
    requires_system_checks = []
    help = "Back up the database and uploaded files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            default="backups",
            help="a folder (backups by default), a file name ending .tar.gz, or - for standard "
            "output",
        )

    def handle(self, *args, destination, **options):
        try:
            backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except (OSError, sqlite3.Error, DatabaseError) as error:
            raise CommandError(f"Stopped: {error}") from None
