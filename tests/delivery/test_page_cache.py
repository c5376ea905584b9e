"""Anonymous pages come from the cache, and any change a reader would see purges it at once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.html import soup_of, text_of
from tests.network import closed_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def nonce_of(response):
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_a_second_visit_is_served_from_the_cache_with_a_fresh_nonce(client, home_page):
    first = client.get("/")
    second = client.get("/")
    assert "X-Page-Cache" not in first and second["X-Page-Cache"] == "hit"
    assert nonce_of(first) != nonce_of(second)
    # The body carries the same nonce as the header, so the page still runs under the policy.
    style = soup_of(second).select_one("head style")
    assert style["nonce"] == nonce_of(second)
    assert text_of(soup_of(first).main) == text_of(soup_of(second).main)


def test_publishing_a_change_shows_at_once(client, home_page):
    page = factories.InformationPageFactory(parent=home_page, title="Old title")
    client.get(page.url)
    page.title = "New title"
    page.save_revision().publish()
    response = client.get(page.url)
    assert "X-Page-Cache" not in response
    assert text_of(soup_of(response).h1) == "New title"


def test_a_changed_phone_number_is_live_on_every_page_that_shows_it(client, home_page, site):
    team = factories.ContactPointFactory(site=site, name="Prevent team", phone="+442076416032")
    concern = factories.ConcernReportingPageFactory(
        parent=home_page, local_contacts=[{"type": "contact", "value": team.pk}]
    )
    directory = factories.ContactDirectoryPageFactory(parent=home_page)
    for url in (concern.url, directory.url):
        assert "020 7641 6032" in text_of(soup_of(client.get(url)).main)
    team.phone = "+442079460999"
    team.save_revision().publish()
    for url in (concern.url, directory.url):
        page_text = text_of(soup_of(client.get(url)).main)
        assert "020 7946 0999" in page_text and "020 7641 6032" not in page_text


def test_rewording_the_emergency_notice_shows_on_every_page(admin_client, home_page, site):
    client = Client()  # a visitor who is not signed in (admin_client is)
    other = factories.InformationPageFactory(parent=home_page)
    for url in ("/", other.url):
        client.get(url)
    url = reverse("wagtailsettings:edit", args=["pages", "emergencynotice", site.pk])
    admin_client.post(url, {"message": "In danger right now? Call 999."})
    for url in ("/", other.url):
        notice = text_of(soup_of(client.get(url)).select_one(".app-emergency"))
        assert notice.endswith("In danger right now? Call 999.")


def test_pages_with_forms_and_signed_in_users_are_never_cached(admin_client, home_page, site):
    from newsletters.tokens import make_confirm_token

    client = Client()  # a visitor who is not signed in (admin_client is)
    newsletter = factories.NewsletterIndexPageFactory(parent=home_page)
    # The confirmation page has a form with a CSRF token: someone's own page (and under /email/).
    url = f"/email/confirm/{make_confirm_token(site.pk, 'a@example.org')}/"
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)
    # The newsletter page itself has no token (sign-up is CSRF-exempt), so it is cached.
    client.get(newsletter.url)
    assert client.get(newsletter.url)["X-Page-Cache"] == "hit"
    admin_client.get("/")
    assert "X-Page-Cache" not in admin_client.get("/")


def test_the_site_keeps_serving_when_the_cache_is_down(client, home_page, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    for _ in range(2):
        response = client.get("/")
        assert response.status_code == 200
        assert text_of(soup_of(response).h1) == home_page.title


def test_a_cached_page_needs_no_database_query(client, home_page, django_assert_num_queries):
    page = factories.InformationPageFactory(parent=home_page)
    client.get(page.url)
    client.get(page.url)
    with django_assert_num_queries(0):
        assert client.get(page.url)["X-Page-Cache"] == "hit"
