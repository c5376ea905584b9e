from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from pages import views as page_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", page_views.search, name="search"),
    path("email/contact-updates/", include("contact_updates.urls")),
    path("email/", include("newsletters.urls")),
    path("feedback/", include("feedback.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
    path("health/live/", page_views.liveness, name="liveness"),
    path("health/ready/", page_views.readiness, name="readiness"),
]

if getattr(settings, "SERVE_MEDIA", False):
    # Development only: production serves media from its own web server or storage.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", static_serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns.append(path("", include(wagtail_urls)))

# Every error page is in the site's layout with the 999 notice (pages/error_views.py). The 500
# page needs no database, so it can also say when the database is down.
handler400 = "pages.error_views.bad_request"
handler403 = "pages.error_views.permission_denied"
handler404 = "pages.error_views.page_not_found"
handler500 = "contacts.offline.server_error"
