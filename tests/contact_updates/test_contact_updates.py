"""Partners subscribe to a council's contact changes and get one digest a day of what was
published: old and new details, nothing for drafts or reverted changes, nothing twice."""

import datetime
import io
import re
from email import message_from_bytes, policy

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from contact_updates.models import (
    ContactChange,
    ContactUpdateDigest,
    ContactUpdateSubscriber,
    PendingConfirmation,
)
from newsletters.tokens import make_confirm_token, make_unsubscribe_token
from reviews.schedule import hold, release
from tests import factories
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def publish(contact, **changes):
    for field, value in changes.items():
        setattr(contact, field, value)
    contact.save_revision().publish()
    contact.refresh_from_db()


def run_digests():
    call_command("send_contact_update_digests", stdout=io.StringIO())


def digests_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_subscribe_confirm_publish_and_get_one_digest(client, westminster, contact):
    response = client.post("/email/contact-updates/subscribe/", {"email": "DSL@School.example"})
    assert response.status_code == 200
    assert "Check your email" in text_of(soup_of(response).h1)
    assert not ContactUpdateSubscriber.objects.exists()  # nothing until confirmed
    assert not PendingConfirmation.objects.exists()  # kept only until its email has gone
    (confirmation,) = mail.outbox
    assert confirmation.to == ["dsl@school.example"]
    assert "Testshire Council" in confirmation.from_email
    match = re.search(
        r"http://localhost/email/contact-updates/confirm/\?token=[^\s)]+", confirmation.body
    )
    confirm_url = match.group(0)

    page = client.get(confirm_url)
    assert "Confirm subscription" in text_of(soup_of(page).select_one("form[method=post] button"))
    assert not ContactUpdateSubscriber.objects.exists()  # opening the link alone does nothing
    response = client.post(confirm_url)
    assert "You are subscribed" in text_of(soup_of(response))
    subscriber = ContactUpdateSubscriber.objects.get()
    assert (subscriber.site, subscriber.email) == (westminster, "dsl@school.example")

    mail.outbox.clear()
    publish(contact, phone="+442076416000")
    run_digests()

    (digest,) = mail.outbox
    assert digest.to == ["dsl@school.example"]
    assert "Testshire Council" in digest.subject
    assert "Testshire Council" in digest.from_email
    assert "Prevent team" in digest.body
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"Phone: was 020 7641 6032, now 020 7641 6000 (changed {today})" in digest.body
    assert "was 020 7641 6032, now 020 7641 6000" in text_of(soup_of_html(digest))
    # One-click unsubscribe (RFC 8058), and a link in the email itself.
    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in digest.body
    parsed = message_from_bytes(digest.message().as_bytes(), policy=policy.default)
    assert parsed["List-Unsubscribe"] == f"<{unsubscribe}>"

    mail.outbox.clear()
    run_digests()  # the same day again: nothing new, nothing twice
    assert mail.outbox == []


def soup_of_html(message):
    return BeautifulSoup(message.alternatives[0][0], "html.parser")


def test_two_changes_in_a_day_make_one_email(westminster, contact, subscribe):
    subscribe(westminster, "dsl@school.example")
    publish(contact, phone="+442076416000")
    publish(contact, email="prevent@westminster.example", hours="9am to 5pm, Monday to Friday")
    run_digests()
    (digest,) = mail.outbox
    assert "Phone: was 020 7641 6032, now 020 7641 6000" in digest.body
    assert "Email: was not given, now prevent@westminster.example" in digest.body
    assert "Opening hours: was not given, now 9am to 5pm, Monday to Friday" in digest.body


def test_a_draft_sends_nothing(westminster, contact, subscribe):
    subscribe(westminster, "dsl@school.example")
    contact.phone = "+442076416000"
    contact.save_revision()  # saved as a draft, never published
    run_digests()
    assert mail.outbox == []
    assert not ContactChange.objects.filter(changed_at__gte=contact.latest_revision.created_at)


def test_a_change_reverted_before_the_digest_sends_nothing(westminster, contact, subscribe):
    subscribe(westminster, "dsl@school.example")
    publish(contact, phone="+442076416000")
    publish(contact, phone="+442076416032")
    run_digests()
    assert mail.outbox == []
    # A later real change is reported against what partners last saw.
    publish(contact, phone="+442076416111")
    run_digests()
    (digest,) = mail.outbox
    assert "Phone: was 020 7641 6032, now 020 7641 6111" in digest.body
    assert "020 7641 6000" not in digest.body


def test_the_next_day_brings_only_the_new_changes(westminster, contact, subscribe):
    subscribe(westminster, "dsl@school.example")
    publish(contact, phone="+442076416000")
    run_digests()
    assert len(mail.outbox) == 1
    # The first digest was yesterday's.
    ContactUpdateDigest.objects.update(day=timezone.localdate() - datetime.timedelta(days=1))
    mail.outbox.clear()
    publish(contact, hours="24 hours a day")
    run_digests()
    (digest,) = mail.outbox
    assert "Opening hours: was not given, now 24 hours a day" in digest.body
    assert "Phone" not in digest.body


def test_another_councils_subscriber_gets_nothing(westminster, rochford, contact, subscribe):
    subscribe(rochford, "dsl@rochford-school.example")
    publish(contact, phone="+442076416000")
    run_digests()
    assert mail.outbox == []


def test_a_national_change_reaches_every_councils_subscribers(
    westminster, rochford, national_contact, subscribe
):
    subscribe(westminster, "dsl@westminster-school.example")
    subscribe(rochford, "dsl@rochford-school.example")
    publish(national_contact, phone="+44800789322")
    run_digests()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "dsl@rochford-school.example",
        "dsl@westminster-school.example",
    ]
    for message in mail.outbox:
        assert "Anti-Terrorist Hotline" in message.body
        assert "Phone: was 0800 789 321, now 0800 789 322" in message.body
    rochford_email = digests_to("dsl@rochford-school.example")[0]
    assert "Otherton Council" in rochford_email.from_email
    assert "http://otherton.localhost/email/contact-updates/unsubscribe/" in rochford_email.body


def test_holding_and_unpublishing_are_reported_without_the_old_details(
    westminster, contact, subscribe, editor
):
    subscribe(westminster, "dsl@school.example")
    hold(contact, editor, "The number is being checked")
    run_digests()
    (digest,) = mail.outbox
    assert "Status: was Shown on the site, now Held: not shown on the site for now" in digest.body
    assert "Phone:" not in digest.body
    assert "being checked" not in digest.body  # the officers' reason stays in the admin


def test_a_hold_released_the_same_day_sends_nothing(westminster, contact, subscribe, editor):
    subscribe(westminster, "dsl@school.example")
    hold(contact, editor, "Checking")
    release(contact, editor)
    run_digests()
    assert mail.outbox == []


def test_unpublishing_a_contact_is_reported(westminster, contact, subscribe):
    subscribe(westminster, "dsl@school.example")
    contact.unpublish()
    run_digests()
    (digest,) = mail.outbox
    assert "Status: was Shown on the site, now Not on the site" in digest.body


def test_one_click_unsubscribe_erases_the_address(westminster, contact, subscribe):
    subscribe(westminster, "dsl@school.example")
    publish(contact, phone="+442076416000")
    run_digests()
    (digest,) = mail.outbox
    url = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert ContactUpdateDigest.objects.exists()

    # Opening the link only asks; a mail program's one-click POST needs no session or token.
    page = Client().get(url)
    assert "Unsubscribe" in text_of(soup_of(page).select_one("form[method=post] button"))
    assert ContactUpdateSubscriber.objects.exists()
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You have unsubscribed" in text_of(soup_of(response))
    assert not ContactUpdateSubscriber.objects.exists()
    assert not ContactUpdateDigest.objects.exists()

    mail.outbox.clear()
    publish(contact, phone="+442076416111")
    run_digests()
    assert mail.outbox == []


def test_a_newsletter_link_does_not_work_here(client, westminster):
    token = make_confirm_token(westminster.pk, "someone@example.org")
    response = client.post(f"/email/contact-updates/confirm/?token={token}")
    assert response.status_code == 400
    token = make_unsubscribe_token(westminster.pk, "someone@example.org")
    assert client.post(f"/email/contact-updates/unsubscribe/{token}/").status_code == 400
    assert not ContactUpdateSubscriber.objects.exists()


def test_mail_down_then_retry_sends_once(westminster, contact, subscribe, mail_server_down):
    down, back = mail_server_down
    subscribe(westminster, "dsl@school.example")
    publish(contact, phone="+442076416000")
    down()
    run_digests()
    digest = ContactUpdateDigest.objects.get()
    assert digest.status == ContactUpdateDigest.Status.QUEUED  # kept for the retry
    assert digest.last_error

    back()
    call_command("send_contact_update_digests", "--retry", stdout=io.StringIO())
    (message,) = mail.outbox
    assert "now 020 7641 6000" in message.body
    run_digests()
    call_command("send_contact_update_digests", "--retry", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_a_sign_up_during_a_mail_outage_is_kept_and_sent_later(
    client, westminster, mail_server_down
):
    down, back = mail_server_down
    down()
    response = client.post("/email/contact-updates/subscribe/", {"email": "dsl@school.example"})
    assert response.status_code == 200
    assert "may take a while" in text_of(soup_of(response))
    assert PendingConfirmation.objects.filter(email="dsl@school.example").exists()
    back()
    call_command("send_contact_update_digests", "--retry", stdout=io.StringIO())
    (confirmation,) = mail.outbox
    assert "/email/contact-updates/confirm/?token=" in confirmation.body
    assert not PendingConfirmation.objects.exists()


def test_a_bad_address_gets_an_error_summary_and_keeps_what_was_typed(client, westminster):
    response = client.post("/email/contact-updates/subscribe/", {"email": "not an address"})
    assert response.status_code == 400
    page = soup_of(response)
    summary = page.select_one(".govuk-error-summary")
    link = summary.select_one("a")
    assert link["href"] == "#contact-updates-email"
    assert "correct format" in text_of(link)
    assert page.select_one("#contact-updates-email")["value"] == "not an address"
    assert mail.outbox == []


def test_the_directory_links_to_the_sign_up_without_a_cookie(client, home_page):
    directory = factories.ContactDirectoryPageFactory(parent=home_page)
    response = client.get(directory.url)
    assert response.status_code == 200
    links = [a["href"] for a in soup_of(response).select("a")]
    assert "/email/contact-updates/subscribe/" in links
    assert not response.cookies  # the directory stays cacheable
    form = client.get("/email/contact-updates/subscribe/")
    assert form.status_code == 200
    assert soup_of(form).select_one("label[for=contact-updates-email]")


def test_officers_see_their_own_councils_subscriber_count_only(councils, officer, subscribe):
    subscribe(councils["own"], "dsl@school.example")
    subscribe(councils["own"], "head@school.example")
    subscribe(councils["other"], "dsl@rochford-school.example")
    client = officer("Test editors")
    response = client.get("/admin/contact-updates/subscribers/")
    assert response.status_code == 200
    rows = [
        [text_of(cell) for cell in row.select("td")]
        for row in soup_of(response).select("#contact-update-subscribers tbody tr")
    ]
    assert rows == [["Test", "2"]]
    assert "dsl@school.example" not in response.content.decode()
    other = officer("Otherton editors").get("/admin/contact-updates/subscribers/")
    assert [text_of(cell) for cell in soup_of(other).select("#contact-update-subscribers td")] == [
        "Otherton",
        "1",
    ]
