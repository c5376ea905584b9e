from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from contact_updates import admin_views


@hooks.register("register_admin_urls")
def register_contact_updates_admin_urls():
    return [
        path(
            "contact-updates/subscribers/",
            admin_views.subscriber_counts,
            name="contact_updates_subscriber_counts",
        )
    ]


class SubscriberCountsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_counts(request.user)


@hooks.register("register_reports_menu_item")
def register_subscriber_counts_menu_item():
    return SubscriberCountsMenuItem(
        "Contact change emails",
        reverse("contact_updates_subscriber_counts"),
        name="contact-change-emails",
        icon_name="mail",
        order=670,
    )
