"""Sending an issue: exactly one email per subscriber, whatever goes wrong."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from newsletters import sending
from newsletters.models import Delivery, Subscriber
from tests import factories
from tests.conftest import verify_second_factor
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers(site):
    return [Subscriber.objects.create(site=site, email=f"reader{n}@example.org") for n in range(5)]


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def send_from_admin(admin_client, issue):
    url = reverse("newsletters_admin:send", args=[issue.pk])
    return admin_client.post(url, {"action": "send", "confirmed": "yes"})


def test_officer_sends_after_confirming_and_sees_progress(admin_client, issue, subscribers):
    url = reverse("newsletters_admin:send", args=[issue.pk])
    page = admin_client.get(url)
    assert "5 subscribers on this site" in page.content.decode()
    confirm = admin_client.get(url, {"confirm": "1"}).content.decode()
    assert "to 5 subscribers?" in confirm
    # Without the confirmation, nothing is sent.
    admin_client.post(url, {"action": "send"})
    assert mail.outbox == []

    response = send_from_admin(admin_client, issue)
    assert response.status_code == 302
    assert recipients() == sorted(s.email for s in subscribers)
    progress = soup_of(admin_client.get(url)).select_one("table.listing tbody tr")
    assert [text_of(td) for td in progress.select("td")] == ["5", "0", "0", "0"]


def test_sending_twice_sends_one_email_per_subscriber(admin_client, issue, subscribers):
    send_from_admin(admin_client, issue)
    send_from_admin(admin_client, issue)
    assert recipients() == sorted(s.email for s in subscribers)
    assert Delivery.objects.filter(status="sent").count() == 5


def test_a_crashed_worker_resumes_without_sending_twice(issue, subscribers):
    sending.queue_issue(issue)
    real_claim = sending._claim
    calls = {"n": 0}

    def claim_then_die(delivery_id):
        calls["n"] += 1
        if calls["n"] == 3:
            raise SystemExit("worker killed")  # not an error the worker handles: it just stops
        return real_claim(delivery_id)

    with mock.patch.object(sending, "_claim", claim_then_die), pytest.raises(SystemExit):
        sending.deliver_queued(issue)
    assert len(mail.outbox) == 2

    sending.queue_issue(issue)  # an officer presses send again: adds nothing
    sending.deliver_queued(issue)  # the restarted worker carries on
    assert recipients() == sorted(s.email for s in subscribers)


def test_a_delivery_left_half_sent_is_never_sent_again(issue, subscribers):
    sending.queue_issue(issue)
    stuck = Delivery.objects.filter(issue=issue).first()
    Delivery.objects.filter(pk=stuck.pk).update(status="sending", claimed_at="2000-01-01T00:00:00Z")
    sending.deliver_queued(issue)
    assert stuck.email not in recipients()
    assert len(mail.outbox) == 4
    stuck.refresh_from_db()
    assert stuck.status == "failed" and "may not have arrived" in stuck.last_error


def test_a_mail_server_failure_keeps_the_rest_queued(
    admin_client, issue, subscribers, mail_server_down, mail_server_back
):
    send_from_admin(admin_client, issue)
    assert Delivery.objects.filter(status="queued").count() == 5
    failed_once = Delivery.objects.get(attempts=1)
    assert failed_once.last_error
    url = reverse("newsletters_admin:send", args=[issue.pk])
    page = admin_client.get(url).content.decode()
    assert "The rest are still queued" in page

    mail_server_back()
    admin_client.post(url, {"action": "resume"})
    assert recipients() == sorted(s.email for s in subscribers)
    assert Delivery.objects.filter(status="sent").count() == 5


def test_test_send_goes_only_to_the_officer(admin_client, issue, subscribers, editor):
    url = reverse("newsletters_admin:send", args=[issue.pk])
    admin_client.post(url, {"action": "test"})
    assert recipients() == [editor.email]
    assert not Delivery.objects.exists()


def test_email_preview_shows_the_email(admin_client, issue):
    response = admin_client.get(reverse("newsletters_admin:email_preview", args=[issue.pk]))
    assert response.status_code == 200
    assert "Unsubscribe" in response.content.decode()


def test_people_who_cannot_publish_cannot_send(client, issue, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(viewer)
    verify_second_factor(client, viewer)
    response = client.post(
        reverse("newsletters_admin:send", args=[issue.pk]), {"action": "send", "confirmed": "yes"}
    )
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert mail.outbox == []


def test_the_page_editor_offers_sending_a_live_issue(admin_client, issue):
    body = admin_client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert reverse("newsletters_admin:send", args=[issue.pk]) in body
    assert "Send to subscribers" in body


def test_an_issue_that_lists_training_courses_is_sent_with_their_addresses(
    admin_client, newsletter, home_page, editor
):
    """Cards in an email are rendered with no request: the links are still whole addresses."""
    training = factories.TrainingIndexPageFactory(parent=home_page)
    course = factories.TrainingCoursePageFactory(parent=training)
    issue = factories.NewsletterIssuePageFactory(
        parent=newsletter,
        title="Prevent newsletter: training",
        sections=[
            {
                "type": "training",
                "value": {"heading": "Training", "intro": "", "courses": [course.pk]},
            }
        ],
    )
    issue.save_revision().publish()
    url = reverse("newsletters_admin:send", args=[issue.pk])
    response = admin_client.post(url, {"action": "test"})
    assert response.status_code == 302
    assert recipients() == [editor.email]
    html = mail.outbox[0].alternatives[0][0]
    links = [a["href"] for a in BeautifulSoup(html, "html.parser").select(".app-card__title a")]
    assert links == [f"http://localhost{course.url}"]
