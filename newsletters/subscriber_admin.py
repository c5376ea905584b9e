"""The officers' list of their council's newsletter subscribers: see, download as CSV, erase.

Built from Wagtail's ModelViewSet. Subscribers are personal data, so each council's
publishers reach their own council's list only (the same per-site policy as contacts), and
nobody adds or changes a subscriber in the admin: only the resident's own confirmation
subscribes an address. Erasing handles a privacy request without the shell.
"""

import django_filters
from django import forms
from django.db import transaction
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Site
from wagtail.permissions import policy_registry

from accounts.site_permissions import ANY_ACTION, SiteScopedPermissionPolicy, SiteScopedViewSetMixin
from newsletters.models import Delivery, NewsletterIssuePage, Subscriber
from newsletters.subscribers import erase_address

# A spreadsheet runs a cell starting with one of these as a formula. An email address may
# start with "=", "+" or "-", so such a cell is written as text (OWASP's CSV injection advice).
# Wagtail already does this for XLSX downloads but writes CSV values as they are.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text):
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SubscriberPermissionPolicy(SiteScopedPermissionPolicy):
    """Per council, like contacts; and no one, superusers included, may add or change one."""

    refused_actions = frozenset({"add", "change"})


def councils_of(request):
    """The councils an officer may filter by: their own, not every council's name."""
    if request is None:
        return Site.objects.none()
    policy = policy_registry.get_by_type(Subscriber)
    return policy.sites_user_has_any_permission_for(request.user, ANY_ACTION).order_by("site_name")


class CouncilChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, site):
        return site.site_name or site.hostname


class CouncilFilter(django_filters.ModelChoiceFilter):
    field_class = CouncilChoiceField


class SubscriberFilterSet(WagtailFilterSet):
    site = CouncilFilter(label="Council", queryset=councils_of)

    class Meta:
        model = Subscriber
        fields = ["site"]


class SubscriberIndexView(generic.IndexView):
    custom_field_preprocess = {
        "confirmed_at": {
            generic.IndexView.FORMAT_CSV: lambda value: localtime(value).strftime("%Y-%m-%d %H:%M")
        }
    }

    def get_base_queryset(self):
        # Only the councils the officer works for, in the list and in every download.
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ANY_ACTION
        ).select_related("site")

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe(force_str(value))
        return value


class EraseSubscriberView(generic.DeleteView):
    page_title = "Erase subscriber"

    @cached_property
    def delivery_count(self):
        site_issues = NewsletterIssuePage.objects.descendant_of(self.object.site.root_page)
        return Delivery.objects.filter(
            issue__in=site_issues.values("pk"), email=self.object.email
        ).count()

    def get_usage_url(self):
        return None  # nothing links to a subscriber: "referenced 0 times" only confuses

    @property
    def confirmation_message(self):
        issues = "issue" if self.delivery_count == 1 else "issues"
        return (
            f"Erase {self.object.email} for good? This deletes the address and the record of "
            f"the {self.delivery_count} newsletter {issues} sent to it. You cannot undo this."
        )

    def delete_action(self):
        subscriber = self.object
        with transaction.atomic():
            # The history keeps who erased a subscriber and when, never the address.
            log(
                instance=subscriber,
                action="wagtail.delete",
                user=self.request.user,
                deleted=True,
                title=f"Subscriber {subscriber.pk} of {subscriber.site.site_name}",
            )
            self.erased = erase_address(subscriber.site, subscriber.email)

    def get_success_message(self):
        deliveries = self.erased.deliveries
        issues = "issue" if deliveries == 1 else "issues"
        return (
            "Subscriber erased. We deleted the address and the record of the "
            f"{deliveries} newsletter {issues} sent to it."
        )


class SubscriberViewSet(SiteScopedViewSetMixin, ModelViewSet):
    # The mixin checks the council of the subscriber each view opens; the index view limits
    # the list and the downloads.
    model = Subscriber
    icon = "mail"
    menu_label = "Subscribers"  # the page itself says "Newsletter subscribers"
    menu_order = 210
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SubscriberIndexView
    index_template_name = "newsletters/admin/subscribers_index.html"
    delete_view_class = EraseSubscriberView
    list_display = [
        "email",
        Column("site", label="Council", accessor="site.site_name", sort_key="site__site_name"),
        "confirmed_at",
    ]
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    search_backend_name = None  # a plain database search: subscribers are not in the index
    ordering = ["-confirmed_at"]
    inspect_view_fields = ["email", "site", "confirmed_at"]
    # The add and edit views exist but the policy refuses them to everyone.
    form_fields = ["email"]
    list_export = ["email", "site.site_name", "confirmed_at"]
    export_headings = {"email": "Email", "site.site_name": "Council", "confirmed_at": "Confirmed"}
    export_filename = "newsletter-subscribers"
