"""The public request form, served by BookingRequestPage's routes."""

import logging

from bookings.bookable import open_bookable_pages
from bookings.forms import SOMETHING_ELSE, BookingRequestForm
from bookings.models import BookingRequest
from bookings.tasks import send_booking_request_emails
from pages.form_pages import typed_answers
from pages.rate_limit import over_limit
from pages.spam import render_stamp

logger = logging.getLogger(__name__)

# Requests from one visitor to one council in an hour. Counted on every send, so a program
# trying again and again is stopped too.
REQUEST_LIMIT = 10
REQUEST_WINDOW_SECONDS = 60 * 60


def _preselected(request, pages):
    """The page named by ?for=<id>, if it is one of this council's open pages; else nothing."""
    wanted = request.GET.get("for", "")
    return wanted if any(str(page.pk) == wanted for page in pages) else None


def request_form(page, request):
    context = page.get_context(request)
    site = page.get_site()
    pages = open_bookable_pages(site)
    if request.method != "POST":
        initial = {"course": _preselected(request, pages)}
        context.update(form=BookingRequestForm(initial=initial, pages=pages))
        context["rendered_at"] = render_stamp()
        return page.form_response(request, context)

    if over_limit(request, f"bookings:{site.pk}", REQUEST_LIMIT, REQUEST_WINDOW_SECONDS):
        # What they typed is shown again, unchecked, for when they can send it.
        typed = typed_answers(request.POST)
        context.update(
            too_many=True,
            form=BookingRequestForm(initial=typed, pages=pages),
            rendered_at=render_stamp(),
        )
        return page.form_response(request, context, status=429)

    form = BookingRequestForm(request.POST, pages=pages)
    if form.is_spam:
        # Answered as if it worked, so the program learns nothing; nothing is kept.
        logger.info("Booking request form: honeypot filled in on site %s; discarded", site.pk)
        return page.redirect_to_sent(request)
    valid = form.is_valid()
    send_again = form.sent_too_fast or form.expired
    if not valid or send_again:
        context.update(form=form, rendered_at=render_stamp(), send_again=send_again and valid)
        return page.form_response(request, context, status=400)

    data = form.cleaned_data
    chosen = form.chosen_page
    booking = BookingRequest.objects.create(
        site=site,
        page=chosen,
        page_title=chosen.title if chosen else "",
        something_else=data["something_else"] if data["course"] == SOMETHING_ELSE else "",
        name=data["name"],
        organisation=data["organisation"],
        role=data["role"],
        email=data["email"],
        phone=data["phone"],
        people=data["people"],
        preferred_dates=data["preferred_dates"],
        access_needs=data["access_needs"],
    )
    # Saved first, so nothing is lost if the mail server is down: the emails wait in the task
    # queue, and the scheduler retries any that failed (notifications.py).
    send_booking_request_emails.enqueue(booking.pk)
    return page.redirect_to_sent(request)
