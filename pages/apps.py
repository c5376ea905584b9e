from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.images import get_image_model
        from wagtail.models import Page, Site

        from pages import checks, page_cache  # noqa: F401 (checks registers itself)
        from pages.models import EmergencyNotice, SiteBranding, SiteNavigation

        page_cache.connect_page_signals()
        for model in (Site, Redirect, get_image_model()):
            page_cache.purge_when_saved(model)
        for setting in (SiteBranding, SiteNavigation, EmergencyNotice):
            page_cache.purge_when_saved(setting, on_create=False)
        # Saving a page does not change the live site (publishing does); deleting one does.
        post_delete.connect(page_cache.purge_for, sender=Page, dispatch_uid="page-cache-page-del")
