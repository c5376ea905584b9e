from django.http import HttpResponseServerError
from django.template import loader

from contacts.models.contact_points import DEFAULT_EMERGENCY_MESSAGE


def server_error(request):
    """Render 500.html without a request context: the database may be what failed, so the page
    must need no context processors, site settings or queries. The 999 notice uses its default
    wording, which needs no database."""
    before, _, after = DEFAULT_EMERGENCY_MESSAGE.partition("999")
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"emergency": {"parts": {"before": before, "after": after}}})
    )
