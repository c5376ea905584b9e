"""Officers' views of their council's training requests: a list they can filter and download as
CSV, each request on its own page, and "Mark as handled".

Requests hold a partner's name and contact details, so they follow the per-council policy of
contacts, subscribers and leaflet reports (accounts/site_permissions.py): an officer sees only
the requests sent to the councils they work for. Nobody adds or changes a request in the admin;
an officer of its council marks it handled (the `handle` permission), and a publisher may
delete one on request.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.encoding import force_str
from django.utils.timezone import localtime
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site
from wagtail.permissions import policy_registry

from accounts.site_permissions import ANY_ACTION, SiteScopedPermissionPolicy, SiteScopedViewSetMixin
from bookings.models import BookingRequest
from newsletters.subscriber_admin import spreadsheet_safe


class BookingRequestPermissionPolicy(SiteScopedPermissionPolicy):
    """Per council; nobody, superusers included, adds or edits a request in the admin."""

    refused_actions = frozenset({"add", "change"})


def _policy():
    return policy_registry.get_by_type(BookingRequest)


def councils_of(request):
    """The councils an officer may filter by: their own, not every council's name."""
    if request is None:
        return Site.objects.none()
    return (
        _policy().sites_user_has_any_permission_for(request.user, ANY_ACTION).order_by("site_name")
    )


class CouncilChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, site):
        return site.site_name or site.hostname


class CouncilFilter(django_filters.ModelChoiceFilter):
    field_class = CouncilChoiceField


class BookingRequestFilterSet(WagtailFilterSet):
    site = CouncilFilter(label="Council", queryset=councils_of)
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=[("open", "Not handled yet"), ("handled", "Handled")],
        method="filter_status",
        empty_label="All",
    )

    class Meta:
        model = BookingRequest
        fields = ["site"]

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(handled_at__isnull=True)
        if value == "handled":
            return queryset.filter(handled_at__isnull=False)
        return queryset


def _when(moment):
    return localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


class BookingRequestIndexView(generic.IndexView):
    custom_field_preprocess = {
        "created_at": {generic.IndexView.FORMAT_CSV: _when},
        "handled_at": {generic.IndexView.FORMAT_CSV: _when},
    }

    def get_base_queryset(self):
        # Only the councils the officer works for, in the list and in every download.
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ANY_ACTION
        ).select_related("site", "handled_by")

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe(force_str(value if value is not None else ""))
        return value


class BookingRequestInspectView(generic.InspectView):
    template_name = "bookings/admin/inspect.html"

    def get_page_title_display_value(self):
        return self.object.asked_for

    def get_phone_display_value(self):
        return self.object.phone or "Not given"

    def get_handled_at_display_value(self):
        if not self.object.handled:
            return "Not yet"
        by = self.object.handled_by
        who = f" by {by.get_full_name() or by.get_username()}" if by else ""
        return f"{localtime(self.object.handled_at):%d %B %Y, %H:%M}{who}"

    def get_team_notified_at_display_value(self):
        moment = self.object.team_notified_at
        return f"{localtime(moment):%d %B %Y, %H:%M}" if moment else "Not yet: waiting to be sent"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        booking = self.object
        context["may_mark_handled"] = not booking.handled and (
            _policy().user_has_permission_for_instance(self.request.user, "handle", booking)
        )
        context["mark_handled_url"] = reverse("booking_requests:mark_handled", args=[booking.pk])
        return context


@require_POST
def mark_handled(request, pk):
    booking = get_object_or_404(BookingRequest, pk=pk)
    if not _policy().user_has_permission_for_instance(request.user, "handle", booking):
        raise PermissionDenied
    if not booking.handled:
        booking.mark_handled(request.user)
    messages.success(request, "The request is marked as handled.")
    return redirect("booking_requests:index")


class BookingRequestViewSet(SiteScopedViewSetMixin, ModelViewSet):
    model = BookingRequest
    icon = "date"
    menu_label = "Training requests"
    menu_name = "training-requests"
    menu_order = 670
    menu_hook = "register_reports_menu_item"
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = BookingRequestIndexView
    inspect_view_class = BookingRequestInspectView
    list_display = [
        TitleColumn(
            "organisation",
            label="Organisation",
            get_url=lambda booking: reverse("booking_requests:inspect", args=[booking.pk]),
        ),
        Column("asked_for", label="Course or event"),
        Column("people", label="People"),
        DateColumn("created_at", label="Received"),
        Column("site", label="Council", accessor="site.site_name", sort_key="site__site_name"),
        Column("handled", label="Handled", accessor="handled_display"),
    ]
    filterset_class = BookingRequestFilterSet
    search_fields = ["organisation", "name", "email", "page_title"]
    search_backend_name = None  # a plain database search: requests are not in the index
    ordering = ["-created_at"]
    inspect_view_fields = [
        "created_at",
        "page_title",
        "people",
        "preferred_dates",
        "name",
        "organisation",
        "role",
        "email",
        "phone",
        "access_needs",
        "handled_at",
        "team_notified_at",
    ]
    # The edit view exists but the policy refuses it to everyone.
    form_fields = []
    list_export = [
        "created_at",
        "site.site_name",
        "asked_for",
        "people",
        "preferred_dates",
        "name",
        "organisation",
        "role",
        "email",
        "phone",
        "access_needs",
        "handled_at",
    ]
    export_headings = {
        "created_at": "Received",
        "site.site_name": "Council",
        "asked_for": "Course or event",
        "people": "Number of people",
        "preferred_dates": "Dates that suit them",
        "name": "Name",
        "organisation": "Organisation",
        "role": "Role",
        "email": "Email",
        "phone": "Phone",
        "access_needs": "Access needs",
        "handled_at": "Handled",
    }
    export_filename = "training-requests"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("handled/<int:pk>/", mark_handled, name="mark_handled"),
        ]
