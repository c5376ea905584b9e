from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from material_reports import admin_views
from material_reports.models import MaterialReport
from material_reports.seed import load_report_settings

# Before the viewset is registered: an officer sees their own council's reports only.
register_permission_policy(
    MaterialReport, admin_views.MaterialReportPermissionPolicy(MaterialReport)
)


@hooks.register("register_admin_viewset")
def register_material_report_viewset():
    return admin_views.MaterialReportViewSet("material_reports")


@hooks.register("register_admin_urls")
def register_material_report_photo_url():
    # Admin URLs: Wagtail sends anyone not signed in to the admin's sign-in page.
    return [
        path(
            "material-reports/<int:report_id>/photo/",
            admin_views.photo,
            name="material_reports_photo",
        )
    ]


@hooks.register("load_seed_data")
def load_seed_report_settings(data, site):
    load_report_settings(data, site)
