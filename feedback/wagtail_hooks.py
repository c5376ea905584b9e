from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from accounts.site_permissions import SiteScopedPermissionPolicy
from feedback import admin_views
from feedback.models import PageFeedback

# Each council's officers see and mark their own council's feedback only.
register_permission_policy(PageFeedback, SiteScopedPermissionPolicy(PageFeedback))

admin_urls = [
    path("", admin_views.report, name="report"),
    path("<int:pk>/dealt-with/", admin_views.mark_dealt_with, name="mark_dealt_with"),
]


@hooks.register("register_admin_urls")
def register_feedback_admin_urls():
    return [path("feedback/", include((admin_urls, "feedback_admin")))]


class FeedbackReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return FeedbackReportMenuItem(
        "Page feedback",
        reverse("feedback_admin:report"),
        name="page-feedback",
        icon_name="help",
        order=660,
    )
