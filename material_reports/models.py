"""Reports of extremist leaflets or stickers: the public page with its form, the reports
residents send, and each council's settings for them (team inbox, how long reports are kept).
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.search import index

from material_reports.storage import private_storage
from pages.blocks import RICH_TEXT_FEATURES
from pages.form_pages import PublicFormPageMixin
from pages.models import BasePage
from pages.team_inbox import TeamInboxMixin

DEFAULT_RETENTION_MONTHS = 12


def photo_path(report, filename):
    # The name was made random when the photo was cleaned (photos.py); the folder per month
    # keeps directories small.
    return f"material-reports/{timezone.now():%Y/%m}/{filename}"


@register_setting(icon="warning")
class MaterialReportSettings(TeamInboxMixin, BaseSiteSetting):
    team_email = models.EmailField(
        "Prevent team email address",
        blank=True,
        help_text=(
            "Where we send a short alert when someone reports leaflets or stickers. The alert "
            "holds only a link to the report in the admin. Leave empty to use the reply-to "
            "address under Settings > Branding."
        ),
    )
    retention_months = models.PositiveSmallIntegerField(
        "Keep reports for (months)",
        default=DEFAULT_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(84)],
        help_text=(
            "Reports and their photos are deleted automatically after this many months. The "
            "report page tells residents this period."
        ),
    )

    panels = [FieldPanel("team_email"), FieldPanel("retention_months")]

    class Meta:
        verbose_name = "Leaflet and sticker reports"


class MaterialReportPage(PublicFormPageMixin, BasePage):
    intro = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="What to report and why it helps, in a few short sentences.",
    )
    privacy = RichTextField(
        "What we do with your report",
        features=RICH_TEXT_FEATURES,
        help_text=(
            "Who reads reports, what they do with them, and a link to the council's privacy "
            "notice. How long reports are kept is added from Settings > Leaflet and sticker "
            "reports."
        ),
    )
    confirmation = RichTextField(
        "After sending: what happens next",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown with the confirmation once a report has been sent.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("privacy"),
        FieldPanel("confirmation"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    page_description = "A form for residents to report extremist leaflets or stickers."
    default_review_months = 6
    template = "pages/material_report_page.html"

    @cached_property
    def report_settings(self):
        return MaterialReportSettings.for_site(self.get_site())

    @path("")
    def form_route(self, request):
        # Imported here: the form view saves MaterialReport, from this module.
        from material_reports.views import report_form

        return report_form(self, request)


class MaterialReportQuerySet(models.QuerySet):
    def older_than_retention(self, site, months, now=None):
        cutoff = (now or timezone.now()) - datetime.timedelta(days=round(months * 30.44))
        return self.filter(site=site, received_at__lt=cutoff)


class MaterialReport(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="material_reports"
    )
    received_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    location = models.CharField("where", max_length=200)
    postcode = models.CharField(max_length=8, blank=True)
    seen_on = models.DateField("seen on")
    description = models.TextField("what it said or showed", max_length=2000)
    photo = models.FileField(storage=private_storage, upload_to=photo_path, blank=True)
    contact_name = models.CharField("name", max_length=100, blank=True)
    contact_email = models.EmailField("email", blank=True)
    contact_phone = models.CharField("phone", max_length=30, blank=True)

    handled = models.BooleanField(
        "dealt with", default=False, help_text="Tick once the team has dealt with this report."
    )
    handled_at = models.DateTimeField("dealt with on", null=True, blank=True, editable=False)

    # The alert to the team: sent through the task queue, retried while the mail is down.
    notified_at = models.DateTimeField("team alerted", null=True, blank=True, editable=False)
    notify_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    notify_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    notify_error = models.CharField(max_length=300, blank=True, editable=False)

    objects = MaterialReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "leaflet or sticker report"
        verbose_name_plural = "leaflet and sticker reports"

    def __str__(self):
        # No content of the report: this is what the admin's history and logs show.
        return f"Report {self.pk} received {timezone.localtime(self.received_at):%d %b %Y}"

    def save(self, *args, **kwargs):
        if self.handled and self.handled_at is None:
            self.handled_at = timezone.now()
        elif not self.handled:
            self.handled_at = None
        super().save(*args, **kwargs)


@receiver(post_delete, sender=MaterialReport, dispatch_uid="material-report-photo-delete")
def delete_photo_file(sender, instance, **kwargs):
    """The photo file goes once the deletion is committed (never for a deletion rolled back)."""
    if instance.photo:
        storage, name = instance.photo.storage, instance.photo.name
        transaction.on_commit(lambda: storage.delete(name))
