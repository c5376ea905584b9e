from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from delivery.page_cache import purge_when_saved
        from pages import checks  # noqa: F401 (checks registers itself)
        from pages.models import EmergencyNotice, SiteBranding, SiteNavigation

        for setting in (SiteBranding, SiteNavigation, EmergencyNotice):
            purge_when_saved(setting, on_create=False)
