"""Contact details as data: validated, drafted and published, rendered by one component.

A contact with no site belongs to the national register that every council's pages share; a
contact with a site belongs to that council alone and never appears on another council's pages.
"""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.models import (
    DraftStateMixin,
    GroupSitePermission,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from contacts.choices import Audience, Topic
from contacts.forms import ContactPointForm
from contacts.phone import format_uk_phone, normalise_uk_phone, tel_uri
from delivery import site_cache
from pages.models.base import REVIEW_EVERY_CHOICES, ReviewOwnerPanel

# How often a contact is verified unless an officer sets its own interval: one not verified for
# this long is overdue in the review schedule and listed by the contacts filter.
VERIFY_EVERY_MONTHS = 6

VERIFICATION_AND_HOLD_FIELDS = (
    "last_verified",
    "last_verified_by",
    "last_verified_note",
    "held_reason",
    "held_at",
    "held_by",
)


class ContactPointQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def held(self):
        return self.exclude(held_reason="")

    def public(self):
        """Published and not held: the only contacts any public page, file or feed may show."""
        return self.live().filter(held_reason="")

    def for_site(self, site):
        """Contacts a site may show: its own and the national register's."""
        return self.public().filter(models.Q(site=site) | models.Q(site__isnull=True))

    def national(self):
        return self.public().filter(site__isnull=True)

    def needing_verification(self, today=None):
        """Never verified, or not in the last six months."""
        cutoff = verification_cutoff(today)
        return self.filter(
            models.Q(last_verified__isnull=True) | models.Q(last_verified__lt=cutoff)
        )

    def verified_recently(self, today=None):
        return self.filter(last_verified__gte=verification_cutoff(today))


def verification_cutoff(today=None):
    """The earliest "last verified" date that is still recent enough."""
    return (today or timezone.localdate()) - relativedelta(months=VERIFY_EVERY_MONTHS)


class ContactPoint(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A contact: drafted, submitted for approval and published like a page (Wagtail's
    snippet workflows), with go-live and expiry dates."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_points",
        help_text="The council this contact belongs to. Leave blank for a national contact "
        "that every council's site shows.",
    )
    key = models.SlugField(
        max_length=80,
        help_text="A short unique name for this contact, such as 'prevent-team'.",
    )
    name = models.CharField(
        max_length=120, help_text="The team or service, such as 'Prevent team'."
    )
    handles = models.TextField(
        max_length=500, help_text="What this contact deals with, in one or two sentences."
    )
    topics = models.JSONField(default=list, blank=True)
    audiences = models.JSONField(default=list, blank=True)
    phone = models.CharField(
        max_length=20,
        blank=True,
        validators=[normalise_uk_phone],
        help_text="A UK number, such as 020 7641 6032, or a service number such as 999 or 101.",
    )
    textphone = models.CharField(
        max_length=20,
        blank=True,
        validators=[normalise_uk_phone],
        help_text="For people who use a textphone, such as 18001 101.",
    )
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True, help_text="An online form or page for reporting.")
    website_label = models.CharField(max_length=120, blank=True)
    hours = models.CharField(
        max_length=200, blank=True, help_text="When it answers, such as '24 hours a day'."
    )
    officer_note = models.TextField(
        blank=True,
        help_text="Only for officers; never shown on the site. Such as a detail to check.",
    )
    # Only ever a real date: given by a dated source, or set by an officer with "Mark as
    # verified". Without one, the site shows no "checked" date.
    last_verified = models.DateField(
        null=True,
        blank=True,
        help_text="The day someone last checked these details work.",
    )
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_verified_note = models.CharField(max_length=500, blank=True, editable=False)
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="review owner",
        help_text="The officer who checks these details still work. Leave blank for the "
        "council's publishers.",
    )
    review_every_months = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=REVIEW_EVERY_CHOICES,
        verbose_name="verify every",
        help_text="Leave blank for every 6 months.",
    )
    # A held contact is shown nowhere on the public site until an officer releases it.
    held_reason = models.TextField(
        blank=True, editable=False, help_text="Why this contact is kept off the site."
    )
    held_at = models.DateTimeField(null=True, blank=True, editable=False)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    sort_order = models.PositiveSmallIntegerField(
        default=100, help_text="Lower numbers are listed first."
    )

    objects = ContactPointQuerySet.as_manager()
    # The admin form gives tick boxes for topics and audiences.
    base_form_class = ContactPointForm

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("key")]),
        FieldPanel("handles"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("textphone")]),
                FieldPanel("email"),
                FieldRowPanel([FieldPanel("website"), FieldPanel("website_label")]),
                FieldPanel("hours"),
            ],
            "How to get in touch",
        ),
        FieldRowPanel([FieldPanel("topics"), FieldPanel("audiences")], "Who it is for"),
        FieldPanel("sort_order"),
        FieldPanel("officer_note"),
        # Go-live and expiry dates, set from the status side panel's "Set schedule".
        PublishingPanel(),
        MultiFieldPanel(
            [ReviewOwnerPanel("review_owner"), FieldPanel("review_every_months")], "Review"
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("handles"),
        index.AutocompleteField("name"),
        index.FilterField("site"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "contact"
        verbose_name_plural = "contacts"
        constraints = [
            models.UniqueConstraint(fields=["site", "key"], name="unique_contact_key_per_site"),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(site__isnull=True),
                name="unique_national_contact_key",
            ),
        ]

    def __str__(self):
        scope = self.site.site_name if self.site_id else "National"
        return f"{self.name} ({scope})"

    def clean(self):
        super().clean()
        errors = {}
        for field in ("phone", "textphone"):
            value = getattr(self, field)
            if value:
                try:
                    setattr(self, field, normalise_uk_phone(value))
                except ValidationError as error:
                    errors[field] = error.messages
        if not any([self.phone, self.textphone, self.email, self.website]):
            errors["phone"] = [
                "Give at least one way to get in touch: a phone number, an email "
                "address or a website."
            ]
        if self.website and not self.website_label:
            errors["website_label"] = ["Say what the website is for, such as 'Report online'."]
        unknown_topics = set(self.topics or []) - set(Topic.values)
        if unknown_topics:
            errors["topics"] = [f"Unknown topics: {', '.join(sorted(unknown_topics))}."]
        unknown_audiences = set(self.audiences or []) - set(Audience.values)
        if unknown_audiences:
            errors["audiences"] = [f"Unknown audiences: {', '.join(sorted(unknown_audiences))}."]
        if self.review_owner_id and not self.review_officers().filter(pk=self.review_owner_id):
            errors["review_owner"] = ["Choose an officer who can change this contact."]
        if errors:
            raise ValidationError(errors)

    # Display helpers: the contact card and the vCard both use these, so they never disagree.
    @property
    def phone_display(self):
        return format_uk_phone(self.phone)

    @property
    def phone_uri(self):
        return tel_uri(self.phone)

    @property
    def textphone_display(self):
        return format_uk_phone(self.textphone)

    @property
    def textphone_uri(self):
        return tel_uri(self.textphone)

    @property
    def is_national(self):
        return self.site_id is None

    # --- review and hold ---------------------------------------------------------------------

    default_review_months = VERIFY_EVERY_MONTHS

    @property
    def verified_status(self):
        """For officers' lists: when it was verified, "Not yet verified", or that it is held."""
        status = f"{self.last_verified:%-d %b %Y}" if self.last_verified else "Not yet verified"
        return f"{status} (held)" if self.is_held else status

    verified_status.fget.short_description = "Last verified"

    @property
    def is_held(self):
        return bool(self.held_reason)

    @property
    def is_public(self):
        return self.live and not self.is_held

    @property
    def next_review_date(self):
        if self.last_verified is None:
            return None
        return self.last_verified + relativedelta(
            months=self.review_every_months or self.default_review_months
        )

    def review_officers(self):
        """Accounts that may change this contact: superusers, and for a council's contact the
        groups with contact rights on that council's site."""
        users = get_user_model().objects.filter(is_active=True)
        if not self.site_id:
            return users.filter(is_superuser=True)
        groups = GroupSitePermission.objects.filter(
            site_id=self.site_id, permission__codename="change_contactpoint"
        ).values("group")
        return users.filter(models.Q(is_superuser=True) | models.Q(groups__in=groups)).distinct()

    def with_content_json(self, content):
        # Verification and hold are facts about the live contact, set by their own actions:
        # publishing an older draft must not undo them.
        # Read from the saved row: this instance may be an edit form's, loaded before them.
        obj = super().with_content_json(content)
        saved = type(self).objects.filter(pk=self.pk).first() if self.pk else None
        for name in VERIFICATION_AND_HOLD_FIELDS:
            setattr(obj, name, getattr(saved or self, name))
        return obj

    def get_preview_template(self, request, mode_name):
        return "contacts/contact_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"contact": self}


def site_contacts(page):
    """The published contacts the page's site may show (its own and the national register's),
    from the site cache: the concern page, its finder and checklist all show them, and they
    are the same until a contact of that council, or a national one, changes."""
    site_id = site_cache.site_id_of(page)

    def build():
        return list(ContactPoint.objects.for_site(site_id))

    return build() if site_id is None else site_cache.get(site_id, "contacts", build)
