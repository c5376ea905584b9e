"""Each council's site has its own sitemap and robots.txt, listing its own pages only."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_sitemap_and_robots_are_per_site(client, home_page, second_site):
    factories.InformationPageFactory(parent=second_site.root_page, slug="only-there")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "only-there" not in sitemap
    other = client.get("/sitemap.xml", HTTP_HOST="otherton.localhost").content.decode()
    assert "http://otherton.localhost/only-there/" in other
    robots = client.get("/robots.txt", HTTP_HOST="otherton.localhost").content.decode()
    assert "Sitemap: http://otherton.localhost/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots
