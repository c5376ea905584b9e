"""Heading anchors and contents lists, computed in one place.

A block that carries a heading says so with `to_table_of_contents_item(value)`, which returns
a `Heading`. `contents_items(stream)` walks a stream once, gives every such heading an id that is
unique on the page (a repeated heading gets `-2`, `-3`...), and the page's contents list and the
blocks' own templates both take their ids from it, so a link always reaches its heading.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.utils.text import slugify

# The id a heading gets when its text makes no slug (only punctuation, say).
FALLBACK_ANCHOR = "section"


class Heading(NamedTuple):
    """What a block says about its heading: the text, and whether it is listed in the contents."""

    text: str
    listed: bool = True


@dataclass(frozen=True)
class ContentsItem:
    text: str
    anchor: str
    listed: bool
    block: object  # the stream child carrying the heading (a BoundBlock)


def own_anchor(text):
    """A heading's id before it is made unique; also the id of a heading rendered on its own."""
    return slugify(text) or FALLBACK_ANCHOR


def _headings_with_anchors(stream):
    """(child, heading, anchor) for every child of the stream, in order; heading and anchor are
    None for a child that carries no heading. Each anchor is unique among the stream's."""
    taken = set()
    for child in stream:
        to_item = getattr(child.block, "to_table_of_contents_item", None)
        if to_item is None:
            yield child, None, None
            continue
        heading = to_item(child.value)
        base = own_anchor(heading.text)
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        yield child, heading, anchor


def contents_items(stream):
    """Every heading in the stream, in order, each with its unique id."""
    return [
        ContentsItem(heading.text, anchor, heading.listed, child)
        for child, heading, anchor in _headings_with_anchors(stream)
        if heading is not None
    ]


def table_of_contents(stream):
    """The entries of the page's contents list: the listed headings, with their anchors."""
    return [item for item in contents_items(stream) if item.listed]


def blocks_with_anchors(stream):
    """(child, anchor) for every child of the stream; the anchor is "" for one with no heading."""
    return [(child, anchor or "") for child, _, anchor in _headings_with_anchors(stream)]
