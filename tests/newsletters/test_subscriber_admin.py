"""Officers see, download and erase their own council's newsletter subscribers, and nobody
else's; unsubscribing erases an address too; each council has its own sign-up limit."""

import csv
import datetime
import io
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.timezone import localtime
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from newsletters.emails import unsubscribe_url
from newsletters.models import Delivery, PendingSignUp, Subscriber
from tests import factories
from tests.conftest import refused
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

LIST_URL = reverse("newsletter_subscribers:index")


def erase_url(subscriber):
    return reverse("newsletter_subscribers:delete", args=[subscriber.pk])


def issue_under(newsletter, title):
    issue = factories.NewsletterIssuePageFactory(
        parent=newsletter,
        title=title,
        issue_date=datetime.date(2026, 11, 1),
        sections=[factories.text_section("News")],
    )
    issue.save_revision().publish()
    return issue


@pytest.fixture
def councils(home_page, site, second_site):
    """Two councils, each with a newsletter, one issue and its own groups."""
    other, other_home = second_site, second_site.root_page
    call_command("create_site_groups", stdout=io.StringIO())
    own_newsletter = factories.NewsletterIndexPageFactory(parent=home_page, slug="newsletter")
    other_newsletter = factories.NewsletterIndexPageFactory(parent=other_home, slug="newsletter")
    return {
        "own": site,
        "other": other,
        "own_issue": issue_under(own_newsletter, "Testshire news"),
        "other_issue": issue_under(other_newsletter, "Otherton news"),
    }


@pytest.fixture
def subscribers(councils):
    own, other = councils["own"], councils["other"]
    return {
        "own": Subscriber.objects.create(site=own, email="reader@example.org"),
        # The same person on the other council's list: a separate subscription.
        "own_on_other": Subscriber.objects.create(site=other, email="reader@example.org"),
        "other": Subscriber.objects.create(site=other, email="otherton.reader@example.org"),
    }


def download_csv(client, query=""):
    response = client.get(f"{LIST_URL}?export=csv{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_a_publisher_sees_their_own_councils_subscribers_only(subscribers, officer):
    client = officer("Test publishers")
    response = client.get(LIST_URL)
    assert response.status_code == 200
    rows = [text_of(row) for row in soup_of(response).select("tbody tr")]
    assert len(rows) == 1
    assert "reader@example.org" in rows[0]
    assert "Test" in rows[0]
    assert "otherton.reader@example.org" not in response.content.decode()
    # The council filter offers the officer's own council only.
    council_filter = soup_of(response).select("select[name=site] option")
    assert [text_of(option) for option in council_filter if option.get("value")] == ["Test"]
    inspect = client.get(reverse("newsletter_subscribers:inspect", args=[subscribers["own"].pk]))
    assert inspect.status_code == 200
    assert "reader@example.org" in text_of(soup_of(inspect).main)
    # The admin menu offers the list.
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert LIST_URL in menu


def test_a_publisher_downloads_their_own_councils_subscribers_as_csv(subscribers, officer):
    rows = download_csv(officer("Test publishers"))
    assert rows[0] == ["Email", "Council", "Confirmed"]
    assert [row[:2] for row in rows[1:]] == [["reader@example.org", "Test"]]
    # The time of confirmation, in the council's time zone, to the minute.
    assert rows[1][2] == localtime(subscribers["own"].confirmed_at).strftime("%Y-%m-%d %H:%M")

    rows = download_csv(officer("Otherton publishers"))
    assert sorted(row[0] for row in rows[1:]) == [
        "otherton.reader@example.org",
        "reader@example.org",
    ]
    assert {row[1] for row in rows[1:]} == {"Otherton"}


def test_the_xlsx_download_is_limited_to_the_council_too(subscribers, officer):
    response = officer("Test publishers").get(f"{LIST_URL}?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["Email", "reader@example.org"]


def test_the_csv_download_follows_the_search(subscribers, officer):
    Subscriber.objects.create(site=subscribers["own"].site, email="someone.else@example.org")
    rows = download_csv(officer("Test publishers"), "&q=someone")
    assert [row[0] for row in rows[1:]] == ["someone.else@example.org"]


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(councils, officer):
    # Valid email addresses that a spreadsheet would read as formulas.
    for email in ("=cmd|'/c calc'!a1@example.org", "+1+1@example.org", "-2+3@example.org"):
        Subscriber.objects.create(site=councils["own"], email=email)
    rows = download_csv(officer("Test publishers"))
    emails = sorted(row[0] for row in rows[1:])
    assert emails == ["'+1+1@example.org", "'-2+3@example.org", "'=cmd|'/c calc'!a1@example.org"]


def test_a_publisher_erases_an_address_with_its_deliveries_after_confirming(
    councils, subscribers, officer, caplog
):
    own_issue, other_issue = councils["own_issue"], councils["other_issue"]
    for issue in (own_issue, other_issue):
        Delivery.objects.create(issue=issue, email="reader@example.org", status="sent")
    Delivery.objects.create(issue=own_issue, email="neighbour@example.org", status="sent")
    PendingSignUp.objects.create(site=councils["own"], email="reader@example.org")
    client = officer("Test publishers")
    url = erase_url(subscribers["own"])

    # First the officer is asked, and nothing is deleted yet.
    page = client.get(url)
    assert page.status_code == 200
    question = text_of(soup_of(page).select_one("main") or soup_of(page))
    assert "Erase reader@example.org for good?" in question
    assert "the 1 newsletter issue sent to it" in question
    assert "referenced" not in question
    assert Subscriber.objects.filter(pk=subscribers["own"].pk).exists()

    with caplog.at_level(logging.INFO):
        response = client.post(url)
    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=subscribers["own"].pk).exists()
    assert not Delivery.objects.filter(issue=own_issue, email="reader@example.org").exists()
    assert not PendingSignUp.objects.exists()
    # Other people's records and the other council's list are untouched.
    assert Delivery.objects.filter(issue=own_issue, email="neighbour@example.org").exists()
    assert Delivery.objects.filter(issue=other_issue, email="reader@example.org").exists()
    assert Subscriber.objects.filter(pk=subscribers["own_on_other"].pk).exists()

    # The history says who erased a subscriber, never the address.
    entry = ModelLogEntry.objects.get(action="wagtail.delete")
    assert entry.user.username == "Test-publishers"
    assert "reader@example.org" not in f"{entry.label} {entry.data}"
    assert "Erased an address from the Test newsletter" in caplog.text
    assert "reader@example.org" not in caplog.text

    listing = client.get(response["Location"])
    assert "Subscriber erased. We deleted the address" in listing.content.decode()
    assert "reader@example.org" not in listing.content.decode()


def test_a_publisher_cannot_see_or_erase_another_councils_subscriber(subscribers, officer):
    client = officer("Otherton publishers")
    own = subscribers["own"]
    inspect = reverse("newsletter_subscribers:inspect", args=[own.pk])
    assert refused(client.get(inspect))
    assert refused(client.get(erase_url(own)))
    assert refused(client.post(erase_url(own)))
    assert Subscriber.objects.filter(pk=own.pk).exists()
    listing = client.get(LIST_URL).content.decode()
    assert "otherton.reader@example.org" in listing
    assert erase_url(own) not in listing


def test_editors_do_not_see_subscribers(subscribers, officer):
    client = officer("Test editors")
    assert refused(client.get(LIST_URL))
    assert refused(client.get(f"{LIST_URL}?export=csv"))
    assert refused(client.post(erase_url(subscribers["own"])))
    assert Subscriber.objects.filter(pk=subscribers["own"].pk).exists()
    assert LIST_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_nobody_adds_or_changes_a_subscriber_in_the_admin(subscribers, admin_client):
    # A superuser sees every council's list, but only the resident's confirmation subscribes.
    response = admin_client.get(LIST_URL)
    listing = response.content.decode()
    rows = [text_of(row) for row in soup_of(response).select("tbody tr")]
    assert len(rows) == 3  # both councils' subscribers, the address on each council's list
    assert sum("otherton.reader@example.org" in row for row in rows) == 1
    add = reverse("newsletter_subscribers:add")
    edit = reverse("newsletter_subscribers:edit", args=[subscribers["own"].pk])
    assert refused(admin_client.get(add))
    assert refused(admin_client.post(add, {"email": "added@example.org"}))
    assert refused(admin_client.post(edit, {"email": "changed@example.org"}))
    assert not Subscriber.objects.filter(email__in=["added@example.org", "changed@example.org"])
    assert add not in listing


def test_unsubscribing_erases_the_address_and_its_deliveries(councils, subscribers, caplog):
    own_issue, other_issue = councils["own_issue"], councils["other_issue"]
    Delivery.objects.create(issue=own_issue, email="reader@example.org", status="sent")
    Delivery.objects.create(issue=own_issue, email="neighbour@example.org", status="sent")
    Delivery.objects.create(issue=other_issue, email="reader@example.org", status="sent")
    url = unsubscribe_url(councils["own"], "reader@example.org")

    with caplog.at_level(logging.INFO):
        response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You have unsubscribed" in text_of(soup_of(response).h1)
    assert not Subscriber.objects.filter(site=councils["own"], email="reader@example.org")
    assert not Delivery.objects.filter(issue=own_issue, email="reader@example.org").exists()
    assert Delivery.objects.filter(issue=own_issue, email="neighbour@example.org").exists()
    assert "Erased an address from the Test newsletter: 1 subscription(s)" in caplog.text
    assert "reader@example.org" not in caplog.text
    # Otherton's list and records are Otherton's: the resident left Testshire's newsletter.
    assert Subscriber.objects.filter(pk=subscribers["own_on_other"].pk).exists()
    assert Delivery.objects.filter(issue=other_issue, email="reader@example.org").exists()


def test_the_sign_up_limit_is_counted_per_council(councils, client):
    def sign_up(host, email):
        return client.post("/email/subscribe/", {"email": email}, HTTP_HOST=host)

    for n in range(5):
        assert sign_up("localhost", f"p{n}@example.org").status_code == 200
    assert sign_up("localhost", "p6@example.org").status_code == 429
    # The same address reaching another council's newsletter is not blocked by the first.
    response = sign_up("otherton.localhost", "p6@example.org")
    assert response.status_code == 200
    assert "Check your email" in text_of(soup_of(response).h1)
    assert mail.outbox[-1].to == ["p6@example.org"]
    assert "otherton.localhost" in mail.outbox[-1].body
