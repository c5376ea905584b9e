from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.panels import ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.site_permissions import SiteScopedPermissionPolicy, SiteScopedViewSetMixin
from newsletters import admin_views
from newsletters.forms import TeamMemberForm
from newsletters.models import NewsletterIssuePage, Subscriber, TeamMember
from newsletters.seed import load_team_members
from newsletters.subscriber_admin import SubscriberPermissionPolicy, SubscriberViewSet
from pages.choosers import CouncilSnippetChooserViewSet

# Before the viewset is registered: an officer changes only their own council's team.
register_permission_policy(TeamMember, SiteScopedPermissionPolicy(TeamMember))


class TeamMemberViewSet(SiteScopedViewSetMixin, SnippetViewSet):
    model = TeamMember
    edit_handler = ObjectList(TeamMember.panels, base_form_class=TeamMemberForm)
    icon = "group"
    menu_label = "Team members"
    list_display = ["name", "role", "site"]
    list_filter = ["site"]
    search_fields = ["name", "role"]
    chooser_viewset_class = CouncilSnippetChooserViewSet


register_snippet(TeamMemberViewSet)

# Before the viewset is registered: an officer sees and erases their own council's only.
register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("newsletter_subscribers")


admin_urls = [
    path("<int:issue_id>/send/", admin_views.send, name="send"),
    path("<int:issue_id>/email-preview/", admin_views.email_preview, name="email_preview"),
]


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [path("newsletters/", include((admin_urls, "newsletters_admin")))]


class SendIssueMenuItem(ActionMenuItem):
    label = "Send to subscribers"
    name = "action-send-newsletter"
    icon_name = "mail"
    order = 90

    def is_shown(self, context):
        page = context.get("page")
        return context.get("view") == "edit" and isinstance(page, NewsletterIssuePage) and page.live

    def get_url(self, context):
        return reverse("newsletters_admin:send", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_send_issue_menu_item():
    return SendIssueMenuItem()


@hooks.register("load_seed_data")
def load_seed_team_members(data, site):
    load_team_members(data, site)
