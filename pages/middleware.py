from django.conf import settings
from django.utils.csp import CSP

from pages.error_views import method_not_allowed


class AdminContentSecurityPolicyMiddleware:
    """Give the Wagtail admin its own, looser policy.

    The admin relies on inline scripts and styles, so it cannot run under the strict public
    policy. Setting ``_csp_config`` on the response tells Django's CSP middleware (which runs
    after this one on the way out) to use it instead of SECURE_CSP.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_config = settings.ADMIN_CSP
        elif getattr(request, "is_preview", False):
            # The editor shows previews in a frame of its own: the public policy, except that
            # the admin (same origin) may frame it. Live pages still refuse every frame.
            response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


class CrossOriginResourcePolicyMiddleware:
    """Other sites may not embed this site's pages, images or files (Django has no setting)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class MethodNotAllowedPageMiddleware:
    """Give the empty 405 of Django's require_http_methods (and HttpResponseNotAllowed) the
    site's error page, keeping its Allow header. Responses with a body of their own are kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            allowed = [method.strip() for method in response.get("Allow", "").split(",")]
            return method_not_allowed(request, [method for method in allowed if method])
        return response
