"""One row per "Is this page useful?" answer. Nothing about the person who gave it is kept:
no address, no browser, no cookie; email addresses and phone numbers typed into the comment
are masked before it is saved (feedback/masking.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

# Answers, and the comments with them, are deleted after this long (delete_old_feedback).
RETENTION = timedelta(days=365)

COMMENT_MAX_LENGTH = 1200


class PageFeedbackQuerySet(models.QuerySet):
    def older_than_retention(self, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - RETENTION)


class PageFeedback(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # The page's council when the answer was given: the report and permissions go by it.
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    useful = models.BooleanField()
    comment = models.TextField(blank=True, help_text="What was wrong, with contact details masked.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    dealt_with = models.BooleanField(default=False)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dealt_with_at = models.DateTimeField(null=True, blank=True)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = "page feedback answer"
        verbose_name_plural = "page feedback answers"
        indexes = [models.Index(fields=["site", "page"])]

    def __str__(self):
        answer = "useful" if self.useful else "not useful"
        return f"Page {self.page_id}: {answer} ({self.created_at:%Y-%m-%d})"

    def mark_dealt_with(self, user):
        self.dealt_with = True
        self.dealt_with_by = user
        self.dealt_with_at = timezone.now()
        self.save(update_fields=["dealt_with", "dealt_with_by", "dealt_with_at"])
