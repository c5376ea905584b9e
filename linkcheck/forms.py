"""Placeholder links are refused in every rich text field and StreamField of the admin's forms.

The rule itself lives with the blocks (pages/blocks.py); apps.py applies it to every form
field the admin builds, so pages, newsletter issues and settings are all covered.
"""

from django.core.exceptions import ValidationError
from wagtail.blocks import BlockField
from wagtail.blocks.stream_block import StreamBlockValidationError

from linkcheck.links import links_in_block
from pages.blocks import placeholder_link_message


class PlaceholderCheckedBlockField(BlockField):
    """A StreamField's form field that also refuses placeholder links inside its blocks; each
    message is shown on the top-level block that holds the link."""

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for index, child in enumerate(value):
            label = child.block.label or child.block_type
            messages = [
                f"In “{found.location}”: {message}"
                for found in links_in_block(child.block, child.value, label)
                if (message := placeholder_link_message(found.url, found.text))
            ]
            if messages:
                errors[index] = ValidationError(messages)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value
