"""The "Which Prevent training do I need?" page: a start page, the questions, the answer and a
calendar reminder, all read from the address. It stores nothing about the person."""

import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from delivery import site_cache
from delivery.page_cache import expire_by
from pages.blocks import RICH_TEXT_FEATURES
from pages.models import BasePage, TrainingIndexPage
from pages.site_ownership import council_name, site_of_page
from training_finder.blocks import TrainingRouteBlock
from training_finder.finder import TrainingFinder, TrainingRoute, unreachable_routes
from training_finder.reminder import reminder_calendar, reminder_uid

LONDON = ZoneInfo("Europe/London")


def london_today():
    return timezone.now().astimezone(LONDON).date()


def next_london_midnight():
    return datetime.datetime.combine(
        london_today() + datetime.timedelta(days=1), datetime.time(), tzinfo=LONDON
    )


class TrainingFinderPage(RoutablePageMixin, BasePage):
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown above the Start button: who the finder is for.",
    )
    routes = StreamField(
        [("route", TrainingRouteBlock())],
        blank=True,
        help_text="The finder's answers, most particular first: a person is shown the first "
        "answer that matches their sector and role.",
    )
    no_match = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        verbose_name="When no answer matches",
        help_text="Shown when no answer above matches, with a link to GOV.UK's Prevent duty "
        "training and to this council's training.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("routes"),
        FieldPanel("no_match"),
    ]

    parent_page_types = ["pages.TrainingIndexPage", "pages.HomePage"]
    subpage_types = []
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    page_description = "'Which Prevent training do I need?': two questions, then the training."
    template = "pages/training_finder_page.html"

    @classmethod
    def can_create_at(cls, parent):
        """One per council: not where the council's site has one already."""
        if not super().can_create_at(parent):
            return False
        site = site_of_page(parent)
        if site is None:
            return True
        return not cls.objects.descendant_of(site.root_page).exists()

    def clean(self):
        super().clean()
        routes = [
            TrainingRoute(b.value["sectors"], b.value["roles"], [], [], 1)
            for b in self.routes
            if b.block_type == "route"
        ]
        if unreachable := unreachable_routes(routes):
            numbers = ", ".join(str(n) for n in unreachable)
            raise ValidationError(
                {
                    "routes": f"Answer {numbers} can never be shown: the answers above already "
                    "cover every sector and role it is for. Move it up or change who it is for."
                }
            )

    @cached_property
    def training_index(self):
        """The council's training page, for the answer's "all our training" link."""
        site = self.get_site()
        if site is None:
            return None
        return site_cache.public(
            TrainingIndexPage.objects.live().descendant_of(site.root_page)
        ).first()

    def _routes(self):
        """The answers, each with only the council's live courses. A generator, so the courses
        are loaded only when someone has answered both questions."""
        for block in self.routes:
            value = block.value
            yield TrainingRoute(
                sectors=list(value["sectors"]),
                roles=list(value["roles"]),
                national_training=list(value["national_training"]),
                courses=[c for c in value["courses"] if c is not None and c.live],
                refresh_months=value["refresh_months"],
                refresh_wording=value["refresh_wording"],
                notes=value["notes"],
            )

    def _finder(self, request):
        page_url = self.get_url(request)
        return TrainingFinder(
            self._routes(), page_url, page_url + self.reverse_subpage("finder"), london_today()
        )

    @path("")
    def start(self, request):
        return self.render(request)

    @path("questions/")
    def finder(self, request):
        result = self._finder(request).read(request.GET)
        if result.finished:
            # The refresh date counts from today: the answer is kept no later than midnight.
            expire_by(request, next_london_midnight())
        context = self.get_context(request)
        context.update(result.as_context())
        if result.route is not None:
            context["reminder_url"] = (
                self.get_url(request)
                + self.reverse_subpage("reminder")
                + "?"
                + urlencode(result.answers)
            )
        return TemplateResponse(
            request, "pages/training_finder_steps.html", context, status=result.status_code
        )

    @path("reminder/")
    def reminder(self, request):
        result = self._finder(request).read(request.GET)
        if not result.finished:
            raise BadRequest("The reminder needs an answer to each question.")
        if result.route is None:
            raise Http404("No refresh date for these answers")
        expire_by(request, next_london_midnight())
        site = self.get_site()
        answer_url = (
            self.get_full_url(request)
            + self.reverse_subpage("finder")
            + "?"
            + urlencode(result.answers)
        )
        body = reminder_calendar(
            day=result.refresh_by,
            uid=reminder_uid(site.hostname, self.pk, result.answers, result.refresh_by),
            url=answer_url,
            council=council_name(site),
            now=timezone.now(),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="prevent-training-reminder.ics"'
        return response
