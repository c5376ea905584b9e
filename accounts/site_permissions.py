"""What an officer may touch is decided per council (Wagtail site), not per model.

Wagtail gives site settings per-site permissions (GroupSitePermission) but treats snippets as
one pool: anyone who may change a contact may change every council's contacts. Contacts and
team members carry a site, so they get the same per-site policy as settings, and their admin
views check the object in hand, not only the model. A contact with no site belongs to the
national register, which only officers with a global permission (in practice, superusers)
may change.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Site
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.permissions import policy_registry

# Any of these lets an officer see an object in the admin list; each action is still checked.
ANY_ACTION = ["add", "change", "delete", "publish", "view"]


class SiteScopedPermissionPolicy(SitePermissionPolicy):
    """Per-site permissions for a model with a (possibly blank) site; blank means national."""

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
