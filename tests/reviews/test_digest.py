"""The weekly digest: once a week, to the right council's owners, and a mail failure loses
nothing. The outage is real: a port where nothing listens."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from reviews.models import ReviewDigest
from tests import factories
from tests.network import closed_port

pytestmark = pytest.mark.django_db


def run_scheduler():
    out = io.StringIO()
    call_command("send_review_digests", stdout=out)
    return out.getvalue()


def set_reviewed(page, day):
    page.last_review_date = page.last_updated = day
    page.save(update_fields=["last_review_date", "last_updated", "next_review_date"], clean=False)


@pytest.fixture
def due(councils, officer):
    """Each council has one page overdue and one contact verified today (not due)."""
    today = timezone.localdate()
    own, other = councils["own"], councils["other"]
    people = {
        "owner": officer("Test editors", username="owner")[0],
        "publisher": officer("Test publishers", username="publisher")[0],
        "other_publisher": officer("Otherton publishers", username="other-publisher")[0],
    }
    for site in (own, other):
        set_reviewed(site.root_page.specific, today)
        factories.ContactPointFactory(site=site, last_verified=today)
    owned = factories.InformationPageFactory(parent=own.root_page, title="Owned page")
    set_reviewed(owned, today - datetime.timedelta(days=400))
    owned.review_owner = people["owner"]
    owned.save(update_fields=["review_owner"], clean=False)
    soon = factories.InformationPageFactory(parent=own.root_page, title="Publishers' page")
    set_reviewed(soon, today - datetime.timedelta(days=360))  # due within 14 days
    later = factories.InformationPageFactory(parent=own.root_page, title="Not due page")
    set_reviewed(later, today - datetime.timedelta(days=300))
    foreign = factories.InformationPageFactory(parent=other.root_page, title="Otherton page")
    set_reviewed(foreign, today - datetime.timedelta(days=400))
    return people


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_each_owner_gets_their_own_councils_items_once_a_week(due):
    run_scheduler()
    owner = sent_to("owner@example.gov.uk")
    publisher = sent_to("publisher@example.gov.uk")
    other = sent_to("other-publisher@example.gov.uk")
    assert len(owner) == len(publisher) == len(other) == 1
    assert len(mail.outbox) == 3
    assert owner[0].subject == "Test: content due for review"
    assert "Owned page" in owner[0].body and "Publishers' page" not in owner[0].body
    assert "Publishers' page" in publisher[0].body and "Owned page" not in publisher[0].body
    assert "Not due page" not in publisher[0].body
    assert "Otherton page" in other[0].body
    assert "Otherton" not in owner[0].body + publisher[0].body
    assert "/admin/pages/" in owner[0].body  # a link straight to the page in the admin

    # The scheduler runs again the same week: nothing is sent twice.
    run_scheduler()
    assert len(mail.outbox) == 3


def test_next_week_brings_a_new_digest(due):
    run_scheduler()
    ReviewDigest.objects.update(week_starting=timezone.localdate() - datetime.timedelta(days=7))
    run_scheduler()
    assert len(sent_to("owner@example.gov.uk")) == 2


def test_a_mail_failure_keeps_the_digest_for_the_next_run(due, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 2},
        }
    }
    run_scheduler()  # does not raise
    assert mail.outbox == []
    digests = ReviewDigest.objects.all()
    assert digests.count() == 3
    assert all(d.status == ReviewDigest.Status.QUEUED and d.last_error for d in digests)

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    run_scheduler()
    assert len(mail.outbox) == 3
    assert set(ReviewDigest.objects.values_list("status", flat=True)) == {"sent"}
    run_scheduler()
    assert len(mail.outbox) == 3


def test_nothing_due_sends_nothing(councils, officer):
    officer("Test publishers")
    today = timezone.localdate()
    for site in councils.values():
        set_reviewed(site.root_page.specific, today)
    run_scheduler()
    assert mail.outbox == []
