"""A council's Prevent landing page: the root of its site."""

from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from delivery import site_cache
from pages.blocks import RICH_TEXT_FEATURES, ContentStreamBlock
from pages.models.base import BasePage, live_children, newest_changes


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
        "training_finder.TrainingFinderPage",
        "bookings.BookingRequestPage",
        "events.EventIndexPage",
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
