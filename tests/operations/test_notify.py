"""Email through GOV.UK Notify: the requests its API expects, the council's name and reply-to
address in them, and nothing lost when Notify refuses or cannot be reached. Notify here is a
local stand-in that checks each request as the real one does (tests/operations/fake_notify.py)."""

import json
import logging
import os
import re
import subprocess
import sys
import threading

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client

from newsletters import sending
from newsletters.models import Delivery, PendingSignUp, Subscriber
from pages.email_sender import council_for
from pages.models import SiteBranding
from tests import factories
from tests.html import soup_of, text_of
from tests.network import closed_port
from tests.operations import fake_notify

pytestmark = pytest.mark.django_db

REPLY_TO_ID = "8e222534-7f05-4972-86e3-17c5d9f894e2"
CONFIRM_LINK = r"http://localhost/email/confirm/[^\s)]+"


def notify_mailer(base_url, api_key=fake_notify.API_KEY, reply_to_ids=""):
    return {
        "default": {
            "BACKEND": "pages.notify_backend.NotifyEmailBackend",
            "OPTIONS": {
                "api_key": api_key,
                "template_id": fake_notify.TEMPLATE_ID,
                "base_url": base_url,
                "reply_to_ids": reply_to_ids,
                "timeout": 2,
            },
        }
    }


@pytest.fixture
def notify(settings):
    server = fake_notify.FakeNotify()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.MAILERS = notify_mailer(
        server.url, reply_to_ids=f"Prevent@Testshire.gov.uk={REPLY_TO_ID}"
    )
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def newsletter(home_page):
    return factories.NewsletterIndexPageFactory(parent=home_page)


def subscribe(client, email):
    return client.post("/email/subscribe/", {"email": email})


def test_a_sign_up_email_goes_through_notify_with_the_councils_name(
    client, newsletter, site, notify
):
    SiteBranding.objects.filter(site=site).update(reply_to_email="prevent@testshire.gov.uk")
    response = subscribe(client, "resident@example.org")
    assert response.status_code == 200
    [email] = notify.sent
    assert email["email_address"] == "resident@example.org"
    assert email["template_id"] == fake_notify.TEMPLATE_ID
    personalisation = email["personalisation"]
    assert personalisation["subject"] == f"Confirm your subscription to {newsletter.title}"
    assert personalisation["council"] == council_for(site).sender_name
    assert personalisation["council"].startswith("Testshire Council")
    # The body is the email's text: headed by the council's name, with the link to confirm.
    assert personalisation["body"].lstrip().startswith("Testshire Council")
    # The council's reply-to address, as the Notify service knows it.
    assert email["email_reply_to_id"] == REPLY_TO_ID
    assert not PendingSignUp.objects.exists()

    confirm_url = re.search(CONFIRM_LINK, personalisation["body"]).group(0)
    confirmed = client.post(confirm_url)
    assert "You are subscribed" in text_of(soup_of(confirmed))


def test_a_council_without_a_notify_reply_to_gets_the_services_default(
    client, newsletter, site, notify
):
    SiteBranding.objects.filter(site=site).update(reply_to_email="other@testshire.gov.uk")
    subscribe(client, "resident@example.org")
    [email] = notify.sent
    assert "email_reply_to_id" not in email


def test_an_issue_goes_to_each_subscriber_with_one_click_unsubscribe(newsletter, site, notify):
    issue = factories.NewsletterIssuePageFactory(parent=newsletter, title="Autumn news")
    issue.save_revision().publish()
    for n in range(3):
        Subscriber.objects.create(site=site, email=f"reader{n}@example.org")
    sending.queue_issue(issue)
    assert sending.deliver_queued(issue) == (3, False)
    assert sorted(email["email_address"] for email in notify.sent) == [
        f"reader{n}@example.org" for n in range(3)
    ]
    for email in notify.sent:
        assert email["personalisation"]["subject"].startswith("Autumn news")
        assert "Working with communities" in email["personalisation"]["body"]
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 3
    # The link is signed with the second it was made in, so prove what it does, not its bytes:
    # a mail program's one-click POST removes that reader and no one else.
    first = notify.sent[0]
    assert first["one_click_unsubscribe_url"].startswith(site.root_url + "/email/unsubscribe/")
    response = Client().post(first["one_click_unsubscribe_url"], {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == sorted(
        {f"reader{n}@example.org" for n in range(3)} - {first["email_address"]}
    )


@pytest.mark.parametrize("status", [400, 403, 429, 500, 503])
def test_a_refusal_is_logged_and_the_sign_up_waits_for_the_retry(
    client, newsletter, notify, caplog, status
):
    notify.fail_with = status
    with caplog.at_level(logging.ERROR, logger="pages.notify_backend"):
        response = subscribe(client, "resident@example.org")
    assert text_of(soup_of(response).h1) == "Your email may take a while to arrive"
    [record] = [r for r in caplog.records if r.name == "pages.notify_backend"]
    assert record.levelno == logging.ERROR
    assert "GOV.UK Notify did not take the email 'Confirm your subscription" in record.getMessage()
    assert str(status) in record.getMessage()
    assert "resident@example.org" not in record.getMessage()
    pending = PendingSignUp.objects.get()
    assert pending.attempts == 1
    assert pending.last_error.startswith(f"GOV.UK Notify answered {status}")

    notify.fail_with = None
    call_command("send_queued_newsletters")
    assert [email["email_address"] for email in notify.sent] == ["resident@example.org"]
    assert not PendingSignUp.objects.exists()


def test_a_key_notify_does_not_accept_keeps_the_issue_queued(newsletter, site, notify, settings):
    # The right service, the wrong secret: Notify's signature check fails with 403.
    wrong = fake_notify.API_KEY[:-36] + "00000000-0000-4000-8000-000000000000"
    settings.MAILERS = notify_mailer(notify.url, api_key=wrong)
    issue = factories.NewsletterIssuePageFactory(parent=newsletter)
    issue.save_revision().publish()
    for n in range(2):
        Subscriber.objects.create(site=site, email=f"reader{n}@example.org")
    sending.queue_issue(issue)
    assert sending.deliver_queued(issue) == (0, True)
    assert notify.sent == []
    [(status, message)] = notify.refused
    assert status == 403 and message.startswith("Invalid token: Signature")
    delivery = Delivery.objects.order_by("pk").first()
    assert delivery.status == Delivery.Status.QUEUED and delivery.attempts == 1
    assert delivery.last_error.startswith("GOV.UK Notify answered 403: Invalid token")

    settings.MAILERS = notify_mailer(notify.url)
    assert sending.deliver_queued(issue) == (2, False)
    assert len(notify.sent) == 2


def test_notify_out_of_reach_keeps_the_sign_up_for_the_retry(client, newsletter, settings):
    settings.MAILERS = notify_mailer(f"http://127.0.0.1:{closed_port()}")
    subscribe(client, "resident@example.org")
    pending = PendingSignUp.objects.get()
    assert pending.attempts == 1
    assert pending.last_error.startswith("GOV.UK Notify answered 503")


def _mailer_from_environment(**variables):
    code = (
        "import django; django.setup()\n"
        "from django.core.mail import mailers\n"
        "b = mailers.default\n"
        "c = getattr(b, 'client', None)\n"
        "print(json.dumps([type(b).__name__, getattr(c, 'base_url', None),"
        " getattr(c, 'service_id', None), getattr(b, 'template_id', None),"
        " getattr(b, 'reply_to_ids', None)]))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GOVUK_NOTIFY_", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="prevent_site.settings.production",
        SECRET_KEY="test-only-not-secret",
        ALLOWED_HOSTS="localhost",
        **variables,
    )
    return subprocess.run(
        [sys.executable, "-c", "import json\n" + code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_environment_chooses_notify():
    result = _mailer_from_environment(
        GOVUK_NOTIFY_API_KEY=fake_notify.API_KEY,
        GOVUK_NOTIFY_TEMPLATE_ID=fake_notify.TEMPLATE_ID,
        GOVUK_NOTIFY_BASE_URL="http://127.0.0.1:9",
        GOVUK_NOTIFY_REPLY_TO_IDS=f"prevent@westminster.gov.uk={REPLY_TO_ID}",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "NotifyEmailBackend",
        "http://127.0.0.1:9",
        fake_notify.SERVICE_ID,
        fake_notify.TEMPLATE_ID,
        {"prevent@westminster.gov.uk": REPLY_TO_ID},
    ]
    # Without Notify's variables, the mail server is used.
    assert json.loads(_mailer_from_environment().stdout)[0] == "EmailBackend"


def test_notify_without_a_template_or_with_a_broken_key_fails_clearly():
    missing = _mailer_from_environment(GOVUK_NOTIFY_API_KEY=fake_notify.API_KEY)
    assert missing.returncode != 0
    assert "GOVUK_NOTIFY_TEMPLATE_ID must be set" in missing.stderr
    broken = _mailer_from_environment(
        GOVUK_NOTIFY_API_KEY=fake_notify.API_KEY[-36:],
        GOVUK_NOTIFY_TEMPLATE_ID=fake_notify.TEMPLATE_ID,
    )
    assert broken.returncode != 0
    assert "GOVUK_NOTIFY_API_KEY is not a GOV.UK Notify API key" in broken.stderr
