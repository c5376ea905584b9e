import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists. A new account gets a generated password, "
        "shown once; nothing is ever asked for, so this never waits for input."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--new-password",
            action="store_true",
            help="Give the account a new generated password (when the old one is lost).",
        )

    def handle(self, *args, username, new_password, **options):
        User = get_user_model()
        admin_url = f"{settings.WAGTAILADMIN_BASE_URL}/admin/"
        user = User.objects.filter(username=username).first()
        if user is None and User.objects.filter(is_superuser=True).exists() and not new_password:
            self.stdout.write(f"Log in at {admin_url} with your administrator account.")
            return
        if user is not None and not new_password:
            self.stdout.write(
                f"Log in at {admin_url} as '{username}'. "
                "Lost the password? Run: make admin-password"
            )
            return

        password = secrets.token_urlsafe(18)
        if user is None:
            user = User.objects.create_superuser(username=username, email="", password=password)
            action = "Created an administrator account"
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
            action = "Set a new password"
        line = "=" * 72
        self.stdout.write(
            self.style.SUCCESS(
                f"\n{line}\n{action}. Write the password down: it is shown only this once.\n"
                f"  Admin:    {admin_url}\n  Username: {username}\n  Password: {password}\n"
                "After the password, the admin asks you to set up two-step sign-in with an\n"
                f"authenticator app on your phone.\n{line}\n"
            )
        )
