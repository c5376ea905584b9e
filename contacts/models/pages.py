"""The "Worried about someone?" page with its finder, and the contacts directory."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from contacts.blocks import ContactChooserBlock, FinderRouteBlock
from contacts.choices import Audience, Topic
from contacts.finder import Finder, FinderRoute
from contacts.models.checklist import ReferralChecklistPage
from contacts.models.contact_points import ContactPoint, site_contacts
from contacts.vcard import vcard_for
from delivery import site_cache
from pages.blocks import RICH_TEXT_FEATURES, StepByStepBlock
from pages.models import BasePage


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
    subpage_types = ["contacts.ReferralChecklistPage"]
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("after_referral")]
    page_description = "'Worried about someone?': who to contact, and the contact finder."
    default_review_months = 6
    template = "pages/concern_reporting_page.html"

    @cached_property
    def site_contacts(self):
        return site_contacts(self)

    def shown(self, contacts):
        """Only published contacts that this site may show, in the order given."""
        allowed = {c.pk for c in self.site_contacts}
        return [c for c in contacts if c is not None and c.pk in allowed]

    @cached_property
    def local_contact_list(self):
        return self.shown(block.value for block in self.local_contacts)

    @cached_property
    def referral_checklist(self):
        """The live 'Before you call' checklist under this page, if there is one."""
        return site_cache.for_page(
            self,
            "referral-checklist",
            lambda: site_cache.public(
                self.get_children().live().exact_type(ReferralChecklistPage)
            ).first(),
        )

    @cached_property
    def emergency_contact(self):
        return next((c for c in self.site_contacts if c.is_national and c.phone == "999"), None)

    @cached_property
    def national_routes(self):
        return [c for c in self.site_contacts if c.is_national and c.phone != "999"]

    def _finder_routes(self):
        """The finder's answers, each with only the contacts this site may show. A generator,
        so the contacts are loaded only when the finder gets as far as its answers."""
        for route in self.finder_routes:
            value = route.value
            yield FinderRoute(
                value["who"], value["about"], value["reason"], self.shown(value["contacts"])
            )

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("who-should-i-contact/")
    def finder(self, request):
        page_url = self.get_url(request)
        finder = Finder(self._finder_routes(), page_url, page_url + self.reverse_subpage("finder"))
        result = finder.read(request.GET)
        context = self.get_context(request)
        context.update(result.as_context())
        return TemplateResponse(
            request, "pages/concern_finder.html", context, status=result.status_code
        )


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
        # The council's register is small and kept in the site cache: filtered here, not in
        # the database (which, on SQLite, cannot search inside the JSON lists anyway).
        words = query.casefold()
        contacts = [
            c
            for c in site_contacts(self)
            if (not words or words in c.name.casefold() or words in c.handles.casefold())
            and (topic not in Topic.values or topic in c.topics)
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
