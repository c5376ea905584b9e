"""The admin report of broken and redirected links, limited to the officer's own councils."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import GroupSitePermission, Site

from linkcheck.models import CheckedLink, LinkUse


def councils_for(user):
    """The sites an officer works for: those whose home page they may edit, or where they
    hold a per-council right (contacts, team members, settings; see accounts/site_groups.py)."""
    if not (user.is_authenticated and user.is_active):
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    # Worked out once per request: the Reports menu asks on every admin page, and the report
    # asks again for its rows and filters. The user object lives as long as the request.
    if not hasattr(user, "_link_report_council_ids"):
        site_rights = set(
            GroupSitePermission.objects.filter(group__user=user).values_list("site_id", flat=True)
        )
        user._link_report_council_ids = site_rights | {
            site.pk
            for site in Site.objects.select_related("root_page")
            if site.root_page.permissions_for_user(user).can_edit()
        }
    return Site.objects.filter(pk__in=user._link_report_council_ids)


def sees_national_contacts(user):
    """The national register is changed only with a global right (in practice, superusers)."""
    return user.is_superuser or user.has_perm("contacts.change_contactpoint")


def visible_uses(user):
    councils = councils_for(user)
    scope = Q(site__in=councils)
    if sees_national_contacts(user):
        scope |= Q(site__isnull=True)
    return LinkUse.objects.filter(scope)


def may_see_report(user):
    return sees_national_contacts(user) or councils_for(user).exists()


STATUS_CHOICES = [
    ("problems", "Broken or redirected"),
    (CheckedLink.Status.BROKEN, "Broken"),
    (CheckedLink.Status.REDIRECTED, "Redirected"),
    (CheckedLink.Status.WORKING, "Working"),
    (CheckedLink.Status.UNCHECKED, "Not checked yet"),
]


class LinkReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=STATUS_CHOICES, empty_label="All links", method="by_status"
    )
    council = django_filters.ModelChoiceFilter(
        label="Council",
        field_name="uses__site",
        empty_label="All your councils",
        queryset=lambda request: councils_for(request.user).order_by("site_name"),
    )

    class Meta:
        model = CheckedLink
        fields = ["status", "council"]

    def __init__(self, data=None, *args, **kwargs):
        # Broken and redirected links are what officers need to act on: show them first.
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = "problems"
        super().__init__(data, *args, **kwargs)

    def by_status(self, queryset, name, value):
        if value == "problems":
            return queryset.filter(
                status__in=[CheckedLink.Status.BROKEN, CheckedLink.Status.REDIRECTED]
            )
        return queryset.filter(status=value)


class LinkReportView(ReportView):
    page_title = "Links to other websites"
    header_icon = "link"
    results_template_name = "linkcheck/report_results.html"
    filterset_class = LinkReportFilterSet
    index_url_name = "linkcheck_report"
    index_results_url_name = "linkcheck_report_results"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        uses = visible_uses(self.request.user)
        return (
            CheckedLink.objects.filter(pk__in=uses.values("link"))
            .order_by("status", "url")
            .distinct()
        )

    def decorate_paginated_queryset(self, links):
        links = list(links)
        finder = AdminURLFinder(self.request.user)
        uses = (
            visible_uses(self.request.user)
            .filter(link__in=links)
            .select_related("page", "contact", "site")
            .order_by("site__site_name", "page__title", "contact__name", "location")
        )
        by_link = {}
        for use in uses:
            target = use.page or use.contact
            use.title = target.title if use.page_id else target.name
            use.edit_url = finder.get_edit_url(target)
            by_link.setdefault(use.link_id, []).append(use)
        for link in links:
            link.visible_uses = by_link.get(link.pk, [])
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report_url"] = reverse(self.index_url_name)
        return context
