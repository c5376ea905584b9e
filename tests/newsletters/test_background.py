"""In production, sending waits in the database queue until the worker runs it."""

import datetime
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsletters.models import Delivery, Subscriber
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    # Changing the setting resets Django's task backends, so tasks now go to the database.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_sending_waits_for_the_worker_then_delivers(database_queue, admin_client, issue, site):
    Subscriber.objects.create(site=site, email="reader@example.org")
    url = reverse("newsletters_admin:send", args=[issue.pk])
    admin_client.post(url, {"action": "send", "confirmed": "yes"})
    # The worker is not running: nothing is sent yet, and nothing is lost.
    assert mail.outbox == []
    assert Delivery.objects.get().status == "queued"

    # The worker recycles database connections between tasks; inside this test's transaction
    # that would close the connection the test itself is using, so it is switched off here.
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", "--batch", "--no-startup-delay")
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert Delivery.objects.get().status == "sent"


def test_scheduled_issue_goes_live_when_the_scheduler_runs(newsletter):
    issue = factories.NewsletterIssuePageFactory(parent=newsletter, live=False)
    issue.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    issue.save_revision().publish()  # a future go-live date schedules it instead
    issue.refresh_from_db()
    assert not issue.live
    call_command("publish_scheduled")
    issue.refresh_from_db()
    assert not issue.live  # not yet due
    time.sleep(1.2)
    call_command("publish_scheduled")
    issue.refresh_from_db()
    assert issue.live
