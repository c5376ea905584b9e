"""Requests for a place on a course or event, or for a session: the public page with its form,
the requests partners send, and each council's settings for them (team inbox, how long
requests are kept).

Which pages a request can be about is decided by the pages themselves (bookable.py): any page
type with `accepts_booking_requests = True` whose instance says `booking_requests_open`.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES
from pages.form_pages import PublicFormPageMixin
from pages.models import BasePage
from pages.site_ownership import site_of_page
from pages.team_inbox import TeamInboxMixin

DEFAULT_RETENTION_MONTHS = 12
MAX_PEOPLE = 500


@register_setting(icon="date")
class BookingRequestSettings(TeamInboxMixin, BaseSiteSetting):
    team_email = models.EmailField(
        "Training team email address",
        blank=True,
        help_text=(
            "Where we send each training or booking request. Leave empty to use the reply-to "
            "address under Settings > Branding."
        ),
    )
    retention_months = models.PositiveSmallIntegerField(
        "Keep requests for (months)",
        default=DEFAULT_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(84)],
        help_text=(
            "Requests are deleted automatically after this many months. The request form "
            "tells people this period."
        ),
    )

    panels = [FieldPanel("team_email"), FieldPanel("retention_months")]

    class Meta:
        verbose_name = "Training requests"


class BookingRequestPage(PublicFormPageMixin, BasePage):
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="What people can ask for here, in a few short sentences.",
    )
    privacy = RichTextField(
        "What we do with your details",
        features=RICH_TEXT_FEATURES,
        help_text=(
            "Who reads requests, what they are used for, and a link to the council's privacy "
            "notice. How long requests are kept is added from Settings > Training requests."
        ),
    )
    confirmation = RichTextField(
        "After sending: what happens next",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown with the confirmation once a request has been sent.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("privacy"),
        FieldPanel("confirmation"),
    ]

    parent_page_types = ["pages.TrainingIndexPage", "pages.HomePage"]
    subpage_types = []
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    page_description = (
        "The council's one form for asking for a place on a course or event, or for a session."
    )
    template = "pages/booking_request_page.html"

    @classmethod
    def can_create_at(cls, parent):
        """One per council: wherever it sits, a council's site holds one request page."""
        if not super().can_create_at(parent):
            return False
        site = site_of_page(parent)
        if site is None:
            return True
        return not cls.objects.descendant_of(site.root_page, inclusive=True).exists()

    @cached_property
    def request_settings(self):
        return BookingRequestSettings.for_site(self.get_site())

    @path("")
    def form_route(self, request):
        # Imported here: the form view saves BookingRequest, from this module.
        from bookings.views import request_form

        return request_form(self, request)


class BookingRequestQuerySet(models.QuerySet):
    def older_than_retention(self, site, months, now=None):
        cutoff = (now or timezone.now()) - datetime.timedelta(days=round(months * 30.44))
        return self.filter(site=site, created_at__lt=cutoff)

    def emails_waiting(self):
        return self.filter(
            models.Q(team_notified_at__isnull=True) | models.Q(acknowledged_at__isnull=True)
        )


class BookingRequest(models.Model):
    """One request, as sent. Only what the team needs to arrange it: no address, no browser."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="booking_requests"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="course or event page",
    )
    page_title = models.CharField(
        "course or event",
        max_length=255,
        blank=True,
        help_text="The title the page had when the request was sent.",
    )
    something_else = models.TextField("something else asked for", max_length=500, blank=True)
    name = models.CharField(max_length=100)
    organisation = models.CharField(max_length=200)
    role = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    people = models.PositiveSmallIntegerField(
        "number of people", validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)]
    )
    preferred_dates = models.CharField(max_length=300)
    access_needs = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)

    handled_at = models.DateTimeField("handled on", null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    # The team's email and the requester's acknowledgement: sent through the task queue,
    # retried while the mail server is down (notifications.py).
    team_notified_at = models.DateTimeField("team emailed", null=True, blank=True, editable=False)
    acknowledged_at = models.DateTimeField(
        "acknowledgement sent", null=True, blank=True, editable=False
    )
    notify_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    notify_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    notify_error = models.CharField(max_length=300, blank=True, editable=False)

    objects = BookingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "training request"
        verbose_name_plural = "training requests"
        permissions = [("handle_bookingrequest", "Can mark a training request as handled")]

    def __str__(self):
        # No personal details: this is what the admin's history and logs show.
        return f"Request {self.pk} received {timezone.localtime(self.created_at):%d %b %Y}"

    @property
    def asked_for(self):
        """What the request is about, in words: the course or event, or what they described."""
        if self.page_title:
            return self.page_title
        return f"Something else: {self.something_else}" if self.something_else else ""

    @property
    def handled(self):
        return self.handled_at is not None

    @property
    def handled_display(self):
        return "Yes" if self.handled else "Not yet"

    def mark_handled(self, user):
        self.handled_at = timezone.now()
        self.handled_by = user
        self.save(update_fields=["handled_at", "handled_by"])
