"""The "Before you call" checklist: what the Prevent team will ask, to tick and print.

Everything a visitor ticks or types stays in their browser: the page has no form that submits,
no field with a name, and a Content-Security-Policy that lets its scripts fetch nothing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.csp import CSP
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from contacts.blocks import ChecklistSectionBlock, ContactChooserBlock
from contacts.models.contact_points import site_contacts
from pages.blocks import RICH_TEXT_FEATURES
from pages.models import BasePage


@dataclass
class ChecklistItem:
    id: str
    text: str
    hint: str
    notes_box: bool


@dataclass
class ChecklistSection:
    id: str
    heading: str
    guidance: object
    contacts: list
    items: list = field(default_factory=list)


class ReferralChecklistPage(BasePage):
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Why it helps to get ready, and that nobody needs proof to get in touch.",
    )
    contacts = StreamField(
        [("contact", ContactChooserBlock())],
        blank=True,
        help_text="Who to call, shown after 999 at the top and on the printout. "
        "Leave empty to show the contacts of the 'Worried about someone?' page.",
    )
    sections = StreamField(
        [("section", ChecklistSectionBlock())],
        help_text="What the team will ask, one section per subject.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("contacts"),
        FieldPanel("sections"),
    ]

    parent_page_types = ["contacts.ConcernReportingPage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    page_description = (
        "'Before you call': what the Prevent team will ask, as a list to tick and print."
    )
    default_review_months = 6
    template = "pages/referral_checklist_page.html"

    @cached_property
    def site_contacts(self):
        return {c.pk: c for c in site_contacts(self)}

    def shown(self, contacts):
        """Only published contacts that this site may show, in the order given."""
        return [self.site_contacts[c.pk] for c in contacts if c and c.pk in self.site_contacts]

    @cached_property
    def emergency_contact(self):
        """The national 999 contact, as the 'Worried about someone?' page shows it."""
        return next(
            (c for c in self.site_contacts.values() if c.is_national and c.phone == "999"), None
        )

    @cached_property
    def contact_list(self):
        chosen = self.shown(block.value for block in self.contacts)
        if chosen:
            return chosen
        parent = self.get_parent().specific
        return list(getattr(parent, "local_contact_list", []))

    @cached_property
    def checklist(self):
        """The sections with an id for each item's tick box and notes box, unique on the page."""
        sections = []
        for number, block in enumerate(self.sections, start=1):
            value = block.value
            section = ChecklistSection(
                id=f"section-{number}",
                heading=value["heading"],
                guidance=value["guidance"],
                contacts=self.shown(value["contacts"]),
            )
            for item_number, item in enumerate(value["items"], start=1):
                section.items.append(
                    ChecklistItem(
                        id=f"item-{number}-{item_number}",
                        text=item["text"],
                        hint=item["hint"],
                        notes_box=item["notes_box"],
                    )
                )
            sections.append(section)
        return sections

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The site's policy, with nothing at all for scripts to connect to, not even this site.
        response._csp_config = {**settings.SECURE_CSP, "connect-src": [CSP.NONE]}
        return response
