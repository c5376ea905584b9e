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
