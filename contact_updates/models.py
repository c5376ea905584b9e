"""Emails to partners when a council's published contacts change.

A partner's subscription keeps only the address and when it was confirmed. Each change to what
the public site shows of a contact is recorded when it is published (ContactChange); once a day
each subscriber gets one digest of what changed (ContactUpdateDigest), covering the changes
recorded since their last one.
"""

from django.db import models
from django.utils import timezone


class ContactUpdateSubscriber(models.Model):
    """A confirmed subscriber. Nobody is subscribed until they confirm (PendingConfirmation)."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="council"
    )
    email = models.EmailField()
    confirmed_at = models.DateTimeField(default=timezone.now, verbose_name="confirmed")

    class Meta:
        verbose_name = "contact change subscriber"
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["site", "email"], name="unique_contact_update_subscriber"
            )
        ]

    def __str__(self):
        return self.email


class PendingConfirmation(models.Model):
    """A sign-up whose email has not gone yet: saved before the first try, so a mail outage
    loses nothing, and deleted once the email has gone (or after a week of failures)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    requested_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "email"], name="one_pending_contact_update_sign_up"
            )
        ]

    def __str__(self):
        return self.email


class ContactChange(models.Model):
    """One field of a contact as the public site shows it, before and after a publish, hold,
    release, unpublish or deletion."""

    class Field(models.TextChoices):
        STATUS = "status", "On the site"
        NAME = "name", "Name"
        PHONE = "phone", "Phone"
        TEXTPHONE = "textphone", "Textphone"
        EMAIL = "email", "Email"
        WEBSITE = "website", "Website"
        HOURS = "hours", "Opening hours"

    # The contact's id as a plain number, so its changes stay together after it is deleted.
    contact_pk = models.PositiveIntegerField()
    # The council's site id, blank for a national contact, whose changes go to every council's
    # subscribers. A plain number too: a council's contacts are deleted with its site, and the
    # record of that must not stop the site's deletion.
    site_pk = models.PositiveIntegerField(null=True, blank=True)
    contact_name = models.CharField(max_length=120)
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["changed_at"], name="contact_change_changed_at")]

    def __str__(self):
        return f"{self.contact_name}: {self.get_field_display()}"


class ContactUpdateDigest(models.Model):
    """One day's email to one subscriber, covering the changes with ids after `after_change`
    up to `up_to_change`. One per subscriber and day, so a second run sends nothing twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    subscriber = models.ForeignKey(ContactUpdateSubscriber, on_delete=models.CASCADE)
    day = models.DateField()
    after_change = models.PositiveBigIntegerField()
    up_to_change = models.PositiveBigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "day"], name="one_contact_update_digest_a_day"
            )
        ]

    def __str__(self):
        return f"Contact changes for {self.subscriber} ({self.day})"
