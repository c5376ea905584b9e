from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Alerts"

    def ready(self):
        from alerts.models import Alert, AlertSection
        from delivery.page_cache import purge_when_saved

        purge_when_saved(Alert)
        purge_when_saved(AlertSection)
