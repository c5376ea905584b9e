"""Subscribing with double opt-in, receiving an issue, and one-click unsubscribing."""

import re
import time
from email import message_from_string, policy
from unittest import mock

import pytest
from django.core import mail
from django.test import Client

from newsletters.models import PendingSignUp, Subscriber
from newsletters.sending import deliver_queued, queue_issue
from newsletters.tokens import make_confirm_token
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def subscribe(client, newsletter, email, **extra):
    return client.post("/email/subscribe/", {"email": email}, **extra)


def link_in(message, pattern):
    match = re.search(pattern, message.body)
    assert match, message.body
    return match.group(0)


def test_the_whole_journey_subscribe_confirm_receive_unsubscribe(client, newsletter, issue):
    response = subscribe(client, newsletter, "Resident@Example.org")
    assert response.status_code == 200
    assert "Check your email" in text_of(soup_of(response).h1)
    assert not Subscriber.objects.exists()  # nothing until confirmed

    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert confirmation.to == ["resident@example.org"]
    assert not PendingSignUp.objects.exists()  # the address is kept only until the email goes
    # Links use the site's own address, as they are made by a background worker.
    confirm_url = link_in(confirmation, r"http://localhost/email/confirm/[^\s)]+")

    page = client.get(confirm_url)
    assert page.status_code == 200
    assert not Subscriber.objects.exists()  # opening the link alone does not subscribe
    response = client.post(confirm_url)
    assert "You are subscribed" in text_of(soup_of(response))
    assert Subscriber.objects.filter(email="resident@example.org").count() == 1

    mail.outbox.clear()
    queue_issue(issue)
    deliver_queued(issue)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.subject.startswith("Prevent newsletter: July 2023")
    html = email.alternatives[0][0]
    assert email.alternatives[0][1] == "text/html"
    # Both parts come from the same page, and every link is absolute, on the site's address.
    base = issue.get_site().root_url
    assert "Working with communities" in email.body and "Working with communities" in html
    assert f'href="{base}/contest/"' in html
    assert f"({base}/contest/)" in email.body
    assert not re.search(r'href="/', html)
    headers = message_from_string(email.message().as_string(), policy=policy.default)
    unsubscribe_url = headers["List-Unsubscribe"].strip("<>")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in html

    # One click, as a mail program does it: a POST with no session and no CSRF token.
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You have unsubscribed" in text_of(soup_of(response))
    assert not Subscriber.objects.exists()


def test_the_unsubscribe_link_asks_before_deleting(client, newsletter, issue):
    Subscriber.objects.create(site=issue.get_site(), email="a@example.org")
    from newsletters.emails import unsubscribe_url

    url = unsubscribe_url(issue.get_site(), "a@example.org")
    assert "Unsubscribe" in text_of(soup_of(client.get(url)).h1)
    assert Subscriber.objects.exists()


def test_subscribing_again_reveals_nothing_on_the_page(client, newsletter, site):
    Subscriber.objects.create(site=site, email="known@example.org")
    known = subscribe(client, newsletter, "known@example.org")
    unknown = subscribe(client, newsletter, "new@example.org")
    assert known.status_code == unknown.status_code == 200
    strip = lambda r, e: text_of(soup_of(r).main).replace(e, "EMAIL")  # noqa: E731
    assert strip(known, "known@example.org") == strip(unknown, "new@example.org")
    assert Subscriber.objects.filter(email="known@example.org").count() == 1
    assert mail.outbox[0].subject.startswith("You are already subscribed")
    assert mail.outbox[1].subject.startswith("Confirm your subscription")


def test_an_expired_or_tampered_confirmation_link_is_refused_clearly(client, newsletter, site):
    with mock.patch("time.time", return_value=time.time() - 3 * 24 * 60 * 60):
        old_token = make_confirm_token(site.pk, "late@example.org")
    for token in (old_token, make_confirm_token(site.pk, "x@example.org")[:-3] + "abc"):
        url = f"/email/confirm/{token}/"
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 400
            assert "This link has expired or is not valid" in text_of(soup_of(response).h1)
    assert not Subscriber.objects.exists()


def test_a_confirmation_link_sent_under_the_old_address_still_works(client, newsletter, site):
    """Emails sent before the three steps moved under /email/ carry the newsletter page's own
    address, with the token in the query string."""
    token = make_confirm_token(site.pk, "early@example.org")
    old_url = f"{newsletter.url}confirm/?token={token}"
    opened = client.get(old_url)
    assert opened.status_code == 308
    assert opened["Location"] == f"/email/confirm/{token}/"
    assert "Confirm subscription" in text_of(soup_of(client.get(opened["Location"])))
    assert not Subscriber.objects.exists()
    # A Confirm button on a page opened before the move posts to the old address: still a POST.
    confirmed = client.post(old_url, follow=True)
    assert "You are subscribed" in text_of(soup_of(confirmed))
    assert Subscriber.objects.filter(site=site, email="early@example.org").count() == 1
    # Without its token, or with a slash in it, it is not a link we ever sent.
    assert client.get(f"{newsletter.url}confirm/").status_code == 404
    assert client.get(f"{newsletter.url}confirm/?token=a/b").status_code == 404


def test_a_confirmation_link_for_another_site_does_not_work(client, newsletter, site):
    token = make_confirm_token(site.pk + 100, "x@example.org")
    assert client.post(f"/email/confirm/{token}/").status_code == 400


def test_a_bad_address_gets_an_error_summary_and_400(client, newsletter):
    response = subscribe(client, newsletter, "not-an-email")
    assert response.status_code == 400
    soup = soup_of(response)
    summary = soup.select_one(".govuk-error-summary")
    assert "Enter an email address in the correct format" in text_of(summary)
    assert summary.select_one("a")["href"] == "#subscribe-email"
    assert soup.select_one("#subscribe-email")["value"] == "not-an-email"
    assert not mail.outbox


def test_too_many_attempts_from_one_address_are_refused(client, newsletter):
    for n in range(5):
        assert subscribe(client, newsletter, f"p{n}@example.org").status_code == 200
    response = subscribe(client, newsletter, "p6@example.org")
    assert response.status_code == 429
    assert "Too many attempts" in text_of(soup_of(response).h1)
    assert len(mail.outbox) == 5
    other = subscribe(client, newsletter, "q@example.org", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200
