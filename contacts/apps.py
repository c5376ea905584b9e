from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contacts"

    def ready(self):
        from contacts.models import ContactPoint, EmergencyNotice
        from pages.page_cache import purge_when_saved

        purge_when_saved(ContactPoint)
        purge_when_saved(EmergencyNotice, on_create=False)
