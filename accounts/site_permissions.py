"""What an officer may touch is decided per council (Wagtail site), not per model.

Wagtail gives site settings per-site permissions (GroupSitePermission) but treats snippets as
one pool: anyone who may change a contact may change every council's contacts. Contacts and
team members carry a site, so they get the same per-site policy as settings, and their admin
views check the object in hand, not only the model. A contact with no site belongs to the
national register, which only officers with a global permission (in practice, superusers)
may change.
"""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.models import DraftStateMixin, Site
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.action_menu import PublishMenuItem, UnpublishMenuItem

# Any of these lets an officer see an object in the admin list; each action is still checked.
ANY_ACTION = ["add", "change", "delete", "publish", "view"]


class SiteScopedPermissionPolicy(SitePermissionPolicy):
    """Per-site permissions for a model with a (possibly blank) site; blank means national.

    `refused_actions` are actions nobody, superusers included, may take in the admin: records
    that only a resident's own request creates (subscribers, reports) set them."""

    refused_actions = frozenset()

    def user_has_any_permission(self, user, actions):
        actions = [action for action in actions if action not in self.refused_actions]
        return bool(actions) and super().user_has_any_permission(user, actions)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = [action for action in actions if action not in self.refused_actions]
        return bool(actions) and super().user_has_any_permission_for_instance(
            user, actions, instance
        )

    def _has_global_reach(self, user, actions):
        return user.is_superuser or self._user_has_global_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not (user.is_authenticated and user.is_active):
            return self.model._default_manager.none()
        if self._has_global_reach(user, actions):
            # The parent filters by site, which would drop the national (site-less) rows.
            return self.model._default_manager.all()
        return self.model._default_manager.filter(
            site__in=self.sites_user_has_any_permission_for(user, actions)
        )

    def sites_for_form(self, user, instance):
        """The sites an officer may save this object under: where they may add or change."""
        actions = ["change"] if instance.pk else ["add"]
        return self.sites_user_has_any_permission_for(user, actions), self._has_global_reach(
            user, actions
        )


class SiteScopedObjectMixin:
    """Mixed into every admin view of a site-scoped snippet: the object in hand must belong
    to a council the officer works for, and each action (publish, delete) is checked on it."""

    @cached_property
    def permission_policy(self):
        # Wagtail's workflow views have none of their own.
        return policy_registry.get_by_type(self.model)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if getattr(obj, "pk", None) is None:
            return obj  # a new object: the form offers only the officer's own councils
        policy = self.permission_policy
        if not policy.user_has_any_permission_for_instance(self.request.user, ANY_ACTION, obj):
            raise PermissionDenied
        return obj

    def user_has_permission(self, permission):
        obj = getattr(self, "object", None)
        if getattr(obj, "pk", None) is not None:
            return self.permission_policy.user_has_permission_for_instance(
                self.request.user, permission, obj
            )
        return super().user_has_permission(permission)

    def form_valid(self, form):
        # Wagtail accepts "publish" from anyone with the right on some council; the object is
        # published only by an officer with the right on its own council, else kept as a draft.
        if getattr(self, "action", None) == "publish":
            may_publish = self.permission_policy.user_has_permission_for_instance(
                self.request.user, "publish", form.instance
            )
            if not may_publish:
                self.action = "create" if self.view_name == "create" else "edit"
        return super().form_valid(form)


class SiteScopedViewSetMixin:
    """For a SnippetViewSet whose model has a `site` field and a SiteScopedPermissionPolicy."""

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ANY_ACTION
        )

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, SiteScopedObjectMixin) and hasattr(view_class, "get_object"):
            view_class = type(view_class.__name__, (SiteScopedObjectMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)


class SiteScopedFormMixin:
    """Offers only the councils the officer works for; the national register (no site) only
    to officers with a global permission. Mixed into a WagtailAdminModelForm."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.for_user or "site" not in self.fields:
            return
        policy = policy_registry.get_by_type(self._meta.model)
        sites, global_reach = policy.sites_for_form(self.for_user, self.instance)
        field = self.fields["site"]
        field.queryset = Site.objects.filter(pk__in=sites.values("pk")).order_by("site_name")
        if not global_reach:
            field.required = True
            field.empty_label = None
            field.help_text = "The council this belongs to."


def site_scoped_action_menu(menu_items, request, context):
    """The edit view's Publish and Unpublish buttons, for officers who may publish the object.

    Wagtail shows them only to officers with the global publish right; for a site-scoped model
    the right on the object's own council decides (on a new object, the right on any council:
    the form offers only those councils, and the save checks the one chosen)."""
    model = context["model"]
    policy = policy_registry.get_by_type(model)
    if not (isinstance(policy, SiteScopedPermissionPolicy) and issubclass(model, DraftStateMixin)):
        return
    menu_items[:] = [
        item for item in menu_items if not isinstance(item, (PublishMenuItem, UnpublishMenuItem))
    ]
    if context.get("locked_for_user"):
        return
    user = request.user
    instance = context.get("instance")
    if instance is None:
        if policy.user_has_permission(user, "publish"):
            menu_items.append(PublishMenuItem(order=30))
    elif policy.user_has_permission_for_instance(user, "publish", instance):
        menu_items.append(PublishMenuItem(order=30))
        if instance.live:
            menu_items.append(UnpublishMenuItem(order=20))
    menu_items.sort(key=lambda item: item.order)
