"""The shared StreamField vocabulary for every page type.

Each block is a small typed structure with its own template in
templates/components/streamfield/, so editors compose pages from parts that always render
accessibly, rather than from free-form HTML.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from pages.contents import Heading, own_anchor

# Rich text stays plain: no headings (the heading block does those, so the outline is
# predictable), no embeds, no images inline.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


# --- placeholder links ------------------------------------------------------------------------
# A link to "#", "http://" or "javascript:" looks like a link to a reader but goes nowhere. Such
# links are refused on save: in link blocks here, and in every rich text field and block
# (linkcheck/apps.py adds the check to the admin's rich text and StreamField form fields).

_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")


def placeholder_link_problem(href):
    """Why this address is a placeholder rather than a real link, or None if it is not one."""
    address = (href or "").strip()
    if not address:
        return "has no address"
    if address == "#":
        return "goes to “#”, which is a placeholder, not an address"
    # Browsers ignore spaces and control characters inside a scheme: "java script:" still runs.
    if _IGNORED_IN_SCHEME.sub("", address).lower().startswith("javascript:"):
        return "runs a script (javascript:) instead of going to an address"
    parts = urlsplit(address)
    if parts.scheme.lower() in ("http", "https") and not parts.hostname:
        return f"goes to “{address}”, which has no website name"
    return None


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # [attrs, text]
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = [dict(attrs), ""]
            self.links.append(self._open)

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data


def rich_text_links(source):
    """(href, link text) for every link in rich text held in the database format. Links to
    pages and documents here carry a linktype and an id instead of an href: they are left out."""
    collector = _LinkCollector()
    collector.feed(source or "")
    collector.close()
    return [
        (attrs.get("href") or "", " ".join(text.split()))
        for attrs, text in collector.links
        if not attrs.get("linktype")
    ]


def placeholder_link_message(href, text=""):
    problem = placeholder_link_problem(href)
    if problem is None:
        return None
    name = f"The link “{text}”" if text else "A link"
    return (
        f"{name} {problem}. Enter the full address, such as https://www.gov.uk/prevent, "
        "or remove the link."
    )


def validate_rich_text_links(value):
    """Refuses rich text (a RichText or its source HTML) holding a placeholder link."""
    source = getattr(value, "source", value)
    messages = [
        message
        for href, text in rich_text_links(source)
        if (message := placeholder_link_message(href, text))
    ]
    if messages:
        raise ValidationError(messages)


class ContentsHeadingMixin:
    """For a block that carries a heading: the heading gets an id unique on the page and may
    be listed in the page's contents (pages/contents.py). Its template uses `anchor`."""

    def to_table_of_contents_item(self, value):
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # A stream passes each heading its anchor; rendered alone (a block preview), the
        # heading makes its own.
        if not context.get("anchor"):
            context["anchor"] = own_anchor(self.to_table_of_contents_item(value).text)
        return context


class HeadingBlock(ContentsHeadingMixin, blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading (level 2)"), ("h3", "Subheading (level 3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        description = "A section heading; it also appears in the page's contents list."
        template = "components/streamfield/heading_block.html"
        preview_value = {"text": "What Prevent does", "level": "h2"}
        group = "Text"

    def to_table_of_contents_item(self, value):
        """Every heading gets an id; only level-2 headings are listed in the contents."""
        return Heading(value["text"], listed=value["level"] == "h2")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("information", "Information"), ("warning", "Warning")],
        default="information",
    )
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "Callout"
        description = "Draws attention to one important point."
        template = "components/streamfield/callout_block.html"
        preview_value = {
            "kind": "information",
            "heading": "Training is free",
            "text": "<p>Every session the team offers is free of charge.</p>",
        }
        group = "Text"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(
        max_length=120, help_text="Who said it, such as 'WRAP participant'."
    )

    class Meta:
        icon = "openquote"
        label = "Quote"
        description = "A quotation with the person or group it comes from."
        template = "components/streamfield/quote_block.html"
        preview_value = {"quote": "A really useful session.", "attribution": "Workshop participant"}
        group = "Text"


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    content = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Accordion"
        description = "Sections that open and close; all open when JavaScript is off."
        template = "components/streamfield/accordion_block.html"
        preview_value = {
            "items": [{"heading": "What is Channel?", "content": "<p>A support programme.</p>"}]
        }
        group = "Layout"


class CaptionedImageBlock(blocks.StructBlock):
    # Wagtail's ImageBlock requires alt text unless the editor ticks "decorative".
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Image"
        description = "An image with alt text (or marked decorative) and an optional caption."
        template = "components/streamfield/captioned_image_block.html"
        group = "Media"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=200, help_text="Leave blank to use the document's own title."
    )

    class Meta:
        icon = "doc-full"
        label = "Document"
        description = "A link to a document, showing its file type and size."
        template = "components/streamfield/document_link_block.html"
        group = "Media"


class LinkStructValue(blocks.StructValue):
    """The link's text whether it points at a page or an address. Its address comes from the
    `link_href` template tag, which makes a page's URL relative to the current site."""

    @property
    def text(self):
        if self.get("link_text"):
            return self.get("link_text")
        page = self.get("page")
        return page.title if page else self.get("external_url", "")


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False)
    external_url = blocks.URLBlock(required=False, label="Address of another website")
    link_text = blocks.CharBlock(
        required=False, max_length=200, help_text="Leave blank to use the page's title."
    )
    source = blocks.CharBlock(
        required=False, max_length=120, help_text="Who publishes it, such as 'GOV.UK'."
    )

    def clean(self, value):
        # Before the address is checked as a URL, so "#" gets a clearer message than
        # "Enter a valid URL".
        address = (value.get("external_url") or "").strip()
        if address and (message := placeholder_link_message(address)):
            raise blocks.StructBlockValidationError(
                block_errors={"external_url": ValidationError(message)}
            )
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError("Choose a page or enter an address, but not both.")
                }
            )
        if value.get("external_url") and not value.get("link_text"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "link_text": ValidationError("Links to other websites need link text.")
                }
            )
        return value

    class Meta:
        icon = "link"
        label = "Link"
        value_class = LinkStructValue
        template = "components/streamfield/link_block.html"


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    links = blocks.ListBlock(LinkBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "List of links"
        description = "A short list of links to pages here or on other websites."
        template = "components/streamfield/link_list_block.html"
        group = "Links"


class StepStructValue(blocks.StructValue):
    @property
    def paragraphs(self):
        """The step's text split at blank lines, so each paragraph gets GOV.UK body styles."""
        return [
            part.strip() for part in re.split(r"\n\s*\n", self.get("text") or "") if part.strip()
        ]


class StepBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, help_text="What happens, such as 'You get in touch'."
    )
    text = blocks.TextBlock(
        max_length=600, help_text="Two or three short sentences. A blank line starts a paragraph."
    )
    links = blocks.ListBlock(LinkBlock(), min_num=0, default=[], label="Links (optional)")

    class Meta:
        icon = "arrow-right"
        label = "Step"
        value_class = StepStructValue


class StepByStepBlock(ContentsHeadingMixin, blocks.StructBlock):
    """GOV.UK's step-by-step navigation pattern, as a numbered list that needs no JavaScript."""

    heading = blocks.CharBlock(
        max_length=120, help_text="Such as 'What happens after you contact the Prevent team'."
    )
    steps = blocks.ListBlock(StepBlock(), min_num=2)

    class Meta:
        icon = "list-ol"
        label = "Step by step"
        description = "What happens next, as numbered steps with a heading each."
        template = "components/streamfield/step_by_step_block.html"
        preview_value = {
            "heading": "What happens after you contact the Prevent team",
            "steps": [
                {
                    "heading": "You get in touch",
                    "text": "You tell us what worries you.",
                    "links": [],
                },
                {
                    "heading": "We listen",
                    "text": "An officer listens and asks questions.",
                    "links": [],
                },
            ],
        }
        group = "Layout"

    def to_table_of_contents_item(self, value):
        """Its heading is a level-2 heading, listed in the contents."""
        return Heading(value["heading"])


def live_pages_in_order(pages):
    """The chosen pages as their specific types (cards show fields such as the summary), live
    ones only, in the order the editor chose: one query per page type, not one per page."""
    chosen = [page for page in pages if page]
    # The chosen pages are already loaded, with their types: no query for the types, and none
    # at all for a chooser limited to one page type, whose pages come loaded as that type.
    found = {page.pk: page for page in chosen if type(page) is page.specific_class}
    ids_by_model = {}
    for page in chosen:
        if page.pk not in found:
            ids_by_model.setdefault(page.specific_class or Page, []).append(page.pk)
    for model, ids in ids_by_model.items():
        found.update(model.objects.filter(pk__in=ids).in_bulk())
    return [found[page.pk] for page in chosen if page.pk in found and found[page.pk].live]


class RelatedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Related pages", max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), min_num=1, max_num=6)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # Plain pages: a card needs only the title, address and summary (card_summary).
        context["cards"] = [page for page in value["pages"] if page and page.live]
        return context

    class Meta:
        icon = "doc-empty-inverse"
        label = "Related pages"
        description = "Cards linking to other pages on this site, with their summaries."
        template = "components/streamfield/related_pages_block.html"
        group = "Links"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=20, help_text="The number, such as '57' or 'over 10'.")
    label = blocks.CharBlock(max_length=120, help_text="What it counts, such as 'parents reached'.")

    class Meta:
        icon = "table"
        label = "Figure"


class ContentStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label="Text",
        template="components/streamfield/paragraph_block.html",
        group="Text",
    )
    callout = CalloutBlock()
    quote = QuoteBlock()
    accordion = AccordionBlock()
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    link_list = LinkListBlock()
    step_by_step = StepByStepBlock()
    related_pages = RelatedPagesBlock()

    class Meta:
        block_counts = {"related_pages": {"max_num": 1}}


class BodyCoveredBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, help_text="Such as 'Schools' or 'NHS trusts'.")
    detail = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "group"
        label = "Body covered"
        template = "components/streamfield/body_covered_block.html"
