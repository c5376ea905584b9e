from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Reachable before the second factor: signing in and out, the 2FA screens themselves, and the
# icon sprite and translations those screens load (both are the same for everyone).
OPEN_ADMIN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/two-factor/",
    "/admin/jsi18n/",
    "/admin/sprite/",
)


class AdminTwoFactorMiddleware:
    """No admin page until the officer has proved a second factor in this session.

    Officers without an authenticator yet are sent to set one up; the others to enter a code.
    Sits after django_otp's OTPMiddleware, which tells whether this session is verified.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            from django_otp import user_has_device

            name = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
            target = reverse(f"wagtailadmin_{name}")
            if not _is_page_visit(request):
                # A script's fetch or a form post: going back there after the second step would
                # show the officer a fragment or repeat the post, so send them to the dashboard.
                return redirect(target)
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _must_verify(request):
        user = getattr(request, "user", None)
        return (
            settings.ADMIN_REQUIRE_TWO_FACTOR
            and request.path.startswith("/admin/")
            and not request.path.startswith(OPEN_ADMIN_PATHS)
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
        )


def _is_page_visit(request):
    """True for a person opening an admin page, false for a script's request or a form post."""
    if request.method != "GET" or request.headers.get("x-requested-with") == "XMLHttpRequest":
        return False
    mode = request.headers.get("sec-fetch-mode")
    return mode in (None, "navigate")
