"""Finding the links in content: every link block, rich text link and address field of live
pages (newsletter issues are pages) and of contacts, by walking the fields themselves, so a
new page type or block is covered without a change here."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import models, transaction
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from contacts.models import ContactPoint
from linkcheck.models import CheckedLink, LinkUse
from pages.blocks import rich_text_links
from pages.site_ownership import site_of_page

SEPARATOR = " › "


@dataclass(frozen=True)
class FoundLink:
    url: str
    location: str
    text: str = ""


def _label(block, fallback):
    return str(block.label or fallback or "").strip() or "Content"


def links_in_block(block, value, location):
    """Every link in a block value, with where it sits, such as 'Body › List of links'."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from links_in_block(
                child.block,
                child.value,
                f"{location}{SEPARATOR}{_label(child.block, child.block_type)}",
            )
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from links_in_block(block.child_block, item, location)
    elif isinstance(block, blocks.StructBlock):
        if not isinstance(value, blocks.StructValue):
            return  # a StructBlock with a value of its own kind, such as Wagtail's ImageBlock
        for name, child in block.child_blocks.items():
            yield from links_in_block(child, value.get(name), location)
    elif isinstance(block, blocks.RichTextBlock):
        for href, text in rich_text_links(value.source):
            yield FoundLink(href, location, text)
    elif isinstance(block, blocks.URLBlock) and value:
        yield FoundLink(value, location)


def links_in_object(obj):
    """Every link in a page's or a snippet's stream, rich text and address fields."""
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        location = str(field.verbose_name).capitalize()
        if isinstance(field, StreamField):
            yield from links_in_block(field.stream_block, value, location)
        elif isinstance(field, RichTextField):
            for href, text in rich_text_links(value):
                yield FoundLink(href, location, text)
        elif isinstance(field, models.URLField) and value:
            yield FoundLink(value, location)


def is_external(url, own_hosts):
    """An address on another website: http(s), with a host that is not one of our sites."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host) and host not in own_hosts


@dataclass(frozen=True)
class Use:
    url: str
    location: str
    site: Site | None = None
    page: Page | None = None
    contact: ContactPoint | None = None


def find_external_links():
    """Where each external address is used, across every council's live pages and contacts."""
    sites = list(Site.objects.select_related("root_page"))
    own_hosts = {site.hostname.lower() for site in sites}
    max_length = CheckedLink._meta.get_field("url").max_length
    uses = []

    def add(found, **where):
        url = found.url.strip()
        if len(url) <= max_length and is_external(url, own_hosts):
            uses.append(Use(url=url, location=found.location, **where))

    for page in Page.objects.live().filter(depth__gt=1).specific().iterator(chunk_size=200):
        site = site_of_page(page, sites)
        for found in links_in_object(page):
            add(found, site=site, page=page)
    for contact in ContactPoint.objects.exclude(website="").select_related("site"):
        for found in links_in_object(contact):
            add(found, site=contact.site, contact=contact)
    return uses


@transaction.atomic
def record_uses(uses):
    """Replace the record of where links are used; forget addresses no longer used anywhere.
    Results of addresses still in use are kept, so a link is not checked again needlessly."""
    LinkUse.objects.all().delete()
    links = {link.url: link for link in CheckedLink.objects.all()}
    new = [CheckedLink(url=url) for url in {use.url for use in uses} - set(links)]
    for link in CheckedLink.objects.bulk_create(new):
        links[link.url] = link
    LinkUse.objects.bulk_create(
        LinkUse(
            link=links[use.url],
            site=use.site,
            page=use.page,
            contact=use.contact,
            location=use.location[:250],
        )
        for use in uses
    )
    CheckedLink.objects.filter(uses__isnull=True).delete()
