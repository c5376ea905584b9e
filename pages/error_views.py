"""Error pages in the council's own layout, with the 999 notice, for every error a visitor can
cause. The 500 and 503 pages render with no database, so they live with the fallback helplines
in contacts/offline.py."""

from django.template.response import TemplateResponse
from django.views.decorators.csrf import requires_csrf_token


def _error_page(request, template_name, status, context=None):
    # Rendered now: handlers and middleware hand the response straight back to Django.
    return TemplateResponse(request, template_name, context or {}, status=status).render()


@requires_csrf_token
def bad_request(request, exception):
    return _error_page(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception):
    return _error_page(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request, exception):
    return _error_page(request, "404.html", 404)


def csrf_failure(request, reason=""):
    """A form sent without its security token: usually cookies blocked, or a page left open too
    long. Opening the page again gives a fresh token, so the way back is a link to it."""
    # Never "//host/...", which a browser would read as another site's address.
    try_again_url = "/" + request.get_full_path().lstrip("/")
    return _error_page(request, "403_csrf.html", 403, {"try_again_url": try_again_url})


def method_not_allowed(request, allowed_methods):
    response = _error_page(request, "405.html", 405)
    response["Allow"] = ", ".join(allowed_methods)
    return response
