"""Each request emails the council's team and acknowledges the person, through the task queue;
a mail outage loses nothing and each email goes once it is over, never twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from bookings.models import BookingRequest, BookingRequestSettings
from pages.models import SiteBranding
from tests.bookings.conftest import TEAM, send_request
from tests.newsletters.test_background import run_worker

pytestmark = pytest.mark.django_db


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_mail_down_keeps_the_request_and_the_retry_sends_both_emails_once(
    client, course, request_page, team_inbox, mail_server_down, mail_server_back
):
    response = send_request(client, request_page, course)
    assert response.status_code == 302  # the person sees the confirmation all the same
    booking = BookingRequest.objects.get()
    assert booking.team_notified_at is None and booking.acknowledged_at is None
    assert booking.notify_attempts == 1 and booking.notify_error
    assert mail.outbox == []

    call_command("send_booking_request_emails")  # still down: still kept
    booking.refresh_from_db()
    assert booking.notify_attempts == 2 and booking.team_notified_at is None

    mail_server_back()
    call_command("send_booking_request_emails")
    assert recipients() == ["amira@school.example", TEAM]
    booking.refresh_from_db()
    assert booking.team_notified_at and booking.acknowledged_at and booking.notify_error == ""

    call_command("send_booking_request_emails")  # nothing is sent twice
    assert len(mail.outbox) == 2


def test_in_production_the_emails_wait_for_the_worker(
    database_queue, client, course, request_page, team_inbox, mail_server_down, mail_server_back
):
    send_request(client, request_page, course)
    assert mail.outbox == []
    assert BookingRequest.objects.get().notify_attempts == 0  # not tried yet: queued
    run_worker()  # the mail server is down
    assert BookingRequest.objects.get().notify_attempts == 1
    mail_server_back()
    call_command("send_booking_request_emails")
    assert recipients() == ["amira@school.example", TEAM]


def test_without_a_team_address_the_sites_reply_to_address_is_used(
    client, site, course, request_page
):
    SiteBranding.objects.filter(site=site).update(reply_to_email="team@testshire.example")
    send_request(client, request_page, course)
    assert recipients() == ["amira@school.example", "team@testshire.example"]
    acknowledgement = next(m for m in mail.outbox if m.to == ["amira@school.example"])
    assert acknowledgement.reply_to == ["team@testshire.example"]


def test_with_no_team_address_the_person_is_acknowledged_and_the_team_email_waits(
    client, site, course, request_page
):
    send_request(client, request_page, course)
    assert recipients() == ["amira@school.example"]
    booking = BookingRequest.objects.get()
    assert booking.team_notified_at is None and "No team email address" in booking.notify_error
    BookingRequestSettings.objects.filter(site=site).update(team_email="late@testshire.example")
    call_command("send_booking_request_emails")
    assert recipients() == ["amira@school.example", "late@testshire.example"]


def test_emails_being_sent_by_another_worker_are_not_sent_again(
    client, course, request_page, team_inbox, mail_server_down, mail_server_back
):
    send_request(client, request_page, course)  # the mail server is down: the emails wait
    mail_server_back()
    booking = BookingRequest.objects.get()
    BookingRequest.objects.filter(pk=booking.pk).update(notify_claimed_at=timezone.now())
    call_command("send_booking_request_emails")
    assert mail.outbox == []
    # That worker died mid-send a while ago: the retry takes the emails over.
    BookingRequest.objects.filter(pk=booking.pk).update(
        notify_claimed_at=timezone.now() - datetime.timedelta(minutes=20)
    )
    call_command("send_booking_request_emails")
    assert len(mail.outbox) == 2
