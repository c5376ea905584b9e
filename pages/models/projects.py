"""Community projects the Prevent team commissions or runs."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES, ContentStreamBlock, FigureBlock, LinkBlock
from pages.models.base import BasePage, live_children


class CommunityProjectIndexPage(BasePage):
    intro = RichTextField(features=RICH_TEXT_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.CommunityProjectPage"]
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    page_description = "Lists the community projects, current ones first, then past ones."
    template = "pages/community_project_index_page.html"

    @cached_property
    def projects(self):
        return list(live_children(self, CommunityProjectPage))

    @property
    def current_projects(self):
        return [p for p in self.projects if p.status == CommunityProjectPage.Status.CURRENT]

    @property
    def past_projects(self):
        return [p for p in self.projects if p.status == CommunityProjectPage.Status.PAST]


class CommunityProjectPage(BasePage):
    class Status(models.TextChoices):
        CURRENT = "current", "Current"
        PAST = "past", "Past"

    aim = models.TextField(max_length=400, help_text="What the project sets out to do.")
    audience = models.CharField(max_length=200, help_text="Who it is for, such as 'parents'.")
    age_from = models.PositiveSmallIntegerField(null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(null=True, blank=True)
    period = models.CharField(
        max_length=40, help_text="When it runs or ran, such as '2022–23' or 'Since May 2016'."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CURRENT)
    delivery_partners = StreamField(
        [("partner", LinkBlock()), ("named_partner", wagtail_blocks.CharBlock(max_length=200))],
        blank=True,
        help_text="Organisations that deliver it. Link them where they have a website.",
    )
    outcomes = StreamField(
        [("figure", FigureBlock())],
        blank=True,
        help_text="Results as figures, such as '4' 'series delivered' and '57' 'parents reached'.",
    )
    body = StreamField(ContentStreamBlock(), help_text="What happens in the project.")
    contact_name = models.CharField(
        max_length=120, blank=True, help_text="The person to contact about this project."
    )
    contact_role = models.CharField(max_length=120, blank=True)
    contact_note = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="How to get involved or find out more.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("aim"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("age_from"), FieldPanel("age_to")], "Age range"),
                FieldRowPanel([FieldPanel("period"), FieldPanel("status")]),
            ],
            "Who and when",
        ),
        FieldPanel("delivery_partners"),
        FieldPanel("outcomes"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_note")],
            "Project contact",
        ),
    ]

    parent_page_types = ["pages.CommunityProjectIndexPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("aim"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]
    page_description = "One community project: its aim, audience, partners and results."
    template = "pages/community_project_page.html"

    def clean(self):
        super().clean()
        if self.age_from is not None and self.age_to is not None and self.age_from > self.age_to:
            raise ValidationError({"age_to": "The upper age must not be below the lower age."})

    @property
    def age_range(self):
        if self.age_from is not None and self.age_to is not None:
            return f"{self.age_from} to {self.age_to}"
        if self.age_from is not None:
            return f"{self.age_from} and over"
        if self.age_to is not None:
            return f"Up to {self.age_to}"
        return ""
