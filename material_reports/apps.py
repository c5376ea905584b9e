from django.apps import AppConfig


class MaterialReportsConfig(AppConfig):
    name = "material_reports"
    verbose_name = "Leaflet and sticker reports"

    def ready(self):
        from delivery.page_cache import purge_when_saved
        from material_reports import checks  # noqa: F401 (registers the check)
        from material_reports.models import MaterialReportSettings

        # The report page shows how long reports are kept.
        purge_when_saved(MaterialReportSettings, on_create=False)
