"""General pages: what extremism is, Channel, the privacy notice and the like."""

from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import ContentStreamBlock
from pages.contents import table_of_contents
from pages.models.base import BasePage


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
