from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from pages.site_ownership import refuse_other_councils_items, site_of_page


class BasePageForm(WagtailAdminPageForm):
    """A new page joins the tree only once it is saved, so the model cannot tell yet which
    council it belongs to: here its parent's council judges what it chooses."""

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is None and self.parent_page is not None:
            try:
                refuse_other_councils_items(self.instance, site_of_page(self.parent_page))
            except ValidationError as error:
                self._update_errors(error)


class BasePage(Page):
    """Fields every page has: a required summary for listings, search results and the
    meta description."""

    summary = models.TextField(
        max_length=300,
        help_text=(
            "One or two plain sentences. Shown in listings and search results, and used as "
            "the description search engines show."
        ),
    )
    # Off by default: the GOV.UK Design System advises the button only on pages where someone
    # may be at risk if seen reading them.
    show_exit_this_page = models.BooleanField(
        "Show the 'Exit this page' button",
        default=False,
        help_text=(
            "For pages someone may need to leave quickly, such as reporting a concern. The "
            "button, or pressing Shift three times, replaces the page with the neutral website "
            "set under Settings > Branding."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            "For search engines",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], "For site menus"),
        MultiFieldPanel([FieldPanel("show_exit_this_page")], "For people at risk"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    base_form_class = BasePageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        # Contacts, pages, images and documents of another council are refused on every save.
        if self.path:
            refuse_other_councils_items(self, site_of_page(self))

    @cached_property
    def meta_description(self):
        return self.search_description or self.summary


def live_children(page, model=None):
    """Live, public children of ``page`` in tree order, as specific pages."""
    children = page.get_children().live().public()
    if model is not None:
        children = children.type(model)
    return children.specific()
