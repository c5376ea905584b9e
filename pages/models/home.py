"""A council's Prevent landing page: the root of its site."""

from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from delivery import site_cache
from pages.blocks import RICH_TEXT_FEATURES, ContentStreamBlock
from pages.models.base import BasePage, newest_changes


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
        # Plain pages, not each as its own type: the cards read summaries from the page index.
        # Kept in the site cache with the pages themselves, like every listing's children.
        return site_cache.for_page(
            self,
            "sections",
            lambda: list(site_cache.public(self.get_children().live()).filter(show_in_menus=True)),
        )

    @cached_property
    def newest_pages(self):
        # The same on every visit until a page of the site changes, and dear to work out (a
        # join per page type), so it is kept in the site cache with the site's navigation.
        return site_cache.for_page(
            self,
            "newest-pages",
            lambda: list(newest_changes(site_cache.public(self.get_descendants().live()))[:3]),
        )
