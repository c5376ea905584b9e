"""In production, sending waits in the database queue until the worker runs it."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsletters.models import Delivery, PendingSignUp, Subscriber
from tests import factories
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    # Changing the setting resets Django's task backends, so tasks now go to the database.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    # The worker recycles database connections between tasks; inside this test's transaction
    # that would close the connection the test itself is using, so it is switched off here.
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", "--batch", "--no-startup-delay")


def test_sending_waits_for_the_worker_then_delivers(database_queue, admin_client, issue, site):
    Subscriber.objects.create(site=site, email="reader@example.org")
    url = reverse("newsletters_admin:send", args=[issue.pk])
    admin_client.post(url, {"action": "send", "confirmed": "yes"})
    # The worker is not running: nothing is sent yet, and nothing is lost.
    assert mail.outbox == []
    assert Delivery.objects.get().status == "queued"

    run_worker()
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert Delivery.objects.get().status == "sent"


def test_a_sign_up_email_waits_for_the_worker_and_survives_an_outage(
    database_queue, client, newsletter, mail_server_down, mail_server_back
):
    response = client.post("/email/subscribe/", {"email": "first@example.org"})
    assert response.status_code == 200
    assert "We are sending an email to first@example.org" in text_of(soup_of(response).main)
    assert mail.outbox == []
    run_worker()  # the mail server is down: the email stays queued
    assert PendingSignUp.objects.get().attempts == 1

    # Now the site knows the mail server is failing, and says so.
    response = client.post("/email/subscribe/", {"email": "second@example.org"})
    assert text_of(soup_of(response).h1) == "Your email may take a while to arrive"

    mail_server_back()
    run_worker()  # sends the second sign-up's email
    call_command("send_queued_newsletters")  # the scheduled retry sends the first
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.org", "second@example.org"]
    assert not PendingSignUp.objects.exists()


def test_scheduled_issue_goes_live_when_the_scheduler_runs(newsletter, monkeypatch):
    issue = factories.NewsletterIssuePageFactory(parent=newsletter, live=False)
    go_live = timezone.now() + datetime.timedelta(hours=1)
    issue.go_live_at = go_live
    issue.save_revision().publish()  # a future go-live date schedules it instead
    issue.refresh_from_db()
    assert not issue.live
    call_command("publish_scheduled")
    issue.refresh_from_db()
    assert not issue.live  # not yet due
    # The hour has passed: Wagtail's scheduler reads timezone.now(), so time is set, not waited for.
    later = go_live + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("publish_scheduled")
    issue.refresh_from_db()
    assert issue.live
