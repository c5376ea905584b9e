import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import GroupPagePermission, Page, get_page_models
from wagtail.search import index
from wagtail_periodic_review.models import PeriodicReviewMixin

from delivery import site_cache
from pages import page_index
from pages.site_ownership import refuse_other_councils_items, site_of_page

REVIEW_EVERY_CHOICES = [
    (3, "3 months"),
    (6, "6 months"),
    (12, "12 months"),
    (24, "2 years"),
]

# Fields that record the page's review and change history rather than what it says. They are
# kept from the live page when a revision is published, so marking a page as reviewed never
# needs a new revision and an older draft cannot put back an older date.
REVIEW_RECORD_FIELDS = ("last_review_date", "last_reviewed_by", "last_review_note", "last_updated")

# Fields that change no word a reader sees: publishing a change to only these leaves
# "Last updated" alone.
NOT_VISIBLE_FIELDS = (
    # Wagtail's own page fields say where a page sits and its publishing state, not what it
    # says, except its title and the title shown in search results.
    ({field.name for field in Page._meta.concrete_fields} - {"title", "seo_title"})
    | {"page_ptr", "review_owner", "review_every_months", *REVIEW_RECORD_FIELDS}
    # wagtail-periodic-review's bookkeeping.
    | {
        "current_version_ref",
        "current_version_compiled_by",
        "next_review_date",
        "custom_review_frequency",
    }
)


class BasePageForm(WagtailAdminPageForm):
    """A new page joins the tree only once it is saved, so the model cannot tell yet which
    council it belongs to: here its parent's council judges what it chooses."""

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is None and self.parent_page is not None:
            try:
                refuse_other_councils_items(self.instance, site_of_page(self.parent_page))
            except ValidationError as error:
                self._update_errors(error)


def page_officers(page):
    """Accounts that may edit this page: superusers and groups with rights on it or above it."""
    users = get_user_model().objects.filter(is_active=True)
    if not page.pk:
        return users.filter(is_superuser=True)
    groups_with_rights = GroupPagePermission.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).values("group")
    return users.filter(Q(is_superuser=True) | Q(groups__in=groups_with_rights)).distinct()


class ReviewOwnerPanel(FieldPanel):
    """Offers as review owner only the officers who may edit the object (a page or a contact
    with a ``review_officers()`` method)."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            form, instance = kwargs.get("form"), kwargs.get("instance")
            if instance is not None and "review_owner" in getattr(form, "fields", {}):
                form.fields["review_owner"].queryset = instance.review_officers().order_by(
                    "first_name", "last_name", "username"
                )
            super().__init__(**kwargs)


class BasePage(PeriodicReviewMixin, Page):
    """Fields every page has: a required summary for listings, search results and the
    meta description; and its review schedule (owner, interval, last review, last change)."""

    summary = models.TextField(
        max_length=300,
        help_text=(
            "One or two plain sentences. Shown in listings and search results, and used as "
            "the description search engines show."
        ),
    )
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="review owner",
        help_text="The officer who checks this page is still correct. Leave blank for the "
        "council's publishers.",
    )
    review_every_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=REVIEW_EVERY_CHOICES,
        verbose_name="review every",
        help_text="Leave blank for the usual interval for this kind of page.",
    )
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_review_note = models.CharField(max_length=500, blank=True, editable=False)
    last_updated = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The day a change readers can see was last published.",
    )

    # Months between reviews unless the page sets its own. Pages people rely on in a crisis
    # (the concern page and its finder, the Prevent duty) are reviewed twice a year.
    default_review_months = 12

    # Off by default: the GOV.UK Design System advises the button only on pages where someone
    # may be at risk if seen reading them.
    show_exit_this_page = models.BooleanField(
        "Show the 'Exit this page' button",
        default=False,
        help_text=(
            "For pages someone may need to leave quickly, such as reporting a concern. The "
            "button, or pressing Shift three times, replaces the page with the neutral website "
            "set under Settings > Branding."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            "For search engines",
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], "For site menus"),
        MultiFieldPanel([FieldPanel("show_exit_this_page")], "For people at risk"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [ReviewOwnerPanel("review_owner"), FieldPanel("review_every_months")],
            "Review",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    base_form_class = BasePageForm

    class Meta:
        abstract = True

    @cached_property
    def meta_description(self):
        return self.search_description or self.summary

    def route(self, request, path_components):
        """Wagtail's routing, with each child found from the site's page index in one query
        (pages/page_index.py); Wagtail's own takes two per part of the address."""
        if path_components:
            child = page_index.child_page(request, self, path_components[0])
            if child is not None:
                child._cached_parent_obj = self  # as Wagtail does: previews ask for the parent
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    # --- review schedule -------------------------------------------------------------------

    def review_officers(self):
        return page_officers(self)

    def clean(self):
        super().clean()
        # Contacts, pages, images and documents of another council are refused on every save.
        if self.path:
            refuse_other_councils_items(self, site_of_page(self))
        if self.review_owner_id and not page_officers(self).filter(pk=self.review_owner_id):
            raise ValidationError({"review_owner": "Choose an officer who can edit this page."})

    def save(self, *args, **kwargs):
        # The package skips pages with their own interval when a site's rules change.
        self.custom_review_frequency = self.review_every_months
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "review_every_months" in update_fields:
            kwargs["update_fields"] = {*update_fields, "custom_review_frequency"}
        super().save(*args, **kwargs)

    def get_view_restrictions(self):
        """Wagtail's check before serving a page, from the site cache's private sections."""
        restrictions = site_cache.view_restrictions(self)
        return super().get_view_restrictions() if restrictions is None else restrictions

    def get_review_frequency(self):
        if self.review_every_months:
            return self.review_every_months
        if rule := self.get_review_frequency_rule():
            return rule.frequency
        return self.default_review_months

    def with_content_json(self, content):
        page = super().with_content_json(content)
        # Compared with the saved row, not with this instance: when a revision has just been
        # saved from an edited page, this instance already holds the new content.
        saved = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        if saved is None:
            return page
        for name in REVIEW_RECORD_FIELDS:
            setattr(page, name, getattr(saved, name))
        # Publishing a revision that changes what readers see makes today its "last updated".
        if saved.last_updated is None or visible_content_differs(saved, page):
            page.last_updated = timezone.localdate()
        return page

    @property
    def review_is_overdue(self):
        due = self.next_review_date
        return due is None or due < timezone.localdate()

    @property
    def shows_last_updated(self):
        """'Last updated' is shown only when it says something 'Last reviewed' does not."""
        return bool(self.last_updated) and self.last_updated != self.last_review_date


def visible_content_differs(old, new):
    for model_field in new._meta.concrete_fields:
        if model_field.name in NOT_VISIBLE_FIELDS or model_field.attname in NOT_VISIBLE_FIELDS:
            continue
        if _comparable(model_field, old) != _comparable(model_field, new):
            return True
    return False


def _comparable(model_field, obj):
    """A field's value in a form that compares equal whatever the database did to it: PostgreSQL
    stores StreamField JSON with its keys reordered, which is no change a reader sees."""
    value = model_field.get_prep_value(model_field.value_from_object(obj))
    if isinstance(model_field, StreamField):
        if isinstance(value, str):
            value = json.loads(value)
        return json.dumps(value, sort_keys=True, default=str)
    return model_field.value_to_string(obj)


def review_page_models():
    return [model for model in get_page_models() if issubclass(model, BasePage)]


def newest_changes(pages):
    """Pages (a Page queryset) in order of their last visible change, newest first. The
    date sits on each page type's own table, so it is read through each type's join."""
    columns = [f"{model._meta.model_name}__last_updated" for model in review_page_models()]
    updated = Coalesce(*columns) if len(columns) > 1 else models.F(columns[0])
    return (
        pages.annotate(updated_on=updated)
        .filter(updated_on__isnull=False)
        .order_by("-updated_on", "-last_published_at")
    )


def live_children(page, model=None):
    """Live, public children of ``page`` in tree order, as specific pages. Given the page
    type, a list kept in the site cache with the pages themselves (page_index.py): a listing
    page reads its children from its own type's table once, not on every visit."""
    if model is not None:
        return site_cache.for_page(
            page,
            f"children:{model._meta.label}",
            lambda: list(site_cache.public(model.objects.child_of(page).live()).order_by("path")),
        )
    return site_cache.public(page.get_children().live()).specific()
