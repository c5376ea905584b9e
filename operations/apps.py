from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the service: backups and restores, as management commands."""

    name = "operations"
    verbose_name = "Operations"
