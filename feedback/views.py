"""The "Is this page useful?" answers: one plain POST for Yes or No, then, after No, an
optional comment. Each works without JavaScript (a page after each step) and with it (the
script asks for JSON and shows the next step in place).

Both POSTs are exempt from CSRF protection, so the form on every cached page needs no CSRF
cookie (a response that sets a cookie is never cached: delivery/page_cache.py). That is safe
here: the form changes no one's account, data or settings; a forged answer can only add one
anonymous answer, which the honeypot, the signed render time and the per-address rate limit
bound, and a comment can only be added to a "No" answer through the signed token handed back
for that answer, once.
"""

from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page, Site

from feedback.forms import MAX_PAGE_ID, AnswerForm, CommentForm
from feedback.masking import mask_personal_details
from feedback.models import COMMENT_MAX_LENGTH, PageFeedback
from pages import spam
from pages.rate_limit import over_limit

# Answers from one address to one council in an hour. Generous enough for a shared office
# network; far below what a robot would send.
ANSWER_LIMIT = 20
ANSWER_WINDOW_SECONDS = 60 * 60

NOT_ACCEPTED = "We could not accept your answer. Go back to the page, reload it, and try again."


class RefusedError(Exception):
    def __init__(self, status, title, body, feedback_page=None):
        super().__init__(title)
        self.status, self.title, self.body, self.feedback_page = status, title, body, feedback_page


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _message(request, status, title, body, feedback_page=None, success=False):
    if _wants_json(request):
        return JsonResponse({"error": body} if status >= 400 else {"message": body}, status=status)
    context = {
        "message_title": title,
        "message_body": body,
        "feedback_page": feedback_page,
        "success": success,
    }
    return TemplateResponse(request, "feedback/message.html", context, status=status)


def _refused(request, refusal):
    return _message(request, refusal.status, refusal.title, refusal.body, refusal.feedback_page)


def _site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise RefusedError(400, "Sorry, there is a problem", NOT_ACCEPTED)
    return site


def _page_on(site, page_id):
    page = Page.objects.live().descendant_of(site.root_page, inclusive=True).filter(pk=page_id)
    page = page.first()
    if page is None:
        raise RefusedError(
            400,
            "We could not find that page",
            "The page you answered about is not on this website, or it has been taken down. "
            "Go back to the page you were reading and try again.",
        )
    return page


def _check_not_a_robot(request, site, page, stamp_required=True):
    if spam.caught_by_honeypot(request.POST):
        raise RefusedError(400, "Sorry, there is a problem", NOT_ACCEPTED, page)
    if stamp_required:
        elapsed = spam.seconds_since_render(request.POST.get("rendered"))
        if elapsed is None:
            raise RefusedError(400, "Sorry, there is a problem", NOT_ACCEPTED, page)
        if elapsed < spam.MIN_SECONDS:
            raise RefusedError(
                400,
                "Your answer was sent too quickly",
                "We only accept answers sent a few seconds after the page has opened, to keep "
                "out automated messages. Go back to the page and answer again.",
                page,
            )
    if over_limit(request, f"feedback:{site.pk}", ANSWER_LIMIT, ANSWER_WINDOW_SECONDS):
        raise RefusedError(
            429,
            "Too many answers",
            "We have had a lot of answers from your network in the last hour. "
            "Wait an hour, then try again.",
            page,
        )


def _thanks_url(page):
    return f"{reverse('feedback:thanks')}?{urlencode({'page': page.pk})}"


@csrf_exempt  # see the module's docstring
@never_cache
@require_POST
def answer(request):
    try:
        site = _site(request)
        form = AnswerForm(request.POST)
        if not form.is_valid():
            if "page" in form.errors:
                raise RefusedError(400, "Sorry, there is a problem", form.errors["page"][0])
            page = _page_on(site, form.cleaned_data["page"])
            raise RefusedError(400, "Select yes or no", form.errors["useful"][0], page)
        page = _page_on(site, form.cleaned_data["page"])
        _check_not_a_robot(request, site, page)
    except RefusedError as refusal:
        return _refused(request, refusal)

    useful = form.cleaned_data["useful"] == "yes"
    saved = PageFeedback.objects.create(page=page, site=site, useful=useful)
    if useful:
        if _wants_json(request):
            return JsonResponse({"message": "Thank you for your feedback."})
        return HttpResponseRedirect(_thanks_url(page), status=303)
    token = spam.answer_token(saved)
    if _wants_json(request):
        return JsonResponse({"answer": token})
    url = f"{reverse('feedback:what_was_wrong')}?{urlencode({'answer': token})}"
    return HttpResponseRedirect(url, status=303)


def _answer_for(site, token):
    answer_id = spam.answer_id_from(token)
    found = None
    if answer_id is not None:
        found = (
            PageFeedback.objects.filter(pk=answer_id, site=site, useful=False)
            .select_related("page")
            .first()
        )
    if found is None:
        raise RefusedError(
            400,
            "This link has expired or is not valid",
            "You can add a comment for a day after answering. Go back to the page and answer "
            "again if you would like to tell us what was wrong.",
        )
    return found


def _comment_page(request, saved, token, form, status=200):
    context = {
        "feedback_page": saved.page,
        "answer_token": token,
        "form": form,
        "comment_max_length": COMMENT_MAX_LENGTH,
    }
    return TemplateResponse(request, "feedback/what_was_wrong.html", context, status=status)


@csrf_exempt  # see the module's docstring
@never_cache
@require_http_methods(["GET", "POST"])
def what_was_wrong(request):
    """After a "No" without JavaScript: the comment box. Its POST adds the comment."""
    token = request.POST.get("answer") if request.method == "POST" else request.GET.get("answer")
    try:
        site = _site(request)
        saved = _answer_for(site, token)
        if request.method == "GET":
            return _comment_page(request, saved, token, CommentForm())
        # The answer itself passed the time check: a comment needs only the other two.
        _check_not_a_robot(request, site, saved.page, stamp_required=False)
    except RefusedError as refusal:
        return _refused(request, refusal)

    form = CommentForm(request.POST)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"errors": {"comment": form.errors["comment"][0]}}, status=400)
        return _comment_page(request, saved, token, form, status=400)
    comment = mask_personal_details(form.cleaned_data["comment"])
    if comment:
        # Once only: a second POST with the same token leaves the first comment alone.
        PageFeedback.objects.filter(pk=saved.pk, comment="").update(comment=comment)
    if _wants_json(request):
        return JsonResponse({"message": "Thank you for your feedback."})
    return HttpResponseRedirect(_thanks_url(saved.page), status=303)


@never_cache
@require_GET
def thanks(request):
    page = None
    page_id = request.GET.get("page", "")
    site = Site.find_for_request(request)
    if page_id.isdigit() and int(page_id) <= MAX_PAGE_ID and site is not None:
        page = (
            Page.objects.live()
            .descendant_of(site.root_page, inclusive=True)
            .filter(pk=int(page_id))
            .first()
        )
    return _message(
        request,
        200,
        "Thank you for your feedback",
        "We read every answer and use them to improve this website. We cannot reply to "
        "comments sent this way.",
        feedback_page=page,
        success=True,
    )
