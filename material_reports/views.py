"""The public report form, served by MaterialReportPage's route."""

import logging

from material_reports.forms import MaterialReportForm
from material_reports.models import MaterialReport
from material_reports.tasks import notify_prevent_team
from pages.form_pages import typed_answers
from pages.rate_limit import over_limit
from pages.spam import render_stamp

logger = logging.getLogger(__name__)

# Reports from one visitor to one council in an hour. Counted on every send, so a program
# trying again and again is stopped too.
REPORT_LIMIT = 10
REPORT_WINDOW_SECONDS = 60 * 60


def report_form(page, request):
    context = page.get_context(request)
    if request.method != "POST":
        context.update(form=MaterialReportForm(), rendered_at=render_stamp())
        return page.form_response(request, context)

    site = page.get_site()
    if over_limit(request, f"material_reports:{site.pk}", REPORT_LIMIT, REPORT_WINDOW_SECONDS):
        # What they typed is shown again, unchecked, for when they can send it.
        typed = typed_answers(request.POST)
        context.update(
            too_many=True, form=MaterialReportForm(initial=typed), rendered_at=render_stamp()
        )
        return page.form_response(request, context, status=429)

    form = MaterialReportForm(request.POST, request.FILES)
    if form.is_spam:
        # Answered as if it worked, so the program learns nothing; nothing is kept.
        logger.info("Report form: honeypot filled in on site %s; discarded", site.pk)
        return page.redirect_to_sent(request)
    valid = form.is_valid()
    send_again = form.sent_too_fast or form.expired
    if not valid or send_again:
        context.update(
            form=form,
            rendered_at=render_stamp(),
            send_again=send_again and valid,
            # A browser cannot put a chosen file back into the form.
            choose_photo_again=bool(request.FILES.get("photo")) and "photo" not in form.errors,
        )
        return page.form_response(request, context, status=400)

    data = form.cleaned_data
    report = MaterialReport.objects.create(
        site=site,
        location=data["location"],
        postcode=data["postcode"],
        seen_on=data["seen_on"],
        description=data["description"],
        photo=data["photo"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
    )
    # Saved first, so nothing is lost if the mail server is down: the alert waits in the task
    # queue, and the scheduler retries alerts that failed (notifications.py).
    notify_prevent_team.enqueue(report.pk)
    return page.redirect_to_sent(request)
