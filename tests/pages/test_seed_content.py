"""The seed content loads on every site, twice without duplicates, and every page renders."""

from urllib.parse import urlparse

import pytest
from defusedxml import ElementTree
from django.core.management import call_command
from wagtail.models import Page, Site

from pages.models import ContestStrandPage, SiteBranding, SiteNavigation
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

SITES = {
    "localhost": "Westminster City Council",
    "rochford.localhost": "Rochford District Council",
    "londoncouncils.localhost": "London Councils",
}


def sitemap_paths(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = ElementTree.fromstring(response.content).findall("s:url/s:loc", namespace)
    return [urlparse(loc.text).path for loc in locations]


def test_loading_twice_creates_nothing_twice_and_every_page_renders(client):
    call_command("load_seed_content")
    counts = (Page.objects.count(), Site.objects.count(), SiteBranding.objects.count())
    call_command("load_seed_content")
    assert (Page.objects.count(), Site.objects.count(), SiteBranding.objects.count()) == counts
    assert Site.objects.count() == 3
    assert SiteNavigation.objects.count() == 3

    for site in Site.objects.all():
        slugs = {}
        for page in site.root_page.get_descendants(inclusive=True):
            key = (page.get_parent().pk, page.slug)
            assert key not in slugs, f"duplicate page {page.url_path}"
            slugs[key] = page

    for host, council in SITES.items():
        paths = sitemap_paths(client, host)
        assert len(paths) >= 5, f"{host} has only {len(paths)} pages in its sitemap"
        for path in paths:
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, f"{host}{path} gave {response.status_code}"
            soup = soup_of(response)
            assert council in text_of(soup.select_one(".app-header")), f"{host}{path}"
            assert soup.h1 is not None and text_of(soup.h1)
            assert soup.find("meta", attrs={"name": "description"})["content"]


def test_second_load_keeps_officers_edits(client):
    call_command("load_seed_content")
    site = Site.objects.get(hostname="rochford.localhost")
    page = site.root_page.get_children().get(slug="channel").specific
    page.title = "Channel support (edited by an officer)"
    page.save_revision().publish()
    call_command("load_seed_content")
    page.refresh_from_db()
    assert page.title == "Channel support (edited by an officer)"
    response = client.get("/channel/", HTTP_HOST="rochford.localhost")
    assert "edited by an officer" in text_of(soup_of(response).h1)


def test_seed_content_carries_the_key_facts(client):
    call_command("load_seed_content")
    westminster = Site.objects.get(hostname="localhost")
    assert westminster.is_default_site
    strands = ContestStrandPage.objects.descendant_of(westminster.root_page)
    assert sorted(strands.values_list("strand", flat=True)) == [
        "prepare",
        "prevent",
        "protect",
        "pursue",
    ]

    duty = text_of(soup_of(client.get("/prevent-duty/")).main)
    assert "1 July 2015" in duty
    assert "Counter-Terrorism and Security Act 2015" in duty

    projects = text_of(soup_of(client.get("/community-projects/parenting-programme/")).main)
    assert "57" in projects and "Strengthening Families, Strengthening Communities" in projects

    london = text_of(soup_of(client.get("/prevent-duty/", HTTP_HOST="londoncouncils.localhost")))
    assert "353" in london and "17" in london

    rochford = text_of(soup_of(client.get("/channel/", HTTP_HOST="rochford.localhost")).main)
    assert "Home Office" in rochford


def test_reset_rebuilds_a_site(client):
    call_command("load_seed_content")
    site = Site.objects.get(hostname="rochford.localhost")
    site.root_page.get_children().get(slug="channel").delete()
    call_command("load_seed_content")
    assert site.root_page.get_children().filter(slug="channel").exists()
    before = Page.objects.count()
    call_command("load_seed_content", "--reset")
    assert Page.objects.count() == before


def test_each_council_has_its_own_logo_and_colour(client, settings):
    call_command("load_seed_content")
    seen = set()
    for host in SITES:
        soup = soup_of(client.get("/", HTTP_HOST=host))
        logo = soup.select_one(".app-header__logo")
        assert logo is not None and logo["alt"] == "", host  # the council name sits beside it
        assert (settings.MEDIA_ROOT / logo["src"].removeprefix(settings.MEDIA_URL)).is_file()
        colour = soup.select_one("head style").string
        seen.add((logo["src"], colour))
    assert len(seen) == 3
