from django.utils import timezone
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn, UpdatedAtColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.site_permissions import SiteScopedPermissionPolicy, SiteScopedViewSetMixin
from alerts.forms import AlertForm
from alerts.models import Alert

# Before the viewset is registered: an officer sees and changes their own council's alerts only.
register_permission_policy(Alert, SiteScopedPermissionPolicy(Alert))


def _uk_time(value):
    return timezone.localtime(value).strftime("%-d %b %Y, %H:%M")


class AlertViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = Alert
    edit_handler = ObjectList(Alert.panels, base_form_class=AlertForm)
    icon = "warning"
    menu_label = "Alerts"
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "title",
        "site",
        Column("kind", label="Type", accessor="get_kind_display"),
        StatusTagColumn("status", label="Status", primary=lambda alert: alert.status() != "Ended"),
        Column("starts_at", label="Starts (UK time)", accessor=lambda a: _uk_time(a.starts_at)),
        Column("ends_at", label="Ends (UK time)", accessor=lambda a: _uk_time(a.ends_at)),
        UpdatedAtColumn(label="Last changed"),
    ]
    list_filter = ["site", "kind"]
    search_fields = ["title", "text"]
    ordering = ["-starts_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("site")


register_snippet(AlertViewSet)
