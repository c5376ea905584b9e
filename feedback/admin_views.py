"""The officers' "Page feedback" report: per council, pages by how many found them not
useful, with the comments, each of which an officer can mark as dealt with. Officers see and
mark only the councils they work for (the per-site policy registered in wagtail_hooks.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page
from wagtail.permissions import policy_registry

from feedback.models import RETENTION, PageFeedback

SEE = ["view", "change"]


def _policy():
    return policy_registry.get_by_type(PageFeedback)


def councils_for(user):
    return _policy().sites_user_has_any_permission_for(user, SEE).order_by("site_name")


def may_see_report(user):
    return councils_for(user).exists()


def _council_from(request, councils):
    wanted = request.GET.get("council", "")
    if not wanted:
        return councils[0]
    for site in councils:
        if str(site.pk) == wanted:
            return site
    raise Http404("You cannot see that council's feedback.")


def _rows(site, user):
    counts = (
        PageFeedback.objects.filter(site=site)
        .values("page")
        .annotate(
            not_useful=Count("pk", filter=Q(useful=False)),
            useful=Count("pk", filter=Q(useful=True)),
        )
        .order_by("-not_useful", "-useful", "page")
    )
    counts = list(counts)
    pages = Page.objects.in_bulk([row["page"] for row in counts])
    comments = {}
    for answer in (
        PageFeedback.objects.filter(site=site, useful=False)
        .exclude(comment="")
        .select_related("dealt_with_by")
        .order_by("dealt_with", "-created_at")
    ):
        comments.setdefault(answer.page_id, []).append(answer)
    finder = AdminURLFinder(user)
    rows = []
    for row in counts:
        page = pages.get(row["page"])
        if page is None:
            continue
        page_comments = comments.get(page.pk, [])
        rows.append(
            {
                "page": page,
                "edit_url": finder.get_edit_url(page),
                "useful": row["useful"],
                "not_useful": row["not_useful"],
                "comments": page_comments,
                "open_comments": sum(1 for c in page_comments if not c.dealt_with),
            }
        )
    return rows


def report(request):
    councils = list(councils_for(request.user))
    if not councils:
        raise PermissionDenied
    site = _council_from(request, councils)
    may_mark = _policy().user_has_permission_for_instance(request.user, "change", site)
    return TemplateResponse(
        request,
        "feedback/admin/report.html",
        {
            "council": site,
            "councils": councils,
            "rows": _rows(site, request.user),
            "may_mark": may_mark,
            "retention_months": RETENTION.days * 12 // 365,
        },
    )


@require_POST
def mark_dealt_with(request, pk):
    answer = get_object_or_404(PageFeedback, pk=pk)
    if not _policy().user_has_permission_for_instance(request.user, "change", answer):
        raise PermissionDenied
    if not answer.dealt_with:
        answer.mark_dealt_with(request.user)
    messages.success(request, "The comment is marked as dealt with.")
    url = f"{reverse('feedback_admin:report')}?{urlencode({'council': answer.site_id})}"
    return redirect(f"{url}#page-{answer.page_id}")
