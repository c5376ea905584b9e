"""Officers' views of their council's reports: a list, each report with its photo, marking a
report as dealt with, and the photo itself.

Reports may hold a resident's name and contact details, so they follow the per-council policy
of contacts and subscribers (accounts/site_permissions.py): an officer sees only the reports
sent to the councils they work for, and nobody adds one in the admin.
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.timezone import localtime
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from accounts.site_permissions import ANY_ACTION, SiteScopedPermissionPolicy, SiteScopedViewSetMixin
from material_reports.models import MaterialReport


class MaterialReportPermissionPolicy(SiteScopedPermissionPolicy):
    """Per council; and nobody, superusers included, adds a report in the admin."""

    refused_actions = frozenset({"add"})


class MaterialReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ANY_ACTION
        ).select_related("site")


class MaterialReportInspectView(generic.InspectView):
    def get_handled_display_value(self):
        return "Yes" if self.object.handled else "No"

    def get_handled_at_display_value(self):
        return self._when(self.object.handled_at)

    def get_notified_at_display_value(self):
        return self._when(self.object.notified_at) or "Not yet: waiting to be sent"

    def _when(self, moment):
        return f"{localtime(moment):%d %B %Y, %H:%M}" if moment else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.photo:
            context["photo_url"] = reverse("material_reports_photo", args=[self.object.pk])
        return context


class MaterialReportViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = MaterialReport
    icon = "warning"
    menu_label = "Leaflet reports"
    menu_order = 220
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = MaterialReportIndexView
    inspect_view_class = MaterialReportInspectView
    inspect_template_name = "material_reports/admin/inspect.html"
    list_display = [
        # Each report opens on its page with the photo; "Mark as dealt with" is one click on.
        TitleColumn(
            "location",
            label="Where",
            get_url=lambda report: reverse("material_reports:inspect", args=[report.pk]),
        ),
        DateColumn("seen_on", label="Seen on"),
        DateColumn("received_at", label="Received"),
        Column("site", label="Council", accessor="site.site_name", sort_key="site__site_name"),
        BooleanColumn("handled", label="Dealt with"),
    ]
    list_filter = ["handled"]
    search_fields = ["location", "postcode", "description"]
    search_backend_name = None  # a plain database search: reports are not in the index
    ordering = ["-received_at"]
    inspect_view_fields = [
        "received_at",
        "location",
        "postcode",
        "seen_on",
        "description",
        "contact_name",
        "contact_email",
        "contact_phone",
        "handled",
        "handled_at",
        "notified_at",
    ]
    # Officers change one thing: whether the report has been dealt with.
    form_fields = ["handled"]


def photo(request, report_id):
    """The report's photo, for officers of its council; a 404 for everyone else, so the
    address does not even confirm that the report exists."""
    report = get_object_or_404(MaterialReport, pk=report_id)
    policy = policy_registry.get_by_type(MaterialReport)
    if not policy.user_has_any_permission_for_instance(request.user, ["view", "change"], report):
        raise Http404("No such photo")
    if not report.photo:
        raise Http404("This report has no photo")
    try:
        handle = report.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404("The photo file is missing") from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Content-Disposition"] = f'inline; filename="report-{report.pk}.jpg"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
