import django_filters
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn, UserColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from accounts.site_permissions import (
    SiteScopedPermissionPolicy,
    SiteScopedViewSetMixin,
)
from contacts.models import ContactPoint
from contacts.seed import load_contacts
from pages.choosers import CouncilSnippetChooserViewSet

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
        if value is True:
            return queryset.needing_verification()
        if value is False:
            return queryset.verified_recently()
        return queryset

    class Meta:
        model = ContactPoint
        fields = ["site", "live"]


class ContactSavedMessagesMixin:
    """Say plainly when a save is only a draft, and who a submitted change goes to."""

    def get_success_message(self, instance=None):
        contact = instance or self.object
        if self.action in ("create", "edit"):
            if self.action == "edit" and contact.live:
                effect = "The site shows the published details until this draft is published."
            else:
                effect = "It is not on the site until it is published."
            return f"Contact '{contact}' saved as a draft. {effect}"
        if self.action == "submit":
            return f"Contact '{contact}' sent to the council's publishers for approval."
        return super().get_success_message(instance)


class ContactCreateView(ContactSavedMessagesMixin, CreateView):
    pass


class ContactEditView(ContactSavedMessagesMixin, EditView):
    pass


class ContactPointViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = ContactPoint
    icon = "user"
    menu_label = "Contacts"
    menu_order = 200
    add_to_admin_menu = True
    add_view_class = ContactCreateView
    edit_view_class = ContactEditView
    list_display = [
        "name",
        "site",
        Column("phone_display", label="Phone"),
        "verified_status",
        # Draft, live, "live + draft" (a change waiting), in moderation, scheduled, expired.
        LiveStatusTagColumn(),
        UpdatedAtColumn(label="Last changed"),
        UserColumn("changed_by", accessor="latest_revision.user", label="Changed by"),
    ]
    filterset_class = ContactPointFilterSet
    search_fields = ["name", "handles"]
    ordering = ["site", "sort_order", "name"]

    def get_queryset(self, request):
        # The list shows each contact's council and who changed it last: one query, not one a row.
        return super().get_queryset(request).select_related("site", "latest_revision__user")

    chooser_viewset_class = CouncilSnippetChooserViewSet


register_snippet(ContactPointViewSet)


@hooks.register("load_seed_data")
def load_seed_contacts(data, site):
    load_contacts(data, site)
