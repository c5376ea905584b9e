from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """How pages reach readers: the page cache, CDN purges and compression.

    Other apps register what their pages show with delivery.page_cache.purge_when_saved; this
    app wires up what belongs to no app of ours (Wagtail's pages, sites, redirects, images)."""

    name = "delivery"
    verbose_name = "Delivery"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.images import get_image_model
        from wagtail.models import Page, PageViewRestriction, Site

        from delivery import page_cache, site_cache

        page_cache.connect_page_signals()
        # A private section changes which pages anyone may see, and which ones lists show.
        for model in (Site, Redirect, get_image_model(), PageViewRestriction):
            page_cache.purge_when_saved(model)
        # Saving a page, of whichever type, changes titles and addresses the site cache holds.
        post_save.connect(site_cache.purge_for_page_saved, dispatch_uid="site-cache-page-saved")
        # Saving a page does not change the live site (publishing does); deleting one does.
        post_delete.connect(page_cache.purge_for, sender=Page, dispatch_uid="page-cache-page-del")
