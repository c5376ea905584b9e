"""Choosers offer an officer only the items of the council they are working on.

Which council: the one whose page or settings the chooser was opened from (the editor's address
is the chooser's referrer), if the officer works for it; otherwise every council they work for.
Superusers outside any editor see every council's items. The referrer only ever narrows the
choice: the save-time check in pages.site_ownership is what refuses another council's item.
"""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from wagtail.models import GroupPagePermission, GroupSitePermission, Page, Site
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)

from pages.site_ownership import choosable_on, site_of_page


def councils_of(user):
    """The sites an officer works for: any per-site right (contacts, team, settings) or any
    page right in the site's tree. None for a superuser: every site."""
    if user.is_superuser:
        return None
    site_ids = set(
        GroupSitePermission.objects.filter(group__user=user).values_list("site_id", flat=True)
    )
    page_paths = GroupPagePermission.objects.filter(group__user=user).values_list(
        "page__path", flat=True
    )
    sites = list(Site.objects.select_related("root_page"))
    for path in page_paths:
        for site in sites:
            root = site.root_page.path
            # A right on the site's home page or below it, or on a page above every site.
            if path.startswith(root) or root.startswith(path):
                site_ids.add(site.pk)
    return [site for site in sites if site.pk in site_ids]


def site_being_edited(request):
    """The site of the page or settings whose editor opened the chooser, or None."""
    referrer = request.headers.get("referer", "")
    parts = urlsplit(referrer)
    if parts.netloc and parts.netloc != request.get_host():
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    kwargs = match.kwargs
    if match.view_name == "wagtailadmin_pages:edit":
        page = Page.objects.filter(pk=kwargs.get("page_id")).first()
    elif match.view_name == "wagtailadmin_pages:add":
        page = Page.objects.filter(pk=kwargs.get("parent_page_id")).first()
    elif match.view_name == "wagtailsettings:edit" and "pk" in kwargs:
        return Site.objects.filter(pk=kwargs["pk"]).first()
    else:
        return None
    return site_of_page(page) if page else None


def sites_to_choose_from(request):
    """The councils whose items this request's chooser may offer; None for every council."""
    councils = councils_of(request.user)
    editing = site_being_edited(request)
    if editing is None:
        return councils
    if councils is None or editing.pk in {site.pk for site in councils}:
        return [editing]
    return []


def filter_chooser_queryset(queryset, request):
    """For the construct_*_chooser_queryset hooks."""
    return choosable_on(queryset, sites_to_choose_from(request))


class CouncilChoicesMixin:
    def get_object_list(self):
        return filter_chooser_queryset(super().get_object_list(), self.request)


class CouncilChooseView(CouncilChoicesMixin, ChooseView):
    pass


class CouncilChooseResultsView(CouncilChoicesMixin, ChooseResultsView):
    pass


class CouncilChosenView(SnippetChosenView):
    def get_object(self, pk):
        return filter_chooser_queryset(self.model_class.objects.all(), self.request).get(pk=pk)


class CouncilChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return filter_chooser_queryset(super().get_objects(pks), self.request)


class CouncilSnippetChooserViewSet(SnippetChooserViewSet):
    """The chooser of a snippet with a `site`: the council's own items (and national ones)."""

    choose_view_class = CouncilChooseView
    choose_results_view_class = CouncilChooseResultsView
    chosen_view_class = CouncilChosenView
    chosen_multiple_view_class = CouncilChosenMultipleView
