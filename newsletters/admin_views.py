"""The officer's send screen for an issue: preview, test send, confirmed send, progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from newsletters.emails import build_issue_email, send_issue_email
from newsletters.models import NewsletterIssuePage, Subscriber
from newsletters.sending import MAIL_ERRORS, progress, queue_issue
from newsletters.tasks import send_issue


def _issue_for(request, issue_id):
    issue = get_object_or_404(NewsletterIssuePage, pk=issue_id)
    if not issue.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return issue


def email_preview(request, issue_id):
    issue = _issue_for(request, issue_id)
    built = build_issue_email(issue, request.user.email or "preview@example.org")
    response = HttpResponse(built["html"])
    # The email's own HTML, shown as is: no scripts, nothing from other sites.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src *"
    return response


def send(request, issue_id):
    issue = _issue_for(request, issue_id)
    send_url = reverse("newsletters_admin:send", args=[issue.pk])
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            if not request.user.email:
                messages.error(request, "Add an email address to your account to send a test.")
                return redirect(send_url)
            try:
                send_issue_email(issue, request.user.email)
            except MAIL_ERRORS as error:
                messages.error(request, f"The test email could not be sent: {error}")
            else:
                messages.success(request, f"A test email has been sent to {request.user.email}.")
            return redirect(send_url)
        if action == "send" and request.POST.get("confirmed") == "yes":
            if not issue.live:
                messages.error(request, "Publish the issue before sending it to subscribers.")
                return redirect(send_url)
            added = queue_issue(issue, request.user)
            send_issue.enqueue(issue.pk)
            messages.success(
                request,
                f"Sending started: {added} new deliveries queued. Progress is shown below.",
            )
            return redirect(send_url)
        if action == "resume":
            send_issue.enqueue(issue.pk)
            messages.success(request, "Sending resumed for the deliveries still queued.")
            return redirect(send_url)
        messages.error(request, "Confirm that you want to send the issue to every subscriber.")
        return redirect(send_url)

    return TemplateResponse(
        request,
        "newsletters/admin/send.html",
        {
            "issue": issue,
            "subscriber_count": Subscriber.objects.filter(site=issue.get_site()).count(),
            "progress": progress(issue),
            "confirming": request.GET.get("confirm") == "1",
            "preview_url": reverse("newsletters_admin:email_preview", args=[issue.pk]),
            "send_url": send_url,
        },
    )
