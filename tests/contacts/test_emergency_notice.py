"""The 999 notice is on every page of every site, and officers can reword but not remove it."""

import pytest
from django.test import Client
from django.urls import reverse

from pages.models import EmergencyNotice
from tests.html import soup_of, text_of
from tests.pages.test_seed_content import SITES, sitemap_paths

pytestmark = pytest.mark.django_db


def assert_notice_before_main(soup, where):
    notice = soup.select_one(".app-emergency")
    assert notice is not None, f"no emergency notice on {where}"
    assert "999" in text_of(notice), where
    assert notice.select_one("a[href='tel:999']") is not None, where
    # Before the main content in reading order, so a screen reader meets it first.
    assert soup.select_one("main .app-emergency") is None, where
    all_elements = soup.find_all(True)
    assert all_elements.index(notice) < all_elements.index(soup.main), where


def test_every_page_of_every_seeded_site_shows_the_notice_and_only_its_own_contacts(client, seeded):
    own_numbers = {
        "localhost": "020 7641 6032",
        "rochford.localhost": "01702 546366",
    }
    for host in SITES:
        others = [number for other, number in own_numbers.items() if other != host]
        paths = [*sitemap_paths(client, host), "/worried-about-someone/who-should-i-contact/"]
        for path in paths:
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, f"{host}{path}"
            soup = soup_of(response)
            assert_notice_before_main(soup, f"{host}{path}")
            page_text = text_of(soup)
            for number in others:
                assert number not in page_text, f"{host}{path} shows another council's {number}"
            if host != "localhost":
                assert "westminster.gov.uk" not in page_text, f"{host}{path}"
        not_found = client.get("/no-such-page/", HTTP_HOST=host)
        assert not_found.status_code == 404
        assert_notice_before_main(soup_of(not_found), f"{host} 404")


def test_concern_page_shows_the_right_number_for_each_council(client, seeded):
    expected = {
        "localhost": "tel:+442076416032",
        "rochford.localhost": "tel:+441702546366",
    }
    for host, tel in expected.items():
        soup = soup_of(client.get("/worried-about-someone/", HTTP_HOST=host))
        assert soup.select_one(f"main a[href='{tel}']") is not None, host
    london = soup_of(client.get("/worried-about-someone/", HTTP_HOST="londoncouncils.localhost"))
    assert "borough" in text_of(london.main)
    assert london.select_one("main a[href='tel:+448000113764']") is not None


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("", "This field is required"),
        ("   ", "This field is required"),
        ("If someone is in danger, call the police.", "must tell people to call 999"),
    ],
)
def test_officers_cannot_remove_the_999_notice(admin_client, site, message, error):
    url = reverse("wagtailsettings:edit", args=["pages", "emergencynotice", site.pk])
    response = admin_client.post(url, {"message": message})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not EmergencyNotice.objects.filter(site=site).exclude(message__contains="999").exists()


def test_officers_can_reword_the_notice_per_site(admin_client, site):
    client = Client()  # a resident, not signed in (admin_client is)
    url = reverse("wagtailsettings:edit", args=["pages", "emergencynotice", site.pk])
    response = admin_client.post(url, {"message": "In an emergency, dial 999 straight away."})
    assert response.status_code == 302
    notice = soup_of(client.get("/")).select_one(".app-emergency")
    assert text_of(notice).endswith("In an emergency, dial 999 straight away.")
    assert notice.select_one("a[href='tel:999']").text == "999"
