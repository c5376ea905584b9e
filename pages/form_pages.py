"""What the public form pages (training requests, leaflet reports) share: the form at the
page's own address, a confirmation at sent/, and form pages that browsers never keep."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from pages.spam import HONEYPOT_FIELD

RENDER_FIELD = "rendered_at"


class PublicFormPageMixin(RoutablePageMixin):
    """The page's "" route shows and takes the form (each page's own view); this adds the rest."""

    @path("sent/")
    def sent(self, request):
        context = self.get_context(request)
        context["sent"] = True
        return TemplateResponse(request, self.template, context)

    def form_response(self, request, context, status=200):
        response = TemplateResponse(request, self.template, context, status=status)
        # What someone typed must not stay in a shared computer's browser cache.
        patch_cache_control(response, private=True, no_store=True)
        return response

    def redirect_to_sent(self, request):
        # Relative to the address the visitor used: a form may not be sent on to another host
        # (the CSP's form-action), so 127.0.0.1 must not be redirected to localhost.
        return HttpResponseRedirect(self.get_url(request) + "sent/")


def typed_answers(data):
    """What someone typed, without the spam checks' fields: shown again, unchecked, when the
    form cannot be taken yet (too many sent)."""
    return {k: v for k, v in data.items() if k not in (HONEYPOT_FIELD, RENDER_FIELD)}
