"""Subscribing to, confirming and cancelling emails about a council's contact changes.

Plain URLs under /email/, which the page cache never keeps. The sign-up form is exempt from
CSRF, as the newsletter's is: a forged sign-up can only send a confirmation email, which the
rate limit bounds, and nobody is subscribed until they confirm.
"""

import contextlib

from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from contact_updates.emails import CONFIRM_SALT, UNSUBSCRIBE_SALT
from contact_updates.models import ContactUpdateSubscriber, PendingConfirmation
from contact_updates.sending import queue_sign_up
from contact_updates.tasks import send_sign_up_email
from contacts.models import ContactDirectoryPage
from newsletters.forms import SubscribeForm
from newsletters.tokens import read_confirm_token, read_unsubscribe_token
from pages.email_sender import council_for
from pages.rate_limit import over_limit

SUBSCRIBE_LIMIT = 5
SUBSCRIBE_WINDOW_SECONDS = 60 * 60


def _site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No council answers at this address")
    return site


def _context(site, **extra):
    directory = ContactDirectoryPage.objects.live().descendant_of(site.root_page).first()
    return {"council": council_for(site), "directory": directory, **extra}


def _message(request, site, title, body, status="success", status_code=200):
    context = _context(site, message_title=title, message_body=body, status=status)
    return TemplateResponse(request, "contact_updates/message.html", context, status=status_code)


@csrf_exempt
def subscribe(request):
    site = _site(request)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "GET":
        return TemplateResponse(
            request, "contact_updates/subscribe.html", _context(site, form=SubscribeForm())
        )
    if over_limit(
        request, f"contact_updates:subscribe:{site.pk}", SUBSCRIBE_LIMIT, SUBSCRIBE_WINDOW_SECONDS
    ):
        return _message(
            request,
            site,
            "Too many attempts",
            "You have tried to sign up too many times. Wait an hour, then try again.",
            status="error",
            status_code=429,
        )
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request, "contact_updates/subscribe.html", _context(site, form=form), status=400
        )
    email = form.cleaned_data["email"].strip().lower()
    # Saved before any attempt to send, so a mail outage loses nothing.
    pending = queue_sign_up(site, email)
    send_sign_up_email.enqueue(pending.pk)
    # The same reply whether or not the address is already subscribed: the email says which.
    if PendingConfirmation.objects.filter(pk=pending.pk).exists():
        opening = f"We are sending an email to {email}. It may take a while to arrive."
    else:
        opening = f"We have sent an email to {email}."
    return _message(
        request,
        site,
        "Check your email",
        f"{opening} Select the link in it to confirm. The link works for 48 hours.",
    )


def confirm(request):
    site = _site(request)
    email = read_confirm_token(request.GET.get("token", ""), site.pk, salt=CONFIRM_SALT)
    if email is None:
        return _message(
            request,
            site,
            "This link has expired or is not valid",
            "Confirmation links work for 48 hours. Sign up again to get a new link.",
            status="error",
            status_code=400,
        )
    if request.method == "POST":
        with contextlib.suppress(IntegrityError), transaction.atomic():
            ContactUpdateSubscriber.objects.get_or_create(site=site, email=email)
        return _message(
            request,
            site,
            "You are subscribed",
            f"We will email {email} when this council's Prevent and safeguarding contacts "
            "change: at most one email a day. Every email has a link to unsubscribe.",
        )
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    # A GET only shows the button: mail scanners that open links must not subscribe anyone.
    return TemplateResponse(
        request, "contact_updates/confirm.html", _context(site, email=email, action="confirm")
    )


@csrf_exempt  # one-click unsubscribe: mail programs POST here with no session (RFC 8058)
def unsubscribe(request, token):
    site = _site(request)
    email = read_unsubscribe_token(token, site.pk, salt=UNSUBSCRIBE_SALT)
    if email is None:
        return _message(
            request,
            site,
            "This link is not valid",
            "Use the unsubscribe link in the most recent email about contact changes.",
            status="error",
            status_code=400,
        )
    if request.method == "POST":
        # The address goes for good, with the record of the emails sent to it.
        with transaction.atomic():
            ContactUpdateSubscriber.objects.filter(site=site, email=email).delete()
            PendingConfirmation.objects.filter(site=site, email=email).delete()
        return _message(
            request,
            site,
            "You have unsubscribed",
            f"We have deleted {email} from our list. You will not get any more emails about "
            "changes to our contacts.",
        )
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return TemplateResponse(
        request,
        "contact_updates/confirm.html",
        _context(site, email=email, action="unsubscribe"),
    )
