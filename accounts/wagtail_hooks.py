from django.urls import path
from wagtail import hooks

from accounts import views
from accounts.site_permissions import site_scoped_action_menu

# Publish and Unpublish in a snippet's editor follow the per-council policy of the object in
# hand (contacts today), not a global permission the council groups do not hold.
hooks.register("construct_snippet_action_menu", site_scoped_action_menu)


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/setup/", views.setup, name="wagtailadmin_two_factor_setup"),
        path("two-factor/verify/", views.verify, name="wagtailadmin_two_factor_verify"),
    ]
