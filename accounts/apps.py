from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Officer accounts"

    def ready(self):
        from accounts import signals  # noqa: F401  (connects the receivers)


class OfficerUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with forms that list each council's groups first."""

    user_viewset = "accounts.users.OfficerUserViewSet"
