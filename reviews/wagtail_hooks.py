from django.contrib import messages
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.action_menu import ActionMenuItem as SnippetActionMenuItem

from contacts.models import ContactPoint
from pages.models import BasePage
from reviews import admin_views, schedule

admin_urls = [
    path("", admin_views.report, name="report"),
    path("<str:kind>/<int:pk>/mark-reviewed/", admin_views.mark_reviewed, name="mark_reviewed"),
    path("contact/<int:pk>/hold/", admin_views.hold_contact, name="hold"),
    path("contact/<int:pk>/release/", admin_views.release_contact, name="release"),
]


@hooks.register("register_admin_urls")
def register_review_admin_urls():
    return [path("reviews/", include((admin_urls, "reviews")))]


@hooks.register("register_reports_menu_item")
def register_due_for_review_report():
    return MenuItem("Due for review", reverse("reviews:report"), icon_name="date", order=50)


# wagtail-periodic-review's own report and panels cover pages only and show every page an
# officer may edit; ours add contacts, owners and who reviewed. Its models and dates stay.
@hooks.register("construct_reports_menu", order=100)
def hide_package_report(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != "periodic-review-content"]


@hooks.register("construct_homepage_panels", order=100)
def replace_package_panels(request, panels):
    panels[:] = [p for p in panels if getattr(p, "name", "") not in PACKAGE_PANELS]
    panels.append(MyOverdueReviewsPanel(request))


PACKAGE_PANELS = {"wpr-review-overdue", "wpr-review-next"}


class MyOverdueReviewsPanel(Component):
    """The officer's own overdue items: named as owner, or owned by a publishers group they
    are in, on the councils they work for."""

    name = "my-overdue-reviews"
    order = 150
    template_name = "reviews/admin/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        user = self.request.user
        rows = []
        for site in schedule.councils_for(user):
            publishers = list(schedule.publishers_of(site))
            for item in schedule.items_for(site):
                if item.is_overdue and schedule.owned_by(item, user, site, publishers):
                    rows.append({"item": item, "council": site.site_name if site else "National"})
        return {"rows": rows[:20], "more": len(rows) > 20, "report_url": reverse("reviews:report")}


# --- actions in the editors ----------------------------------------------------------------------


class MarkPageReviewedMenuItem(ActionMenuItem):
    label = "Mark as reviewed"
    name = "action-mark-reviewed"
    icon_name = "tick"
    order = 95

    def is_shown(self, context):
        page = context.get("page")
        return (
            context.get("view") == "edit"
            and isinstance(page, BasePage)
            and page.live
            and schedule.can_review(context["request"].user, page)
        )

    def get_url(self, context):
        return reverse("reviews:mark_reviewed", args=["page", context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_mark_page_reviewed():
    return MarkPageReviewedMenuItem()


class ContactMenuItem(SnippetActionMenuItem):
    def is_shown(self, context):
        contact = context.get("instance")
        return (
            context.get("view") == "edit"
            and isinstance(contact, ContactPoint)
            and self.allowed(context["request"].user, contact)
        )

    def allowed(self, user, contact):
        return schedule.can_review(user, contact)


class MarkContactVerifiedMenuItem(ContactMenuItem):
    label = "Mark as verified"
    name = "action-mark-verified"
    icon_name = "tick"
    order = 95

    def get_url(self, context):
        return reverse("reviews:mark_reviewed", args=["contact", context["instance"].pk])


class HoldContactMenuItem(ContactMenuItem):
    label = "Hold (take off the site)"
    name = "action-hold-contact"
    icon_name = "warning"
    order = 96

    def is_shown(self, context):
        return super().is_shown(context) and not context["instance"].is_held

    def get_url(self, context):
        return reverse("reviews:hold", args=[context["instance"].pk])


class ReleaseContactMenuItem(ContactMenuItem):
    label = "Release (show on the site)"
    name = "action-release-contact"
    icon_name = "view"
    order = 96

    def is_shown(self, context):
        return super().is_shown(context) and context["instance"].is_held

    def allowed(self, user, contact):
        return schedule.can_release(user, contact)

    def get_url(self, context):
        return reverse("reviews:release", args=[context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def register_contact_review_items(model):
    if model is ContactPoint:
        return MarkContactVerifiedMenuItem()
    return None


@hooks.register("register_snippet_action_menu_item")
def register_contact_hold_item(model):
    return HoldContactMenuItem() if model is ContactPoint else None


@hooks.register("register_snippet_action_menu_item")
def register_contact_release_item(model):
    return ReleaseContactMenuItem() if model is ContactPoint else None


# --- telling officers, never the public ----------------------------------------------------------


@hooks.register("before_edit_page")
def warn_when_page_review_overdue(request, page):
    page = page.specific
    if request.method == "GET" and isinstance(page, BasePage) and page.live:
        _warn_overdue(request, schedule.page_item(page), "page")


@hooks.register("before_edit_snippet")
def warn_when_contact_needs_attention(request, instance):
    if request.method != "GET" or not isinstance(instance, ContactPoint):
        return
    if instance.is_held:
        messages.warning(
            request,
            f"This contact is held and shown nowhere on the public site: {instance.held_reason}",
        )
    _warn_overdue(request, schedule.contact_item(instance), "contact")


def _warn_overdue(request, item, kind):
    if not item.is_overdue:
        return
    action = "Mark as reviewed" if kind == "page" else "Mark as verified"
    if item.last_reviewed is None:
        text = "Not yet verified." if kind == "contact" else "This page has not been reviewed."
    else:
        text = f"Review overdue since {item.due:%-d %B %Y}."
    messages.warning(request, f"{text} Check it is correct, then use “{action}”.")


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action("reviews.mark_reviewed", "Mark as reviewed", "Marked as reviewed")
    actions.register_action("reviews.hold", "Hold", "Held: taken off the public site")
    actions.register_action("reviews.release", "Release", "Released: shown on the public site")
