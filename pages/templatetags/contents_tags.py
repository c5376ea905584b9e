from django import template

from pages.contents import blocks_with_anchors

register = template.Library()


@register.filter
def with_anchors(stream):
    """The stream's children as (block, anchor) pairs, the anchors unique on the page."""
    return blocks_with_anchors(stream)
