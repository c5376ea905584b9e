"""The Prevent landing page, CONTEST and its strands, the statutory duty and general pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from delivery import site_cache
from pages import blocks
from pages.blocks import RICH_TEXT_FEATURES, ContentStreamBlock
from pages.contents import table_of_contents
from pages.models.base import BasePage, BasePageForm, live_children, newest_changes


class HomePage(BasePage):
    intro = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="What Prevent is, in two or three short paragraphs."
    )
    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.ContestPage",
        "pages.PreventDutyPage",
        "pages.CommunityProjectIndexPage",
        "pages.TrainingIndexPage",
        "pages.InformationPage",
        "contacts.ConcernReportingPage",
        "contacts.ContactDirectoryPage",
        "newsletters.NewsletterIndexPage",
        "material_reports.MaterialReportPage",
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    page_description = "A council's Prevent landing page: the root of its site."
    template = "pages/home_page.html"

    @cached_property
    def sections(self):
        return live_children(self).filter(show_in_menus=True)

    @cached_property
    def newest_pages(self):
        return newest_changes(site_cache.public(self.get_descendants().live()))[:3]


class ContestPage(BasePage):
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="What CONTEST is and who leads it. Spell out the name the first time.",
    )
    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ContestStrandPage"]
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    page_description = "CONTEST, the UK counter-terrorism strategy, with one page per strand."
    template = "pages/contest_page.html"

    @cached_property
    def strands(self):
        return live_children(self, ContestStrandPage)


class ContestStrandPageForm(BasePageForm):
    def clean(self):
        cleaned_data = super().clean()
        strand = cleaned_data.get("strand")
        if strand and self.parent_page is not None:
            duplicate = (
                ContestStrandPage.objects.child_of(self.parent_page)
                .filter(strand=strand)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if duplicate:
                self.add_error(
                    "strand",
                    forms.ValidationError(
                        f"This CONTEST page already has a page for {duplicate.get_strand_display()}"
                        f" (\u201c{duplicate.title}\u201d). Edit that page instead."
                    ),
                )
        return cleaned_data


class ContestStrandPage(BasePage):
    class Strand(models.TextChoices):
        PURSUE = "pursue", "Pursue"
        PREVENT = "prevent", "Prevent"
        PROTECT = "protect", "Protect"
        PREPARE = "prepare", "Prepare"

    strand = models.CharField(max_length=10, choices=Strand.choices)
    aim = models.CharField(
        max_length=200,
        help_text="The strand's aim in a few words, such as 'Stop terrorist attacks'.",
    )
    body = StreamField(
        ContentStreamBlock(), help_text="What this council or body does for this strand."
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("strand"), FieldPanel("aim")], "The strand"),
        FieldPanel("body"),
    ]
    base_form_class = ContestStrandPageForm

    parent_page_types = ["pages.ContestPage"]
    subpage_types = []
    search_fields = [*BasePage.search_fields, index.SearchField("aim"), index.SearchField("body")]
    page_description = "One of CONTEST's four strands: Pursue, Prevent, Protect or Prepare."
    template = "pages/contest_strand_page.html"

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else None
        if parent is None or not self.strand:
            return
        siblings = ContestStrandPage.objects.child_of(parent).filter(strand=self.strand)
        if siblings.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"strand": f"There is already a page for {self.get_strand_display()} here."}
            )


class PreventDutyPage(BasePage):
    act_title = models.CharField(max_length=200, default="Counter-Terrorism and Security Act 2015")
    act_section = models.CharField(
        max_length=60, blank=True, default="Section 26", help_text="The section that sets the duty."
    )
    act_url = models.URLField(blank=True, help_text="The Act on legislation.gov.uk.")
    act_passed_on = models.DateField(
        null=True, blank=True, help_text="The day the Act became law (Royal Assent)."
    )
    in_force_on = models.DateField(help_text="The day the duty came into force.")
    bodies_covered = StreamField([("body", blocks.BodyCoveredBlock())], min_num=1)
    key_figures = StreamField([("figure", blocks.FigureBlock())], blank=True)
    due_regard = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="What 'due regard' means for this council's work."
    )
    guidance_links = StreamField([("link", blocks.LinkBlock())], blank=True)
    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("act_title"),
                FieldPanel("act_section"),
                FieldPanel("act_url"),
                FieldPanel("act_passed_on"),
                FieldPanel("in_force_on"),
            ],
            "The law",
        ),
        FieldPanel("bodies_covered"),
        FieldPanel("key_figures"),
        FieldPanel("due_regard"),
        FieldPanel("guidance_links"),
        FieldPanel("body"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.InformationPage"]
    max_count_per_parent = 1
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("act_title"),
        index.SearchField("due_regard"),
        index.SearchField("body"),
    ]
    default_review_months = 6
    page_description = (
        "The Prevent duty: the law, when it began, who it covers, what it means here."
    )
    template = "pages/prevent_duty_page.html"


class InformationPage(BasePage):
    body = StreamField(ContentStreamBlock())

    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    parent_page_types = ["pages.HomePage", "pages.InformationPage", "pages.PreventDutyPage"]
    subpage_types = ["pages.InformationPage"]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    page_description = "A general page, such as what extremism is, Channel, or the privacy notice."
    template = "pages/information_page.html"

    @cached_property
    def contents(self):
        """The 'Contents' list: the body's level-2 headings, with the ids those headings carry."""
        return table_of_contents(self.body)
