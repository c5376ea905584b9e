from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from linkcheck.views import LinkReportView, may_see_report


@hooks.register("register_admin_urls")
def register_link_report_urls():
    return [
        path("reports/links/", LinkReportView.as_view(), name="linkcheck_report"),
        path(
            "reports/links/results/",
            LinkReportView.as_view(results_only=True),
            name="linkcheck_report_results",
        ),
    ]


class LinkReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_link_report_menu_item():
    return LinkReportMenuItem(
        "Links to other websites",
        reverse("linkcheck_report"),
        name="links-to-other-websites",
        icon_name="link",
        order=650,
    )
