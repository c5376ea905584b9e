"""The "Worried about someone?" page with its finder, and the contacts directory."""

from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from contacts.blocks import ABOUT_CHOICES, ContactChooserBlock, FinderRouteBlock
from contacts.choices import Audience, Topic
from contacts.models.contact_points import ContactPoint
from contacts.vcard import vcard_for
from pages.blocks import RICH_TEXT_FEATURES, StepByStepBlock
from pages.models import BasePage

# The finder's questions, in order. Each answer is a GET parameter, so it works without JavaScript.
DANGER_CHOICES = [("yes", "Yes, someone is in danger now"), ("no", "No")]
# Phrased for the person answering; the values match the routes' "who" choices.
WHO_QUESTION_CHOICES = [
    (Audience.RESIDENTS.value, "A resident, friend or family member"),
    (
        Audience.PROFESSIONALS.value,
        "A professional, such as a teacher, health or social care worker",
    ),
    (Audience.COMMUNITY.value, "Someone in a faith or community group"),
]
ABOUT_QUESTION_CHOICES = [c for c in ABOUT_CHOICES if c[0] != "anything"]
FINDER_STEPS = [
    {
        "name": "danger",
        "question": "Is anyone in immediate danger?",
        "choices": DANGER_CHOICES,
        "error": "Select yes if anyone is in immediate danger",
    },
    {
        "name": "who",
        "question": "Who are you?",
        "choices": WHO_QUESTION_CHOICES,
        "error": "Select who you are",
    },
    {
        "name": "about",
        "question": "What is your concern about?",
        "choices": ABOUT_QUESTION_CHOICES,
        "error": "Select what your concern is about",
    },
]


class ConcernReportingPage(RoutablePageMixin, BasePage):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    local_contacts = StreamField(
        [("contact", ContactChooserBlock())],
        blank=True,
        help_text="This council's own Prevent contacts, most important first.",
    )
    what_happens = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="What happens when someone gets in touch with the council.",
    )
    after_referral = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="What happens after a referral: Channel, consent, and that it is not a "
        "criminal record.",
    )
    next_steps = StreamField(
        [("step_by_step", StepByStepBlock())],
        blank=True,
        max_num=1,
        help_text="What happens after someone gets in touch, step by step.",
    )
    finder_routes = StreamField(
        [("route", FinderRouteBlock())],
        blank=True,
        help_text="The answers of the 'Who should I contact?' finder. The first answers that "
        "match the person and their concern are shown; 999 always comes first when there is "
        "danger.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("local_contacts"),
        FieldPanel("what_happens"),
        FieldPanel("after_referral"),
        FieldPanel("next_steps"),
        FieldPanel("finder_routes"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("after_referral")]
    page_description = "'Worried about someone?': who to contact, and the contact finder."
    default_review_months = 6
    template = "pages/concern_reporting_page.html"

    @cached_property
    def site_contacts(self):
        return ContactPoint.objects.for_site(self.get_site())

    def shown(self, contacts):
        """Only published contacts that this site may show, in the order given."""
        allowed = {c.pk for c in self.site_contacts}
        return [c for c in contacts if c is not None and c.pk in allowed]

    @cached_property
    def local_contact_list(self):
        return self.shown(block.value for block in self.local_contacts)

    @cached_property
    def emergency_contact(self):
        return next((c for c in self.site_contacts if c.is_national and c.phone == "999"), None)

    @cached_property
    def national_routes(self):
        return [c for c in self.site_contacts if c.is_national and c.phone != "999"]

    def routes_for(self, who, about):
        """Every matching answer in order; a contact named by an earlier answer is not repeated."""
        matches, seen = [], set()
        for route in self.finder_routes:
            value = route.value
            if value["who"] in ("anyone", who) and value["about"] in ("anything", about):
                contacts = [c for c in self.shown(value["contacts"]) if c.pk not in seen]
                seen.update(c.pk for c in contacts)
                if contacts:
                    matches.append({"reason": value["reason"], "contacts": contacts})
        return matches

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("who-should-i-contact/")
    def finder(self, request):
        answers, step, error = {}, None, None
        submitted = request.GET.get("step")
        for number, question in enumerate(FINDER_STEPS, start=1):
            value = request.GET.get(question["name"], "")
            valid = {choice for choice, _ in question["choices"]}
            if value in valid:
                answers[question["name"]] = value
                if question["name"] == "danger" and value == "yes":
                    break
                continue
            step = {**question, "number": number}
            if value or submitted == question["name"]:
                error = question["error"]
            break

        context = self.get_context(request)
        context.update(
            {
                "answers": answers,
                "step": step,
                "error": error,
                "steps_total": len(FINDER_STEPS),
                "back_url": self._back_url(request, answers),
            }
        )
        if step is None:
            context["in_danger"] = answers.get("danger") == "yes"
            if not context["in_danger"]:
                context["routes"] = self.routes_for(answers["who"], answers["about"])
                context["summary"] = [
                    {
                        "question": step["question"],
                        "answer": dict(step["choices"])[answers[step["name"]]],
                        # Asking this question again: keep only the answers given before it.
                        "change_url": self._finder_url(
                            request, {s["name"]: answers[s["name"]] for s in FINDER_STEPS[:number]}
                        ),
                    }
                    for number, step in enumerate(FINDER_STEPS[1:], start=1)
                ]
        response = TemplateResponse(request, "pages/concern_finder.html", context)
        if error:
            response.status_code = 400
        return response

    def _finder_url(self, request, answers):
        query = urlencode(answers)
        base = self.get_url(request) + "who-should-i-contact/"
        return base + (f"?{query}" if query else "")

    def _back_url(self, request, answers):
        """Back one question: drop the last answer given (or leave the finder at the start)."""
        if not answers:
            return self.get_url(request)
        return self._finder_url(request, dict(list(answers.items())[:-1]))


class ContactDirectoryPage(RoutablePageMixin, BasePage):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    page_description = "Every contact for this council, with filters, for partners and residents."
    template = "pages/contact_directory_page.html"

    def get_cached_paths(self):
        # A CDN purges each contact's vCard with the directory that links to it.
        contacts = ContactPoint.objects.for_site(self.get_site()).values_list("pk", flat=True)
        return ["/", *(f"/{pk}/vcard/" for pk in contacts)]

    @path("")
    def directory(self, request):
        topic = request.GET.get("topic", "")
        audience = request.GET.get("audience", "")
        query = request.GET.get("q", "").strip()[:100]
        contacts = ContactPoint.objects.for_site(self.get_site())
        if query:
            contacts = contacts.filter(Q(name__icontains=query) | Q(handles__icontains=query))
        # Lists are JSON, which SQLite cannot search inside; the register is small.
        contacts = [
            c
            for c in contacts
            if (topic not in Topic.values or topic in c.topics)
            and (audience not in Audience.values or audience in c.audiences)
        ]
        context = self.get_context(request)
        context.update(
            {
                "contacts": contacts,
                "topic": topic,
                "audience": audience,
                "query": query,
                "topic_choices": Topic.choices,
                "audience_choices": Audience.choices,
            }
        )
        return TemplateResponse(request, self.template, context)

    @path("<int:contact_id>/vcard/")
    def vcard(self, request, contact_id):
        contact = ContactPoint.objects.for_site(self.get_site()).filter(pk=contact_id).first()
        if contact is None:
            raise Http404("No such contact on this site")
        response = HttpResponse(vcard_for(contact), content_type="text/vcard; charset=utf-8")
        filename = slugify(contact.name) or "contact"
        response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
        return response
