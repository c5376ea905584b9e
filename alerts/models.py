"""A council's temporary alert: a banner under the 999 notice that starts and ends by itself.

An alert is live as soon as it is saved (nothing to publish), between its start and its end.
The end is required, so an alert that nobody remembers to take down still goes away.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable

# An alert is for something happening now; anything lasting longer belongs on a page.
LONGEST = datetime.timedelta(days=90)


class AlertQuerySet(models.QuerySet):
    def showing_at(self, when):
        return self.filter(starts_at__lte=when, ends_at__gt=when)

    def scheduled_at(self, when):
        return self.filter(starts_at__gt=when)

    def ended_at(self, when):
        return self.filter(ends_at__lte=when)


class Alert(ClusterableModel):
    class Kind(models.TextChoices):
        INFORMATION = "information", "Information"
        URGENT = "urgent", "Urgent"

    class Where(models.TextChoices):
        ALL = "all", "Every page of the council's site"
        SECTIONS = "sections", "Only the sections chosen below, and the pages under them"

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The council whose site shows the alert.",
    )
    title = models.CharField(
        max_length=80, help_text="A few words, such as 'Our phone line is closed today'."
    )
    text = models.TextField(
        max_length=300,
        help_text="One or two short sentences in plain English: what has happened and what to do.",
    )
    link_url = models.URLField(
        "link address",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["https", "http"])],
        help_text="Optional: where residents can find out more, such as https://www.example.gov.uk/news.",
    )
    link_text = models.CharField(
        max_length=80,
        blank=True,
        help_text="The words of the link, such as 'Read the latest update'.",
    )
    kind = models.CharField(
        "type",
        max_length=20,
        choices=Kind.choices,
        default=Kind.INFORMATION,
        help_text=(
            "Urgent: read out at once by screen readers, and residents cannot hide it. Use it "
            "only for safety or a sudden change to a service. Information: residents can hide it."
        ),
    )
    starts_at = models.DateTimeField(
        "starts", default=timezone.now, help_text="UK time. The alert shows from then."
    )
    ends_at = models.DateTimeField(
        "ends",
        help_text="UK time. The alert goes away by itself then, at most 90 days after the start.",
    )
    show_on = models.CharField(
        "where it shows", max_length=20, choices=Where.choices, default=Where.ALL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AlertQuerySet.as_manager()

    panels = [
        FieldPanel("site"),
        FieldPanel("kind", widget=forms.RadioSelect),
        FieldPanel("title"),
        FieldPanel("text"),
        MultiFieldPanel([FieldPanel("link_url"), FieldPanel("link_text")], heading="Link"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="When"),
        FieldPanel("show_on", widget=forms.RadioSelect),
        InlinePanel("sections", heading="Sections", label="Section"),
    ]

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = "alert"
        verbose_name_plural = "alerts"
        indexes = [models.Index(fields=["site", "ends_at"], name="alert_site_ends")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                errors["ends_at"] = "The end must be after the start."
            elif self.ends_at - self.starts_at > LONGEST:
                errors["ends_at"] = (
                    "The end must be no more than 90 days after the start. For something "
                    "lasting longer, change a page instead."
                )
            elif self.pk is None and self.ends_at <= timezone.now():
                errors["ends_at"] = "The end must be in the future, or the alert would never show."
        if self.link_url and not self.link_text.strip():
            errors["link_text"] = "Enter the words of the link, or remove the link address."
        if self.link_text.strip() and not self.link_url:
            errors["link_url"] = "Enter the link address, or remove the words of the link."
        if errors:
            raise ValidationError(errors)

    def status(self, now=None):
        now = now or timezone.now()
        if self.ends_at <= now:
            return "Ended"
        if self.starts_at > now:
            return "Scheduled"
        return "Showing now"

    @property
    def is_urgent(self):
        return self.kind == self.Kind.URGENT

    @property
    def dismiss_key(self):
        """Names this alert as it is now: a resident who hid it sees it again once it changes."""
        return f"{self.pk}-{int(self.updated_at.timestamp())}"


class AlertSection(Orderable):
    """A page under which the alert shows (the page itself and every page below it)."""

    alert = ParentalKey(Alert, on_delete=models.CASCADE, related_name="sections")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "section"
