"""The pages shown when the site itself is broken: the 500 page, and the 503 page when the
database cannot be reached. Both carry the 999 notice and the national helplines from code."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from contacts.fallback import NATIONAL_HELPLINES
from contacts.models import ContactPoint
from pages.models.site_settings import DEFAULT_EMERGENCY_MESSAGE, emergency_message_parts


def _helplines():
    # Unsaved contacts: the card shows them exactly as it shows the register, with no query.
    return [ContactPoint(last_verified=None, **line) for line in NATIONAL_HELPLINES]


def _offline_context():
    return {
        "emergency": {"parts": emergency_message_parts(DEFAULT_EMERGENCY_MESSAGE)},
        "helplines": _helplines(),
    }


def unavailable_page_html():
    """The 503 page as HTML. A caching proxy in front serves the same page when no app instance
    answers (`manage.py write_unavailable_page`, deploy/varnish/default.vcl)."""
    return loader.get_template("503.html").render(_offline_context())


def server_error(request):
    """The 500 page, or the 503 page when the database is down. Both are rendered without a
    request context or any query, with the 999 notice in its default wording and the national
    helplines from code, so a reader in need still gets the numbers."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(unavailable_page_html(), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponse(loader.get_template("500.html").render(_offline_context()), status=500)
