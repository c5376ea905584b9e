"""Builds sites, pages and settings from the readable seed files in fixtures/.

Each fixture file describes one council's site as a tree of pages (see fixtures/README.md).
Loading is idempotent: a page that already exists at its path is left exactly as it is, so
officers' edits survive a reload, and nothing is ever created twice.
"""

import datetime
import html
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import models, transaction
from wagtail import blocks, hooks
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Site, get_page_models
from wagtail.snippets.blocks import SnippetChooserBlock

from pages.collections import site_collection
from pages.models import HomePage, SiteBranding, SiteNavigation

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
MEDIA_DIR = FIXTURES_DIR / "media"


class SeedError(Exception):
    """A fixture file that cannot be loaded; the message says which file and why."""


# --- the mini markup used for rich text in fixtures -------------------------------------------

_LIST_ITEM = re.compile(r"^(?:- |\d+\. )")


def _inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(
        r"\[([^\]]+)\]\(([^)\s]+)\)",
        lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>',
        text,
    )


def markup_to_html(text):
    """Paragraphs split by blank lines; '- ' and '1. ' lines make lists; **bold**; [text](url)."""
    out = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        # Group the chunk's lines into runs: ("p", lines) or ("ul"/"ol", items).
        runs = []
        for line in (line.strip() for line in chunk.splitlines()):
            if not line:
                continue
            kind = "p"
            if _LIST_ITEM.match(line):
                kind = "ul" if line.startswith("- ") else "ol"
                line = _LIST_ITEM.sub("", line, count=1)
            if runs and runs[-1][0] == kind:
                runs[-1][1].append(line)
            else:
                runs.append((kind, [line]))
        for kind, lines in runs:
            if kind == "p":
                out.append(f"<p>{_inline(' '.join(lines))}</p>")
            else:
                items = "".join(f"<li>{_inline(item)}</li>" for item in lines)
                out.append(f"<{kind}>{items}</{kind}>")
    return "".join(out)


# --- loading ----------------------------------------------------------------------------------


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    moved: list = field(default_factory=list)  # sites now served on another port

    def __str__(self):
        text = f"{len(self.created)} pages created, {len(self.kept)} already there and left alone"
        if self.moved:
            text += f"; sites moved to another port: {', '.join(self.moved)}"
        return text


class SiteLoader:
    def __init__(self, data, source, report, port=None):
        self.data = data
        self.source = source
        self.report = report
        self.port = port
        self.site = None
        self.unresolved = False

    def fail(self, message):
        raise SeedError(f"{self.source.name}: {message}")

    # page paths in fixtures are relative to the site root, such as "/contest/pursue/"
    def find_page(self, path):
        if self.site is None:
            return None
        slugs = [slug for slug in path.strip("/").split("/") if slug]
        page = self.site.root_page
        for slug in slugs:
            page = page.get_children().filter(slug=slug).first()
            if page is None:
                return None
        return page

    def resolve_page_id(self, path):
        page = self.find_page(path)
        if page is None:
            # The page may come later in the file; a second pass fills it in.
            self.unresolved = True
            return None
        return page.id

    def convert_block_value(self, block, value):
        if isinstance(block, blocks.StreamBlock):
            result = []
            for item in value or []:
                child = block.child_blocks.get(item.get("type"))
                if child is None:
                    self.fail(f"unknown block type {item.get('type')!r}")
                result.append(
                    {
                        "type": item["type"],
                        "value": self.convert_block_value(child, item.get("value")),
                    }
                )
            return result
        if isinstance(block, blocks.ListBlock):
            return [self.convert_block_value(block.child_block, item) for item in value or []]
        if isinstance(block, blocks.StructBlock):
            value = value or {}
            unknown = set(value) - set(block.child_blocks)
            if unknown:
                self.fail(f"unknown field(s) {sorted(unknown)} in a {block.name or 'struct'} block")
            return {
                name: self.convert_block_value(child, value.get(name))
                for name, child in block.child_blocks.items()
                if name in value
            }
        if isinstance(block, blocks.RichTextBlock):
            return markup_to_html(value)
        if isinstance(block, blocks.PageChooserBlock):
            return self.resolve_page_id(value) if value else None
        if isinstance(block, SnippetChooserBlock):
            return self.resolve_snippet_id(block.target_model, value) if value else None
        if isinstance(value, datetime.date | datetime.time):
            return value.isoformat()  # stream data is stored as JSON
        return value

    def resolve_snippet_id(self, model, key):
        """Snippets are named by their key: this site's own first, then a national one."""
        candidates = model.objects.filter(key=key)
        if "site" in {f.name for f in model._meta.get_fields()}:
            candidates = candidates.filter(models.Q(site=self.site) | models.Q(site__isnull=True))
            candidates = candidates.order_by(models.F("site").asc(nulls_last=True))
        snippet = candidates.first()
        if snippet is None:
            self.fail(f"no {model._meta.verbose_name} with the key {key!r} for this site")
        return snippet.pk

    def field_values(self, model, fields):
        values = {}
        for name, value in (fields or {}).items():
            try:
                model_field = model._meta.get_field(name)
            except Exception:
                self.fail(f"{model.__name__} has no field {name!r}")
            if isinstance(model_field, StreamField):
                value = self.convert_block_value(model_field.stream_block, value)
            elif isinstance(model_field, RichTextField):
                value = markup_to_html(value)
            values[name] = value
        return values

    def build_page(self, spec):
        model_name = spec.get("type")
        model = page_types_by_name().get(model_name)
        if model is None:
            self.fail(f"unknown page type {model_name!r}")
        for key in ("title", "summary"):
            if not spec.get(key):
                self.fail(f"page {spec.get('slug') or model_name} needs a {key}")
        return model(
            title=spec["title"],
            slug=spec.get("slug", ""),
            summary=spec["summary"],
            show_in_menus=spec.get("show_in_menus", False),
            **self.field_values(model, spec.get("fields")),
        )

    def load(self, reset=False):
        site_spec = self.data.get("site") or self.fail("missing 'site'")
        self.site = self.find_site(site_spec)
        if self.site and reset:
            root = self.site.root_page
            self.site.delete()
            root.delete()
            self.site = None
        new_pages = []
        if self.site is None:
            self.site = self.create_site(site_spec, new_pages)
        else:
            self.report.kept.append(f"{site_spec['key']}:/")
        # Other apps load their own data (such as contacts) before the pages that refer to it.
        try:
            for load_data in hooks.get_hooks("load_seed_data"):
                load_data(self.data, self.site)
        except ValidationError as error:
            self.fail(str(error))

        self.load_children(self.site.root_page, self.data["home"].get("children", []), new_pages)
        # Second pass: page links that pointed forward in the file can now be resolved.
        for page, spec in new_pages:
            self.unresolved = False
            for name, value in self.field_values(type(page), spec.get("fields")).items():
                setattr(page, name, value)
            if self.unresolved:
                self.fail(f"page {page.url_path} links to a page path that is not in this file")
            self.validate(page)
            page.save_revision().publish()
        self.load_settings()
        return self.site

    def find_site(self, site_spec):
        """The site loaded from this file before: at its seeded address, or wherever it has been
        moved since, found by its home page (its slug is the site's key)."""
        hostname, port = site_spec["hostname"], self.port or site_spec.get("port", 80)
        site = Site.objects.filter(hostname=hostname, port=port).first()
        if site is None:
            site = Site.objects.filter(root_page__depth=2, root_page__slug=site_spec["key"]).first()
        # Still on its seeded host name, such as localhost: it follows the port it is served
        # on (make run PORT=...), so its links work. A site given its public address is kept.
        if site and self.port and site.hostname == hostname and site.port != self.port:
            site.port = self.port
            site.save(update_fields=["port"])
            self.report.moved.append(f"{site_spec['key']} ({hostname}:{self.port})")
        return site

    def validate(self, page):
        """The same checks the admin makes, so a fixture cannot hold what an editor could not."""
        try:
            page.full_clean()
            for model_field in page._meta.get_fields():
                if isinstance(model_field, StreamField):
                    model_field.stream_block.clean(getattr(page, model_field.name))
        except ValidationError as error:
            self.fail(f"page {page.url_path} is not valid: {error}")

    def create_site(self, site_spec, new_pages):
        home_spec = self.data.get("home") or self.fail("missing 'home'")
        home = HomePage(
            title=home_spec["title"],
            slug=site_spec["key"],
            summary=home_spec["summary"],
            **self.field_values(HomePage, home_spec.get("fields")),
        )
        Page.get_first_root_node().add_child(instance=home)
        new_pages.append((home, home_spec))
        self.report.created.append(f"{site_spec['key']}:/")
        site = Site.objects.create(
            hostname=site_spec["hostname"],
            port=self.port or site_spec.get("port", 80),
            site_name=site_spec["site_name"],
            root_page=home,
            is_default_site=site_spec.get("is_default_site", False),
        )
        return site

    def load_children(self, parent, specs, new_pages):
        for spec in specs:
            slug = spec.get("slug") or self.fail(f"page {spec.get('title')!r} needs a slug")
            page = parent.get_children().filter(slug=slug).first()
            label = f"{self.data['site']['key']}:{page.url_path if page else slug}"
            if page is None:
                page = self.build_page(spec)
                parent.add_child(instance=page)
                new_pages.append((page, spec))
                self.report.created.append(label)
            else:
                self.report.kept.append(label)
            self.load_children(page, spec.get("children", []), new_pages)

    def load_settings(self):
        branding_spec = self.data.get("branding") or {}
        if not SiteBranding.objects.filter(site=self.site).exists():
            logo = self.load_logo(branding_spec.get("logo"), branding_spec.get("council_name"))
            SiteBranding.objects.create(
                site=self.site,
                council_name=branding_spec["council_name"],
                service_name=branding_spec.get("service_name", "Prevent"),
                brand_colour=branding_spec.get("brand_colour", "#1d70b8"),
                logo=logo,
            )
        nav_spec = self.data.get("navigation") or {}
        if not SiteNavigation.objects.filter(site=self.site).exists():
            SiteNavigation.objects.create(
                site=self.site,
                main_links=self.nav_links(nav_spec.get("main_links", [])),
                footer_links=self.nav_links(nav_spec.get("footer_links", [])),
            )

    def nav_links(self, paths):
        links = []
        for path in paths:
            page = self.find_page(path)
            if page is None:
                self.fail(f"navigation names {path!r}, which is not a page in this file")
            links.append({"type": "link", "value": {"page": page.id}})
        return links

    def load_logo(self, relative_path, council_name):
        if not relative_path:
            return None
        path = MEDIA_DIR / relative_path
        if not path.exists():
            self.fail(f"logo file {path} is missing")
        Image = get_image_model()
        title = f"{council_name} logo"
        image = Image.objects.filter(title=title).first()
        if image is None:
            with path.open("rb") as handle:
                image = Image(
                    title=title,
                    file=ImageFile(handle, name=path.name),
                    collection=site_collection(self.site),
                )
                image.save()
        return image


def remove_wagtail_welcome_site():
    """Wagtail's first migration makes a placeholder 'Welcome' page and site; replace them."""
    for site in Site.objects.select_related("root_page"):
        root = site.root_page
        if root.specific_class is Page and root.get_children_count() == 0:
            site.delete()
            root.delete()
    for page in Page.get_first_root_node().get_children():
        if page.specific_class is Page and page.get_children_count() == 0:
            page.delete()


def page_types_by_name():
    return {model.__name__: model for model in get_page_models()}


def fixture_files():
    return sorted(FIXTURES_DIR.glob("*.yaml"))


def load_seed_content(files=None, reset=False, port=None):
    """port: the port the sites are served on, if not the one in the files (make run PORT=...)."""
    report = LoadReport()
    # Wagtail logs every page it publishes; for a bulk load the summary line says enough.
    wagtail_logger = logging.getLogger("wagtail")
    previous_level = wagtail_logger.level
    wagtail_logger.setLevel(logging.WARNING)
    try:
        with transaction.atomic():
            _load(files, reset, report, port)
    finally:
        wagtail_logger.setLevel(previous_level)
    return report


def _load(files, reset, report, port):
    remove_wagtail_welcome_site()
    loaded = []
    for path in files or fixture_files():
        try:
            loaded.append((path, yaml.safe_load(path.read_text(encoding="utf-8")) or {}))
        except yaml.YAMLError as error:
            raise SeedError(f"{path.name} is not valid YAML: {error}") from error
    # Files without a site hold shared data (such as the national contacts): load those first.
    for path, data in sorted(loaded, key=lambda item: "site" in item[1]):
        if "site" in data:
            SiteLoader(data, path, report, port).load(reset=reset)
        else:
            try:
                for load_data in hooks.get_hooks("load_seed_data"):
                    load_data(data, None)
            except ValidationError as error:
                raise SeedError(f"{path.name}: {error}") from error
