from django.urls import path
from wagtail import hooks

from accounts import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/setup/", views.setup, name="wagtailadmin_two_factor_setup"),
        path("two-factor/verify/", views.verify, name="wagtailadmin_two_factor_verify"),
    ]
