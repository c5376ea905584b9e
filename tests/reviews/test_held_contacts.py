"""A held contact is shown nowhere public: pages, finder, directory, vCards, JSON-LD,
newsletters and feeds. And no contact shows a "checked" date without a real one."""

import datetime
import itertools
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from contacts.models import ContactPoint
from pages.seed_content import load_seed_content
from tests import factories
from tests.conftest import refused, verify_second_factor
from tests.html import soup_of, text_of
from tests.reviews.seed_copy import HELD, dated_copy

pytestmark = pytest.mark.django_db

FINDER_ANSWERS = [
    {"danger": "yes"},
    *(
        {"danger": "no", "who": who, "about": about}
        for who, about in itertools.product(
            ["residents", "professionals", "community"], ["child", "adult", "online", "street"]
        )
    ),
]


def public_urls(client, site):
    """Every public address of a site: each live page (and the finder's every answer), each
    vCard of its directory, and each newsletter feed."""
    host = site.hostname
    urls = []
    for page in site.root_page.get_descendants(inclusive=True).live().public().specific():
        path = page.get_url_parts()[2]
        urls.append(path)
        name = type(page).__name__
        if name == "ConcernReportingPage":
            urls += [
                path + "who-should-i-contact/?" + "&".join(f"{k}={v}" for k, v in answers.items())
                for answers in FINDER_ANSWERS
            ]
        if name == "NewsletterIndexPage":
            urls += [path + "feed/rss/", path + "feed/atom/"]
        if name == "ContactDirectoryPage":
            directory = client.get(path, HTTP_HOST=host)
            urls += [a["href"] for a in soup_of(directory).select("a[href$='/vcard/']")]
    urls += ["/search/?q=children", "/sitemap.xml"]
    return urls


def crawl(client, site):
    pages = {}
    for url in public_urls(client, site):
        response = client.get(url, HTTP_HOST=site.hostname)
        assert response.status_code == 200, f"{site.hostname}{url}: {response.status_code}"
        pages[url] = response.content.decode()
    return pages


def assert_nowhere(pages, contact):
    for url, body in pages.items():
        assert contact.email not in body, url
        assert f"/{contact.pk}/vcard/" not in body, url
        assert f'id="contact-{contact.pk}"' not in body, url


def checked_dates(body):
    """(card id, date shown) for every contact card that says when it was checked."""
    if body.lstrip().startswith(("<?xml", "BEGIN:VCARD")):
        return []
    soup = BeautifulSoup(body, "html.parser")
    found = []
    for card in soup.select(".app-contact-card"):
        stamp = card.select_one(".app-contact-card__checked time")
        if stamp is not None:
            found.append((card["id"], stamp["datetime"]))
    return found


def assert_checked_dates_are_real(pages):
    for url, body in pages.items():
        for card_id, shown in checked_dates(body):
            pk = card_id.removeprefix("contact-")
            contact = ContactPoint.objects.get(pk=pk)
            assert contact.last_verified is not None, f"{url}: {contact.name} has no date"
            assert shown == contact.last_verified.isoformat(), url


def test_seeded_held_contact_is_nowhere_public_and_the_child_route_still_works(client, tmp_path):
    load_seed_content(dated_copy(tmp_path / "fixtures"))
    westminster = Site.objects.get(hostname="localhost")
    held = ContactPoint.objects.get(site=westminster, key="childrens-services")
    assert held.is_held and held.held_reason == HELD
    assert "accesstochildrengservices" in held.email  # kept for officers to check

    pages = crawl(client, westminster)
    assert_nowhere(pages, held)
    assert_checked_dates_are_real(pages)

    # A resident worried about a child is still sent to the Prevent team and national lines.
    finder = "/worried-about-someone/who-should-i-contact/?danger=no&who=residents&about=child"
    result = text_of(soup_of(client.get(finder, HTTP_HOST="localhost")).main)
    assert "Westminster Prevent team" in result
    assert "ACT Early Support Line" in result
    assert "Children's Services" not in [
        text_of(h) for h in soup_of(client.get(finder)).select(".app-contact-card h3")
    ]

    # Officers see it held, with the reason, in the report.
    admin = superuser_client()
    report = admin.get(reverse("reviews:report"), {"council": westminster.pk})
    held_rows = [text_of(r) for r in soup_of(report).select("#held tbody tr")]
    assert held_rows == [f"Children's Services {HELD} {held.held_at:%-d %B %Y} The seed content"]

    # Loading again keeps it held, and an officer's release is kept too.
    load_seed_content(dated_copy(tmp_path / "fixtures"))
    assert ContactPoint.objects.get(pk=held.pk).is_held


def superuser_client():
    user = get_user_model().objects.create_superuser(
        "reviewer", "reviewer@example.org", "a-long-test-password-123"
    )
    admin = Client()
    admin.force_login(user)
    verify_second_factor(admin, user)
    return admin


def test_no_seeded_contact_claims_a_check_nobody_made(client, seeded):
    """With the shipped files: a card shows "checked" only with the date the file gives."""
    for site in Site.objects.all():
        pages = crawl(client, site)
        assert_checked_dates_are_real(pages)
        assert_no_load_day(pages)
    for contact in ContactPoint.objects.filter(last_verified__isnull=False):
        assert contact.last_verified_by is None  # from a dated source, not this load


def assert_no_load_day(pages):
    today = timezone.localdate()
    for url, body in pages.items():
        for _, shown in checked_dates(body):
            assert shown != today.isoformat(), url


@pytest.fixture
def westminster_like(councils):
    """A council site with a concern page, a directory, a page with a contact block and a
    newsletter issue listing contacts, all naming the same contact."""
    site = councils["own"]
    home = site.root_page
    contact = factories.ContactPointFactory(
        site=site, name="Doubtful team", email="doubtful@example.gov.uk", topics=["children"]
    )
    other = factories.ContactPointFactory(site=site, name="Good team", topics=["children"])
    factories.ConcernReportingPageFactory(
        parent=home,
        local_contacts=[{"type": "contact", "value": contact.pk}],
        finder_routes=[
            {
                "type": "route",
                "value": {
                    "who": "anyone",
                    "about": "child",
                    "contacts": [contact.pk, other.pk],
                    "reason": "They help with children.",
                },
            }
        ],
    )
    factories.ContactDirectoryPageFactory(parent=home)
    newsletter = factories.NewsletterIndexPageFactory(parent=home)
    factories.NewsletterIssuePageFactory(
        parent=newsletter,
        sections=[
            {"type": "contacts", "value": {"heading": "Useful contacts", "contacts": [contact.pk]}}
        ],
    )
    return {"site": site, "contact": contact, "other": other}


def test_an_officer_holds_a_contact_and_it_leaves_every_public_page(
    client, westminster_like, officer
):
    site, contact = westminster_like["site"], westminster_like["contact"]
    before = crawl(client, site)
    assert any(contact.email in body for body in before.values())  # shown before

    user, admin = officer("Test editors")
    url = reverse("reviews:hold", args=[contact.pk])
    assert admin.get(url).status_code == 200
    response = admin.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Say why you are holding this contact." in response.content.decode()
    assert admin.post(url, {"reason": "Email bounces."}).status_code == 302

    contact.refresh_from_db()
    assert contact.is_held and contact.held_by == user
    pages = crawl(client, site)
    assert_nowhere(pages, contact)
    directory = Page.objects.get(slug="contacts").url
    assert client.get(f"{directory}{contact.pk}/vcard/").status_code == 404
    result = client.get(
        "/worried-about-someone/who-should-i-contact/?danger=no&who=residents&about=child"
    )
    assert "Good team" in text_of(soup_of(result).main)

    # An editor cannot put it back live; a publisher of the council can.
    assert refused(admin.post(reverse("reviews:release", args=[contact.pk])))
    _, publisher = officer("Test publishers")
    assert publisher.post(reverse("reviews:release", args=[contact.pk])).status_code == 302
    contact.refresh_from_db()
    assert not contact.is_held
    assert any(contact.email in body for body in crawl(client, site).values())


def test_a_hold_survives_publishing_an_older_draft(westminster_like, officer):
    contact = westminster_like["contact"]
    contact.hours = "Mondays"
    draft = contact.save_revision()
    _, admin = officer("Test editors")
    admin.post(reverse("reviews:hold", args=[contact.pk]), {"reason": "Check first."})
    draft.publish()
    contact = ContactPoint.objects.get(pk=contact.pk)
    assert contact.hours == "Mondays"
    assert contact.is_held


def test_a_contact_without_a_verified_date_shows_no_checked_date(client, westminster_like):
    contact, other = westminster_like["contact"], westminster_like["other"]
    ContactPoint.objects.filter(pk=other.pk).update(last_verified=datetime.date(2023, 7, 1))
    pages = crawl(client, westminster_like["site"])
    shown = {card: day for body in pages.values() for card, day in checked_dates(body)}
    assert f"contact-{contact.pk}" not in shown
    assert shown[f"contact-{other.pk}"] == "2023-07-01"
    vcard = next(body for url, body in pages.items() if url.endswith(f"/{contact.pk}/vcard/"))
    assert "REV:" not in vcard
    assert not re.search(r"checked on", pages["/contacts/"].split(contact.name)[1][:600])


def test_officers_see_not_yet_verified(westminster_like, admin_client):
    response = admin_client.get(reverse("wagtailsnippets_contacts_contactpoint:list"))
    assert "Not yet verified" in text_of(soup_of(response))
