from django.conf import settings


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
        return response


class CrossOriginResourcePolicyMiddleware:
    """Other sites may not embed this site's pages, images or files (Django has no setting)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
