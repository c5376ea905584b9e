"""Deleting reports once their council's retention period has passed, photos included."""

import logging

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site

from material_reports.models import MaterialReport, MaterialReportSettings

logger = logging.getLogger(__name__)


def delete_old_reports(now=None):
    """Delete every report older than its site's retention period; returns how many."""
    now = now or timezone.now()
    deleted = 0
    for site in Site.objects.filter(material_reports__isnull=False).distinct():
        months = MaterialReportSettings.for_site(site).retention_months
        for report in MaterialReport.objects.older_than_retention(site, months, now=now):
            with transaction.atomic():
                # The history keeps that a report was deleted, and when; never what it said.
                log(
                    instance=report,
                    action="wagtail.delete",
                    deleted=True,
                    title=f"{report} ({site.site_name})",
                )
                received = report.received_at
                report_id = report.pk
                report.delete()  # its photo file goes with it (models.delete_photo_file)
            logger.info(
                "Deleted leaflet report %s of site %s, received %s: older than %s months",
                report_id,
                site.site_name,
                received.date().isoformat(),
                months,
            )
            deleted += 1
    return deleted
