"""The workshops and training the Prevent team offers."""

import re

from django.db import models
from django.utils.functional import cached_property
from wagtail import blocks as wagtail_blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES, ContentStreamBlock, QuoteBlock
from pages.models.base import BasePage, live_children


class TrainingIndexPage(BasePage):
    intro = RichTextField(features=RICH_TEXT_FEATURES)
    how_to_arrange = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="How to book any session. Each course shows this unless it has its own.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("how_to_arrange")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = [
        "pages.TrainingCoursePage",
        "training_finder.TrainingFinderPage",
        "bookings.BookingRequestPage",
    ]
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    page_description = "Lists the training the team offers and how to arrange a session."
    template = "pages/training_index_page.html"

    @cached_property
    def courses(self):
        return live_children(self, TrainingCoursePage)


class TrainingCoursePage(BasePage):
    class Delivery(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"
        BOTH = "both", "Online or in person"

    full_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The full name when the title is an abbreviation, such as "
        "'Workshop to Raise Awareness of Prevent' for WRAP.",
    )
    audience = models.CharField(max_length=300, help_text="Who the session is for.")
    length_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How long a session lasts, in minutes."
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.BOTH)
    cost_pounds = models.DecimalField(
        max_digits=7, decimal_places=2, default=0, help_text="0 for a free session."
    )
    learning_outcomes = StreamField(
        [("outcome", wagtail_blocks.CharBlock(max_length=300, label="Participants learn"))],
        min_num=1,
        help_text="What participants learn, one point per item.",
    )
    quotes = StreamField([("quote", QuoteBlock())], blank=True)
    body = StreamField(ContentStreamBlock(), blank=True)
    how_to_arrange = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Leave blank to use the text from the training page.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("full_name"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel(
                    [
                        FieldPanel("length_minutes"),
                        FieldPanel("delivery"),
                        FieldPanel("cost_pounds"),
                    ]
                ),
            ],
            "Session details",
        ),
        FieldPanel("learning_outcomes"),
        FieldPanel("body"),
        FieldPanel("quotes"),
        FieldPanel("how_to_arrange"),
    ]

    parent_page_types = ["pages.TrainingIndexPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("full_name"),
        index.SearchField("audience"),
        index.SearchField("body"),
    ]
    page_description = "One workshop or course: audience, length, cost and what people learn."
    template = "pages/training_course_page.html"

    # Offered on the council's booking request form (bookings/bookable.py): a course can be
    # asked for at any time.
    accepts_booking_requests = True
    booking_requests_open = True

    @property
    def title_is_abbreviation(self):
        """True for a title such as 'WRAP'. Only then does "WRAP stands for ..." read right;
        a title in words, such as 'Incel ideology and extreme misogyny', stands for nothing."""
        return bool(re.fullmatch(r"[A-Z][A-Z0-9&]+", self.title.strip()))

    @property
    def length_display(self):
        if not self.length_minutes:
            return "Agreed when you book"
        hours, minutes = divmod(self.length_minutes, 60)
        parts = []
        if hours:
            parts.append(f"{hours} hour{'s' if hours > 1 else ''}")
        if minutes:
            parts.append(f"{minutes} minutes")
        return " ".join(parts)

    @property
    def cost_display(self):
        if not self.cost_pounds:
            return "Free"
        return f"£{self.cost_pounds:,.2f}"

    @property
    def arrangements(self):
        if self.how_to_arrange:
            return self.how_to_arrange
        parent = self.get_parent().specific
        return getattr(parent, "how_to_arrange", "")
