"""Reports are deleted, with their photo files, once their council's retention period is over;
each deletion is logged."""

import datetime
import io
import logging
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from material_reports.models import MaterialReport, MaterialReportSettings
from material_reports.photos import clean_photo
from tests.material_reports.conftest import image_file

pytestmark = pytest.mark.django_db


def report(site, days_old, location):
    made = MaterialReport.objects.create(
        site=site,
        location=location,
        seen_on=datetime.date(2026, 1, 1),
        description="A sticker",
        photo=clean_photo(image_file()),
    )
    MaterialReport.objects.filter(pk=made.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    return made


def run(django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_old_material_reports", stdout=out)
    return out.getvalue()


def test_old_reports_and_their_photos_go_and_new_ones_stay(
    site, second_site, caplog, django_capture_on_commit_callbacks
):
    old = report(site, 400, "Old street")
    new = report(site, 300, "New street")
    # Otherton keeps reports for 24 months.
    MaterialReportSettings.objects.create(site=second_site, retention_months=24)
    kept_longer = report(second_site, 400, "Otherton street")
    old_file = Path(old.photo.path)
    assert old_file.exists()

    with caplog.at_level(logging.INFO, logger="material_reports.retention"):
        output = run(django_capture_on_commit_callbacks)

    assert "Deleted 1 leaflet and sticker report(s)" in output
    assert set(MaterialReport.objects.values_list("location", flat=True)) == {
        "New street",
        "Otherton street",
    }
    assert not old_file.exists()
    assert Path(new.photo.path).exists() and Path(kept_longer.photo.path).exists()
    assert f"Deleted leaflet report {old.pk}" in caplog.text
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(old.pk))
    assert "Old street" not in entry.label  # the history never holds what a report said

    # Run again: nothing more to delete.
    assert "Deleted 0" in run(django_capture_on_commit_callbacks)


def test_the_retention_period_follows_the_council_setting(site, django_capture_on_commit_callbacks):
    MaterialReportSettings.objects.create(site=site, retention_months=1)
    report(site, 40, "Last month")
    report(site, 10, "This month")
    run(django_capture_on_commit_callbacks)
    assert list(MaterialReport.objects.values_list("location", flat=True)) == ["This month"]
