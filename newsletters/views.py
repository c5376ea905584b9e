"""Subscribing, confirming and unsubscribing: the newsletter's public steps, all under /email/
(newsletters/urls.py). Each works on the newsletter page of the site the request is for."""

import contextlib

from django.db import IntegrityError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from newsletters.forms import SubscribeForm
from newsletters.models import NewsletterIndexPage, PendingSignUp, Subscriber
from newsletters.sending import queue_sign_up, sign_up_emails_failing
from newsletters.subscribers import erase_address
from newsletters.tasks import send_sign_up_email
from newsletters.tokens import read_confirm_token, read_unsubscribe_token
from pages.rate_limit import over_limit

# At most this many sign-up attempts from one address to one council's newsletter in the
# window, to stop abuse. Each council counts its own: a busy address on one site (a shared
# office network, say) is not blocked from another council's newsletter.
SUBSCRIBE_LIMIT = 5
SUBSCRIBE_WINDOW_SECONDS = 60 * 60


def _over_limit(request, site):
    return over_limit(
        request, f"newsletters:subscribe:{site.pk}", SUBSCRIBE_LIMIT, SUBSCRIBE_WINDOW_SECONDS
    )


def _message(request, index, status, title, body, status_code=200):
    context = index.get_context(request)
    context.update({"status": status, "message_title": title, "message_body": body})
    return TemplateResponse(request, "pages/newsletter_message.html", context, status=status_code)


def _index_for(request):
    """This site's newsletter page, or 404 when the site has none."""
    index = NewsletterIndexPage.for_site(Site.find_for_request(request))
    if index is None:
        raise Http404("This site has no newsletter")
    return index


@csrf_exempt
def subscribe(request):
    """A plain URL, exempt from CSRF, so the newsletter page carries no per-visitor token and
    can be cached. A forged sign-up can do no harm: it only sends a confirmation email, which
    the rate limit bounds, and nobody is subscribed until they confirm."""
    index = _index_for(request)
    if request.method != "POST":
        return HttpResponseRedirect(index.get_url(request) + "#subscribe")
    if _over_limit(request, index.get_site()):
        return _message(
            request,
            index,
            "error",
            "Too many attempts",
            "You have tried to sign up too many times. Wait an hour, then try again.",
            status_code=429,
        )
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        response = index.issue_list(request)
        response.context_data["subscribe_form"] = form
        response.status_code = 400
        return response
    site = index.get_site()
    email = form.cleaned_data["email"].strip().lower()
    # Saved before any attempt to send, so a mail outage loses nothing: the email is sent in
    # the background and, if the mail server fails, retried until it goes.
    pending = queue_sign_up(site, email)
    send_sign_up_email.enqueue(pending.pk)
    # The same reply whether or not the address is already subscribed, so the page never
    # reveals who is on the list; the email itself says which applies. The reply says only
    # whether the email has gone (tasks run at once in development), is waiting for the
    # worker, or is held up by a mail outage.
    if not PendingSignUp.objects.filter(pk=pending.pk).exists():
        opening = f"We have sent an email to {email}."
    elif sign_up_emails_failing():
        return _message(
            request,
            index,
            "delayed",
            "Your email may take a while to arrive",
            "Our email system is not working properly at the moment. We have kept your "
            f"request and will send an email to {email} as soon as we can. Select the link in "
            "it to confirm your subscription. You do not need to sign up again.",
        )
    else:
        opening = f"We are sending an email to {email}. It should arrive in a few minutes."
    return _message(
        request,
        index,
        "success",
        "Check your email",
        f"{opening} Select the link in it to confirm your subscription. "
        "The link works for 48 hours.",
    )


def confirm(request, token):
    """The link in the confirmation email. Unlike sign-up and unsubscribe it keeps CSRF
    protection: the Confirm button is pressed on this page, never by a mail program."""
    index = _index_for(request)
    site = index.get_site()
    email = read_confirm_token(token, site.pk)
    if email is None:
        return _message(
            request,
            index,
            "error",
            "This link has expired or is not valid",
            "Confirmation links work for 48 hours. Sign up again to get a new link.",
            status_code=400,
        )
    if request.method == "POST":
        # Confirmed twice at the same moment: the second finds the address already subscribed.
        with contextlib.suppress(IntegrityError):
            Subscriber.objects.get_or_create(site=site, email=email)
        return _message(
            request,
            index,
            "success",
            "You are subscribed",
            f"We will email new issues of the newsletter to {email}. Every email has a link to "
            "unsubscribe.",
        )
    # A GET only shows the button: mail scanners that open links must not subscribe anyone.
    context = index.get_context(request)
    context.update({"email": email, "action": "confirm"})
    return TemplateResponse(request, "pages/newsletter_confirm.html", context)


@csrf_exempt  # one-click unsubscribe: mail programs POST here with no session (RFC 8058)
def unsubscribe(request, token):
    """A plain URL rather than a page route, so that it can accept a POST with no CSRF token:
    the signed token is the proof that the request comes from the subscriber's email."""
    index = _index_for(request)
    site = index.get_site()
    email = read_unsubscribe_token(token, site.pk)
    if email is None:
        return _message(
            request,
            index,
            "error",
            "This link is not valid",
            "Use the unsubscribe link in the most recent newsletter email.",
            status_code=400,
        )
    if request.method == "POST":
        # As the page promises: the address is deleted, with the record of every issue sent
        # to it, not only taken off the list.
        erase_address(site, email)
        return _message(
            request,
            index,
            "success",
            "You have unsubscribed",
            f"We have deleted {email} from the newsletter list, with our record of the issues "
            "we sent to it. You will not get any more issues.",
        )
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    context = index.get_context(request)
    context.update({"email": email, "action": "unsubscribe"})
    return TemplateResponse(request, "pages/newsletter_confirm.html", context)
