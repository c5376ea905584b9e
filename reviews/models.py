"""The weekly digest of what is due for review, one row per council, owner and week.

The unique row is what makes the digest go once a week however often the scheduler runs; its
status lets a digest that the mail server refused wait for the next run instead of being lost.
"""

from django.conf import settings
from django.db import models


class ReviewDigest(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    # Blank for the national register, which superusers look after.
    site = models.ForeignKey("wagtailcore.Site", null=True, blank=True, on_delete=models.CASCADE)
    # "site-<id>" or "national": a plain value, so the unique rule holds for the national one too.
    scope = models.CharField(max_length=30)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    week_starting = models.DateField(help_text="The Monday of the week the digest is for.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "recipient", "week_starting"],
                name="one_review_digest_per_week",
            )
        ]

    def __str__(self):
        return f"Review digest for {self.recipient} ({self.week_starting})"
