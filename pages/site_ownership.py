"""Which council (Wagtail site) an item belongs to, and refusing another council's items.

One install serves several councils. Pages belong to the site whose tree holds them; images and
documents to the site whose collection holds them (pages.collections); contacts, team members
and settings to their `site`. National contacts (no site) and media outside every council's
collection are shared by all. A council's pages and settings may choose only their own council's
items or shared ones: `refuse_other_councils_items` checks everything an object chooses when it
is saved, whatever a form posted, and `choosable_on` gives choosers the same rule as a query.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Collection, CollectionMember, Page, Site
from wagtail.rich_text import extract_references_from_rich_text


def council_name(site):
    return site.site_name or site.hostname


def site_of_page(page, sites=None):
    """The site whose tree holds `page`. By tree path, so it also works for a page that is
    being added and has no URL path yet. `sites`: the sites already loaded, for many pages."""
    if sites is None:
        sites = Site.objects.select_related("root_page")
    deepest_first = sorted(sites, key=lambda site: -site.root_page.depth)
    return next((site for site in deepest_first if page.path.startswith(site.root_page.path)), None)


def _site_field(model):
    """The model's `site` foreign key when it names a Wagtail site, else None."""
    try:
        field = model._meta.get_field("site")
    except FieldDoesNotExist:
        return None
    if getattr(field, "related_model", None) is Site:
        return field
    return None


def council_collections():
    """Each council's own collection as {collection path: site}; see pages.collections."""
    paths = {c.name: c.path for c in Collection.get_first_root_node().get_children()}
    return {paths[site.site_name]: site for site in Site.objects.all() if site.site_name in paths}


def _collection_owner(collection_path, collections):
    for path, site in collections.items():
        if collection_path.startswith(path):
            return site
    return None


def _is_ownable(model):
    return issubclass(model, (Page, CollectionMember)) or _site_field(model) is not None


def _label(item):
    return getattr(item, "title", None) or getattr(item, "name", None) or str(item)


def _a(noun):
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


class OwnershipCheck:
    """Judges the items chosen for one council's page or setting."""

    def __init__(self, site):
        self.site = site
        self._collections = None
        self._sites = None
        self.refused = []

    def refusal(self, item):
        """Why `item` may not be chosen for this council, or None when it may."""
        message = self._refusal(item)
        if message:
            self.refused.append(message)
        return message

    def _refusal(self, item):
        if item is None:
            return None
        if isinstance(item, Page):
            if self._sites is None:
                self._sites = list(Site.objects.select_related("root_page"))
            owner = site_of_page(item, self._sites)
            if owner is not None and owner.pk == self.site.pk:
                return None
            where = f"belongs to {council_name(owner)}" if owner else "is on no council's site"
            return f"{_label(item)} {where}: choose a page of this council's site."
        if isinstance(item, CollectionMember):
            if self._collections is None:
                self._collections = council_collections()
            owner = _collection_owner(item.collection.path, self._collections)
            if owner is None or owner.pk == self.site.pk:
                return None
            noun = item._meta.verbose_name
            return (
                f"{_label(item)} belongs to {council_name(owner)}: "
                f"choose {_a(noun)} from this council's collection."
            )
        field = _site_field(type(item))
        if field is None or item.site_id is None or item.site_id == self.site.pk:
            return None
        noun = item._meta.verbose_name
        national = " or a national one" if field.null else ""
        return (
            f"{_label(item)} belongs to {council_name(item.site)}: "
            f"choose {_a(noun)} of this council{national}."
        )

    def rich_text_refusals(self, html):
        refusals = []
        for model, pk, _model_path, _content_path in extract_references_from_rich_text(html or ""):
            item = model._default_manager.filter(pk=pk).first()
            if message := self.refusal(item):
                refusals.append(message)
        return refusals

    def block_error(self, block, value):
        """A block error placed on each refused choice inside `value`, or None."""
        if value is None:
            return None
        if isinstance(block, ImageBlock):
            message = self.refusal(value)
            if message:
                return blocks.StructBlockValidationError({"image": ValidationError(message)})
            return None
        if isinstance(block, blocks.ChooserBlock):
            message = self.refusal(value)
            return ValidationError(message) if message else None
        if isinstance(block, blocks.RichTextBlock):
            refusals = self.rich_text_refusals(value.source)
            return ValidationError(" ".join(refusals)) if refusals else None
        if isinstance(block, blocks.BaseStreamBlock):
            errors = {
                index: error
                for index, child in enumerate(value)
                if (error := self.block_error(child.block, child.value))
            }
            return blocks.StreamBlockValidationError(block_errors=errors) if errors else None
        if isinstance(block, blocks.ListBlock):
            errors = {
                index: error
                for index, item in enumerate(value)
                if (error := self.block_error(block.child_block, item))
            }
            return ListBlockValidationError(block_errors=errors) if errors else None
        if isinstance(block, blocks.BaseStructBlock):
            errors = {
                name: error
                for name, child in block.child_blocks.items()
                if (error := self.block_error(child, value.get(name)))
            }
            return blocks.StructBlockValidationError(block_errors=errors) if errors else None
        return None

    def field_errors(self, instance, skip=()):
        """{field name: error} for every field of `instance` that chooses a refused item."""
        errors = {}
        for field in instance._meta.concrete_fields:
            if field.name in skip:
                continue
            value = getattr(instance, field.attname)
            if isinstance(field, StreamField):
                self.refused = []
                error = self.block_error(field.stream_block, getattr(instance, field.name))
                if error:
                    # The admin places each message on its block; elsewhere (the seed loader,
                    # logs) the error reads as the list of refusals.
                    error.message = " ".join(self.refused)
            elif isinstance(field, RichTextField):
                refusals = self.rich_text_refusals(value)
                error = ValidationError(refusals) if refusals else None
            elif field.many_to_one and value is not None and _is_ownable(field.related_model):
                # A missing item is the field's own error, reported by its own validation.
                item = field.related_model._default_manager.filter(pk=value).first()
                message = self.refusal(item)
                error = ValidationError(message) if message else None
            else:
                error = None
            if error:
                errors[field.name] = error
        return errors


# Fields every page has (tree, owner, aliases, revisions): not choices an editor makes.
PAGE_CORE_FIELDS = frozenset(f.name for f in Page._meta.concrete_fields)


def refuse_other_councils_items(instance, site):
    """Raise a ValidationError naming each item `instance` chooses that another council owns.

    `site` is the council the instance belongs to; with none (a page outside every site),
    there is nothing to check against."""
    if site is None:
        return
    skip = PAGE_CORE_FIELDS if isinstance(instance, Page) else ()
    errors = OwnershipCheck(site).field_errors(instance, skip=skip)
    if errors:
        raise ValidationError(errors)


def choosable_on(queryset, sites):
    """The items of `queryset` that pages of any of `sites` may choose: the rule above as a
    query, for choosers. `sites` None means every council's items."""
    if sites is None:
        return queryset
    site_ids = {site.pk for site in sites}
    model = queryset.model
    if issubclass(model, Page):
        roots = Page.objects.filter(sites_rooted_here__in=site_ids).values_list("path", flat=True)
        query = Q(pk__in=[])
        for path in roots:
            query |= Q(path__startswith=path)
        return queryset.filter(query)
    if issubclass(model, CollectionMember):
        owned = council_collections()
        allowed = [
            pk
            for pk, path in Collection.objects.values_list("pk", "path")
            if (owner := _collection_owner(path, owned)) is None or owner.pk in site_ids
        ]
        return queryset.filter(collection_id__in=allowed)
    field = _site_field(model)
    if field is None:
        return queryset
    query = Q(site__in=site_ids)
    if field.null:
        query |= Q(site__isnull=True)
    return queryset.filter(query)
