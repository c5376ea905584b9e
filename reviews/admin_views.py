"""The officer's review screens: the "Due for review" report, "Mark as reviewed", and holding
or releasing a contact. Every view checks the object in hand against the officer's councils."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page

from contacts.models import ContactPoint
from pages.models import BasePage
from reviews import schedule


def _council_from(request, councils):
    """The council asked for (?council=<site id> or "national"), if the officer may see it."""
    wanted = request.GET.get("council", "")
    if not wanted:
        return councils[0]
    for site in councils:
        if schedule.scope_key(site) == f"site-{wanted}" or (site is None and wanted == "national"):
            return site
    raise Http404("You cannot see that council's report.")


def report(request):
    councils = schedule.councils_for(request.user)
    if not councils:
        raise PermissionDenied
    site = _council_from(request, councils)
    today = timezone.localdate()
    rows = [
        {"item": item, "owner": schedule.owner_label(item, site)}
        for item in schedule.items_for(site)
    ]
    return TemplateResponse(
        request,
        "reviews/admin/report.html",
        {
            "council": site,
            "council_name": site.site_name if site else "National register",
            "councils": [
                {
                    "value": other.pk if other else "national",
                    "name": other.site_name if other else "National register",
                    "current": other == site,
                }
                for other in councils
            ],
            "overdue": [row for row in rows if row["item"].is_overdue],
            "due_soon": [
                row
                for row in rows
                if not row["item"].is_overdue
                and row["item"].is_due_within(schedule.REPORT_WINDOW, today)
            ],
            "held": ContactPoint.objects.filter(site=site)
            .held()
            .select_related("held_by")
            .order_by("name"),
            "window_days": schedule.REPORT_WINDOW.days,
        },
    )


def _object_for(kind, pk):
    if kind == "page":
        page = get_object_or_404(Page, pk=pk).specific
        if not isinstance(page, BasePage):
            raise Http404("This page has no review schedule.")
        return page
    if kind == "contact":
        return get_object_or_404(ContactPoint, pk=pk)
    raise Http404("Unknown kind of item.")


class ReviewForm(forms.Form):
    note = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional. Such as what you checked, or who confirmed it.",
    )


class HoldForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why this contact must not be shown, such as 'Email address looks mistyped'.",
        error_messages={"required": "Say why you are holding this contact."},
    )


def _item_context(obj, kind):
    item = schedule.page_item(obj) if kind == "page" else schedule.contact_item(obj)
    return {"item": item, "kind": kind, "obj": obj}


def mark_reviewed(request, kind, pk):
    obj = _object_for(kind, pk)
    if not schedule.can_review(request.user, obj):
        raise PermissionDenied
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            schedule.mark_reviewed(obj, request.user, form.cleaned_data["note"])
            word = "reviewed" if kind == "page" else "verified"
            messages.success(request, f"“{_name(obj)}” is marked as {word} today.")
            return redirect(_safe_next(request) or _edit_url(kind, obj))
        response = TemplateResponse(
            request, "reviews/admin/mark_reviewed.html", {**_item_context(obj, kind), "form": form}
        )
        response.status_code = 400
        return response
    return TemplateResponse(
        request,
        "reviews/admin/mark_reviewed.html",
        {**_item_context(obj, kind), "form": form, "next": request.GET.get("next", "")},
    )


def hold_contact(request, pk):
    contact = get_object_or_404(ContactPoint, pk=pk)
    if not schedule.can_review(request.user, contact):
        raise PermissionDenied
    form = HoldForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            schedule.hold(contact, request.user, form.cleaned_data["reason"])
            messages.success(
                request, f"“{contact.name}” is held: it is no longer shown on the public site."
            )
            return redirect(_edit_url("contact", contact))
        response = TemplateResponse(
            request, "reviews/admin/hold.html", {"contact": contact, "form": form}
        )
        response.status_code = 400
        return response
    return TemplateResponse(request, "reviews/admin/hold.html", {"contact": contact, "form": form})


def release_contact(request, pk):
    contact = get_object_or_404(ContactPoint, pk=pk)
    if not schedule.can_release(request.user, contact):
        raise PermissionDenied
    if request.method == "POST":
        schedule.release(contact, request.user)
        messages.success(
            request, f"“{contact.name}” is released: it shows on the public site again."
        )
        return redirect(_edit_url("contact", contact))
    return TemplateResponse(request, "reviews/admin/release.html", {"contact": contact})


def _safe_next(request):
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return None


def _name(obj):
    return obj.title if isinstance(obj, Page) else obj.name


def _edit_url(kind, obj):
    if kind == "page":
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse("wagtailsnippets_contacts_contactpoint:edit", args=[obj.pk])
