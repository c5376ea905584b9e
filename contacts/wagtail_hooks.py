import django_filters
from django.db.models import Q
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.site_permissions import SiteScopedPermissionPolicy, SiteScopedViewSetMixin
from contacts.models import ContactPoint
from contacts.models.contact_points import VERIFY_EVERY
from contacts.seed import load_contacts

# Before the viewset is registered: an officer changes only their own council's contacts.
register_permission_policy(ContactPoint, SiteScopedPermissionPolicy(ContactPoint))


class ContactPointFilterSet(WagtailFilterSet):
    needs_verification = django_filters.BooleanFilter(
        label="Not verified in the last six months", method="filter_needs_verification"
    )
    national = django_filters.BooleanFilter(
        label="National register", field_name="site", lookup_expr="isnull"
    )

    def filter_needs_verification(self, queryset, name, value):
        cutoff = timezone.localdate() - VERIFY_EVERY
        if value is True:
            return queryset.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))
        if value is False:
            return queryset.filter(last_verified__gte=cutoff)
        return queryset

    class Meta:
        model = ContactPoint
        fields = ["site", "live"]


class ContactPointViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = ContactPoint
    icon = "user"
    menu_label = "Contacts"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "site", "phone_display", "email", "verified_status", "live"]
    filterset_class = ContactPointFilterSet
    search_fields = ["name", "handles"]
    ordering = ["site", "sort_order", "name"]


register_snippet(ContactPointViewSet)


@hooks.register("load_seed_data")
def load_seed_contacts(data, site):
    load_contacts(data, site)
