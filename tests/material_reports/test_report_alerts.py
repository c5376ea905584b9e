"""Each report alerts the council's Prevent team by email, through the task queue, with a link
and nothing of the report; a mail outage loses nothing and the alert goes once it is over."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from material_reports.models import MaterialReport, MaterialReportSettings
from pages.models import SiteBranding
from tests.material_reports.conftest import send_report
from tests.newsletters.test_background import run_worker

pytestmark = pytest.mark.django_db


def test_the_team_gets_a_link_to_the_report_and_not_its_content(client, report_page, team_inbox):
    send_report(
        client,
        report_page,
        location="Secret Street",
        contact_email="resident@example.org",
        description="Words from the sticker",
    )
    report = MaterialReport.objects.get()
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == [team_inbox]
    assert alert.subject == "New report of leaflets or stickers (Testshire Council)"
    assert f"http://localhost/admin/material_reports/inspect/{report.pk}/" in alert.body
    for private in ("Secret Street", "resident@example.org", "Words from the sticker"):
        assert private not in alert.body and private not in alert.subject
    report.refresh_from_db()
    assert report.notified_at is not None


def test_without_a_team_address_the_sites_reply_to_address_is_used(client, site, report_page):
    SiteBranding.objects.filter(site=site).update(reply_to_email="team@testshire.example")
    send_report(client, report_page)
    assert [m.to for m in mail.outbox] == [["team@testshire.example"]]


def test_with_no_address_at_all_the_report_is_kept_and_waits(client, site, report_page):
    assert send_report(client, report_page).status_code == 302
    assert mail.outbox == []
    report = MaterialReport.objects.get()
    assert report.notified_at is None and "No team email address" in report.notify_error
    MaterialReportSettings.objects.filter(site=site).update(team_email="late@testshire.example")
    call_command("send_material_report_alerts")
    assert [m.to for m in mail.outbox] == [["late@testshire.example"]]


def test_mail_down_keeps_the_report_and_the_retry_sends_the_alert_once(
    client,
    report_page,
    team_inbox,
    mail_server_down,
    mail_server_back,
):
    response = send_report(client, report_page)
    assert response.status_code == 302  # the resident sees the confirmation all the same
    report = MaterialReport.objects.get()
    assert report.notified_at is None
    assert report.notify_attempts == 1 and report.notify_error
    assert mail.outbox == []

    call_command("send_material_report_alerts")  # still down: still kept
    report.refresh_from_db()
    assert report.notify_attempts == 2 and report.notified_at is None

    mail_server_back()
    call_command("send_material_report_alerts")
    assert [m.to for m in mail.outbox] == [[team_inbox]]
    report.refresh_from_db()
    assert report.notified_at is not None and report.notify_error == ""

    call_command("send_material_report_alerts")  # nothing is sent twice
    assert len(mail.outbox) == 1


def test_in_production_the_alert_waits_for_the_worker(
    database_queue,
    client,
    report_page,
    team_inbox,
    mail_server_down,
    mail_server_back,
):
    send_report(client, report_page)
    assert mail.outbox == []
    assert MaterialReport.objects.get().notify_attempts == 0  # not tried yet: queued
    run_worker()  # the mail server is down
    assert MaterialReport.objects.get().notify_attempts == 1
    mail_server_back()
    call_command("send_material_report_alerts")
    assert [m.to for m in mail.outbox] == [[team_inbox]]


def test_an_alert_being_sent_by_another_worker_is_not_sent_again(
    client, report_page, team_inbox, mail_server_down, mail_server_back
):
    send_report(client, report_page)  # the mail server is down: the alert waits
    mail_server_back()
    report = MaterialReport.objects.get()
    # The worker is sending it at this moment.
    MaterialReport.objects.filter(pk=report.pk).update(notify_claimed_at=timezone.now())
    call_command("send_material_report_alerts")
    assert mail.outbox == []
    # That worker died mid-send a while ago: the retry takes the alert over.
    MaterialReport.objects.filter(pk=report.pk).update(
        notify_claimed_at=timezone.now() - datetime.timedelta(minutes=20)
    )
    call_command("send_material_report_alerts")
    assert [m.to for m in mail.outbox] == [[team_inbox]]
