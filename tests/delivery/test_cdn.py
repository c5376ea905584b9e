"""A CDN in front of the site is purged when anything pages show changes: the pages of the
council the change belongs to, or of every council for a national one."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.test import Client
from wagtail.models import Page, Site

from tests import factories
from tests.network import closed_port

HTTP_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"


class PurgeLog(list):
    location = None


@pytest.fixture
def cdn(settings):
    """A real caching proxy's purge endpoint on a local port, recording each PURGE it gets."""
    purged = PurgeLog()

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def do_BAN(self):
            purged.append(("BAN", self.headers["X-Ban-Host"]))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": HTTP_BACKEND, "LOCATION": f"http://127.0.0.1:{server.server_port}"}
    }
    purged.location = f"http://127.0.0.1:{server.server_port}"
    yield purged
    server.shutdown()
    server.server_close()


@pytest.fixture
def two_sites(home_page):
    factories.InformationPageFactory(parent=home_page, slug="what-is-extremism")
    factories.NewsletterIndexPageFactory(parent=home_page)
    other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="otherton")
    Site.objects.create(hostname="otherton.localhost", root_page=other_home, site_name="Otherton")
    return home_page


# These tests commit for real: the purge waits for the commit. The rollback brings back the
# data the migrations made (Wagtail's root page), which committing tests would otherwise lose.
commits = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@commits
def test_a_changed_contact_purges_every_page_of_every_site_after_commit(two_sites, site, cdn):
    contact = factories.ContactPointFactory(site=None)
    cdn.clear()
    with transaction.atomic():
        contact.phone = "+442079460999"
        contact.save()
        assert cdn == []  # nothing goes to the CDN before the change is committed
    assert {
        ("localhost", "/"),
        ("localhost", "/what-is-extremism/"),
        ("localhost", "/sitemap.xml"),
        ("localhost", "/newsletter/feed/rss/"),
        ("otherton.localhost", "/"),
        ("otherton.localhost", "/sitemap.xml"),
    } <= set(cdn)


@commits
def test_one_change_that_saves_many_objects_purges_each_page_once(two_sites, site, cdn):
    cdn.clear()
    with transaction.atomic():
        for _ in range(3):
            factories.ContactPointFactory(site=site)
        page = Page.objects.get(slug="what-is-extremism").specific
        page.title = "What extremism is"
        page.save_revision().publish()
    assert cdn.count(("localhost", "/what-is-extremism/")) == 1
    assert cdn.count(("localhost", "/")) == 1


@commits
def test_a_councils_contact_purges_that_councils_pages_only(two_sites, site, cdn):
    cdn.clear()
    factories.ContactPointFactory(site=site)
    assert ("localhost", "/what-is-extremism/") in cdn
    assert ("localhost", "/sitemap.xml") in cdn
    assert not [host for host, _ in cdn if host == "otherton.localhost"]


@commits
def test_varnish_drops_a_councils_pages_with_one_ban_by_host_name(two_sites, site, cdn, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "delivery.cdn.VarnishBackend", "LOCATION": cdn.location}
    }
    otherton = Site.objects.get(hostname="otherton.localhost")
    with transaction.atomic():
        factories.ContactPointFactory(site=site)
        factories.ContactPointFactory(site=site)
        factories.ContactPointFactory(site=otherton)
    assert sorted(cdn) == [("BAN", "localhost"), ("BAN", "otherton.localhost")]

    cdn.clear()
    page = Page.objects.get(slug="what-is-extremism").specific
    page.title = "What extremism is"
    page.save_revision().publish()
    assert cdn == [("BAN", "localhost")]

    cdn.clear()
    factories.ContactPointFactory(site=None)  # a national helpline shows on every council's pages
    assert sorted(cdn) == [("BAN", "localhost"), ("BAN", "otherton.localhost")]


@commits
def test_a_purge_for_one_site_can_be_asked_for_by_id(two_sites, cdn):
    from delivery.page_cache import purge_site

    otherton = Site.objects.get(hostname="otherton.localhost")
    cdn.clear()
    purge_site(otherton.pk)
    assert ("otherton.localhost", "/") in cdn
    assert not [host for host, _ in cdn if host == "localhost"]


@commits
def test_a_cdn_that_is_down_does_not_stop_an_officer_saving(home_page, settings, caplog):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": HTTP_BACKEND, "LOCATION": f"http://127.0.0.1:{closed_port()}"}
    }
    with transaction.atomic():
        contact = factories.ContactPointFactory(site=None)
    contact.refresh_from_db()  # saved
    # The purge was tried once the change was committed, failed, and says so for operators.
    assert "Couldn't purge 'http://localhost/'" in caplog.text


def test_the_cdn_may_keep_plain_page_addresses_only(home_page, settings, cdn):
    settings.PAGE_CACHE_SECONDS = 60
    settings.CDN_CACHE_SECONDS = 3600
    client = Client()
    header = client.get("/")["Cache-Control"]
    assert "public" in header and "s-maxage=3600" in header
    # A query string cannot be purged by name, so the CDN is not offered it.
    assert "s-maxage" not in client.get("/search/", {"q": "Channel"}).get("Cache-Control", "")


def test_without_a_cdn_pages_ask_no_shared_cache_to_keep_them(home_page, settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.WAGTAILFRONTENDCACHE = {}
    assert "s-maxage" not in Client().get("/").get("Cache-Control", "")
