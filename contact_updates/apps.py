from django.apps import AppConfig


class ContactUpdatesConfig(AppConfig):
    name = "contact_updates"
    verbose_name = "Contact change emails"

    def ready(self):
        from contact_updates.changes import connect_signals

        connect_signals()
