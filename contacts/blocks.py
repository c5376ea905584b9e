"""Blocks that choose contacts from the register, composed into the concern and directory pages."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from contacts.choices import Audience


class ContactChooserBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("contacts.ContactPoint", **kwargs)

    class Meta:
        icon = "user"
        label = "Contact"
        template = "components/streamfield/contact_block.html"


WHO_CHOICES = [("anyone", "Anyone"), *Audience.choices]
ABOUT_CHOICES = [
    ("anything", "Any concern"),
    ("child", "A child or young person"),
    ("adult", "An adult"),
    ("online", "Something seen online"),
    ("street", "Something seen in the street, such as leaflets or stickers"),
]


class FinderRouteBlock(blocks.StructBlock):
    who = blocks.ChoiceBlock(choices=WHO_CHOICES, default="anyone", label="When the person is")
    about = blocks.ChoiceBlock(
        choices=ABOUT_CHOICES, default="anything", label="And the concern is"
    )
    contacts = blocks.ListBlock(ContactChooserBlock(), min_num=1, label="Send them to")
    reason = blocks.TextBlock(
        max_length=400, help_text="Why these are the right contacts, in one or two sentences."
    )

    class Meta:
        icon = "help"
        label = "Finder answer"
        description = "One answer of the 'Who should I contact?' finder."


class ChecklistItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=200, help_text="One thing the team will ask, such as 'The person's name'."
    )
    hint = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text="Optional: an example or a word of advice, shown under the item.",
    )
    notes_box = blocks.BooleanBlock(
        required=False,
        default=True,
        label="Notes box",
        help_text="Give the item a box where people can jot down what they know.",
    )

    class Meta:
        icon = "tick"
        label = "Item"


class ChecklistSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text="Such as 'Who the person is'.")
    guidance = blocks.RichTextBlock(
        features=["bold", "link", "ul"],
        required=False,
        help_text="Optional: a sentence or two of advice for this section.",
    )
    contacts = blocks.ListBlock(
        ContactChooserBlock(),
        min_num=0,
        default=[],
        label="Contacts shown in this section",
        help_text="Optional: such as where to report online material.",
    )
    items = blocks.ListBlock(ChecklistItemBlock(), min_num=1, label="Items to tick")

    class Meta:
        icon = "list-ul"
        label = "Checklist section"
        description = "A heading with the things to tick, each with an optional notes box."
        group = "Checklist"
        preview_value = {
            "heading": "Who the person is",
            "items": [
                {"text": "Their name, and any other name they go by", "notes_box": True},
                {"text": "How you know them", "hint": "Such as a neighbour or a pupil."},
            ],
        }
