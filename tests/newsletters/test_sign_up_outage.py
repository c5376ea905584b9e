"""Signing up while the mail server is down or hanging: nothing is lost, and the email goes
once the server is back. The outages are real, not mocked: a port where nothing listens, and a
socket that accepts connections but never answers."""

import datetime
import re
import smtplib
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from newsletters import sending
from newsletters.models import PendingSignUp, Subscriber
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

CONFIRM_LINK = r"http://localhost/email/confirm/[^\s)]+"


def subscribe(client, email, **extra):
    return client.post("/email/subscribe/", {"email": email}, **extra)


def retry():
    call_command("send_queued_newsletters")


def test_a_sign_up_during_an_outage_is_kept_and_sent_once_the_server_is_back(
    client, newsletter, mail_server_down, mail_server_back
):
    response = subscribe(client, "Resident@Example.org")
    assert response.status_code == 200
    soup = soup_of(response)
    assert text_of(soup.h1) == "Your email may take a while to arrive"
    assert "You do not need to sign up again" in text_of(soup.main)
    assert mail.outbox == []
    pending = PendingSignUp.objects.get()
    assert pending.email == "resident@example.org"
    assert pending.attempts == 1 and pending.last_error
    assert not Subscriber.objects.exists()

    # Signing up again while the first is waiting adds no second email.
    assert subscribe(client, "resident@example.org").status_code == 200
    assert PendingSignUp.objects.count() == 1
    retry()  # the scheduler runs during the outage: still kept
    assert PendingSignUp.objects.get().attempts == 3

    # The outage lasts longer than a confirmation link's 48 hours: the link is made when
    # the email is sent, so it still works.
    PendingSignUp.objects.update(requested_at=timezone.now() - datetime.timedelta(days=3))
    mail_server_back()
    retry()
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["resident@example.org"]
    assert confirmation.subject.startswith("Confirm your subscription")
    assert not PendingSignUp.objects.exists()

    confirm_url = re.search(CONFIRM_LINK, confirmation.body).group(0)
    response = client.post(confirm_url)
    assert "You are subscribed" in text_of(soup_of(response))
    assert Subscriber.objects.filter(email="resident@example.org").count() == 1

    retry()  # nothing is sent twice
    assert len(mail.outbox) == 1


def test_a_hanging_mail_server_holds_the_sign_up_no_longer_than_the_timeout(
    client, newsletter, mail_server_hanging
):
    start = time.monotonic()
    response = subscribe(client, "someone@example.org")
    elapsed = time.monotonic() - start
    assert response.status_code == 200
    assert text_of(soup_of(response).h1) == "Your email may take a while to arrive"
    assert 0.9 < elapsed < 5  # it waited for the server, then gave up after the one-second timeout
    assert "timed out" in PendingSignUp.objects.get().last_error
    assert mail.outbox == []


def test_during_an_outage_the_page_still_reveals_nobody_on_the_list(
    client, newsletter, site, mail_server_down, mail_server_back
):
    Subscriber.objects.create(site=site, email="known@example.org")
    known = subscribe(client, "known@example.org")
    unknown = subscribe(client, "new@example.org")
    assert known.status_code == unknown.status_code == 200
    strip = lambda r, e: text_of(soup_of(r).main).replace(e, "EMAIL")  # noqa: E731
    assert strip(known, "known@example.org") == strip(unknown, "new@example.org")

    # Someone who subscribed while their email waited gets the right email, not a second link.
    mail_server_back()
    retry()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["known@example.org"].startswith("You are already subscribed")
    assert subjects["new@example.org"].startswith("Confirm your subscription")
    assert len(mail.outbox) == 2


def test_the_rate_limit_still_applies_during_an_outage(client, newsletter, mail_server_down):
    for n in range(5):
        assert subscribe(client, f"p{n}@example.org").status_code == 200
    assert subscribe(client, "p6@example.org").status_code == 429
    assert PendingSignUp.objects.count() == 5


def pending(email, site, **fields):
    return PendingSignUp.objects.create(site=site, email=email, **fields)


def test_an_email_whose_worker_died_mid_send_is_sent_again(newsletter, site):
    pending("stuck@example.org", site, claimed_at=timezone.now() - datetime.timedelta(hours=1))
    pending("busy@example.org", site, claimed_at=timezone.now())  # another worker has it now
    assert sending.send_pending_sign_ups() == (1, False)
    assert [m.to for m in mail.outbox] == [["stuck@example.org"]]
    assert PendingSignUp.objects.get().email == "busy@example.org"


def test_a_sign_up_email_unsent_after_a_week_is_given_up(newsletter, site):
    pending("old@example.org", site, requested_at=timezone.now() - datetime.timedelta(days=8))
    assert sending.send_pending_sign_ups() == (0, False)
    assert mail.outbox == []
    assert not PendingSignUp.objects.exists()


def test_an_address_the_server_refuses_does_not_hold_up_the_others(newsletter, site):
    for email in ("refused@example.org", "later@example.org", "bounced@example.org"):
        pending(email, site)
    real_send = sending.send_confirmation

    def refuse_some(index, email):
        if email == "refused@example.org":  # a temporary refusal: tried again later
            raise smtplib.SMTPRecipientsRefused({email: (450, b"Mailbox busy")})
        if email == "bounced@example.org":  # a permanent one: never tried again
            raise smtplib.SMTPRecipientsRefused({email: (550, b"No such user")})
        real_send(index, email)

    with mock.patch.object(sending, "send_confirmation", refuse_some):
        assert sending.send_pending_sign_ups() == (1, False)
    assert [m.to for m in mail.outbox] == [["later@example.org"]]
    assert list(PendingSignUp.objects.values_list("email", "attempts")) == [
        ("refused@example.org", 1)
    ]
