"""Pages go out compressed (Brotli or gzip, as the browser accepts), never with a visitor's
secret inside (BREACH), and static files keep their own precompressed, immutable copies."""

import gzip
import re

import brotli
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Site

from newsletters.tokens import make_confirm_token
from tests import factories
from tests.html import text_of

pytestmark = pytest.mark.django_db

BOTH = "gzip, deflate, br"


def decoded(response):
    coding = response.get("Content-Encoding")
    if coding == "br":
        return brotli.decompress(response.content)
    if coding == "gzip":
        return gzip.decompress(response.content)
    assert coding is None, coding
    return response.content


def nonce_of(response):
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def without_nonce(response):
    """The body without what differs between two renders of a page: the CSP nonce, and the
    signed render time of the "Is this page useful?" form (the same for every visitor)."""
    body = decoded(response).replace(nonce_of(response).encode(), b"NONCE")
    return re.sub(rb'name="rendered" value="[^"]*"', b'name="rendered" value="TIME"', body)


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.fixture
def page(home_page):
    return factories.InformationPageFactory(parent=home_page, title="What is extremism?")


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_a_compressed_page_decodes_to_the_same_html(client, page, coding):
    plain = client.get(page.url)
    packed = client.get(page.url, HTTP_ACCEPT_ENCODING=coding)
    assert plain.get("Content-Encoding") is None
    assert packed["Content-Encoding"] == coding
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 2
    assert without_nonce(packed) == without_nonce(plain)
    assert "accept-encoding" in vary(packed) and "accept-encoding" in vary(plain)


@pytest.mark.parametrize(
    "accept, coding",
    [
        (BOTH, "br"),
        ("br;q=0.5, gzip;q=1", "gzip"),
        ("gzip, br;q=0", "gzip"),
        ("*", "br"),
        ("identity", None),
        ("gzip;q=0, br;q=0", None),
        ("", None),
    ],
)
def test_the_coding_follows_accept_encoding(client, page, accept, coding):
    response = client.get(page.url, HTTP_ACCEPT_ENCODING=accept)
    assert response.get("Content-Encoding") == coding
    assert BeautifulSoup(decoded(response), "html.parser").h1.get_text() == "What is extremism?"


def test_small_responses_go_as_they_are(client, home_page):
    response = client.get("/health/live/", HTTP_ACCEPT_ENCODING=BOTH)
    assert response.content == b"ok\n"
    assert "Content-Encoding" not in response


def test_the_sitemap_and_feeds_are_compressed(client, home_page):
    newsletter = factories.NewsletterIndexPageFactory(parent=home_page)
    for number in range(1, 21):  # enough pages for a sitemap worth compressing
        factories.NewsletterIssuePageFactory(parent=newsletter, title=f"Issue {number}")
    expected = {
        "/sitemap.xml": newsletter.full_url.encode(),
        f"{newsletter.url}feed/rss/": b"Issue 20",
        f"{newsletter.url}feed/atom/": b"Issue 20",
    }
    for path, text in expected.items():
        response = client.get(path, HTTP_ACCEPT_ENCODING=BOTH)
        assert response.status_code == 200
        assert response["Content-Encoding"] == "br", path
        assert text in decoded(response), path
        assert "accept-encoding" in vary(response)


def test_a_cached_page_is_compressed_with_its_fresh_nonce(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(page.url, HTTP_ACCEPT_ENCODING=BOTH)
    second = client.get(page.url, HTTP_ACCEPT_ENCODING=BOTH)
    gzipped = client.get(page.url, HTTP_ACCEPT_ENCODING="gzip")
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == gzipped["X-Page-Cache"] == "hit"
    assert (second["Content-Encoding"], gzipped["Content-Encoding"]) == ("br", "gzip")
    assert nonce_of(first) != nonce_of(second)
    soup = BeautifulSoup(decoded(second), "html.parser")
    assert soup.select_one("head style")["nonce"] == nonce_of(second)
    assert without_nonce(second) == without_nonce(first) == without_nonce(gzipped)
    # A browser that accepts no compression gets the same cached page, uncompressed.
    plain = client.get(page.url)
    assert plain["X-Page-Cache"] == "hit" and "Content-Encoding" not in plain


def test_a_page_with_a_csrf_token_is_not_compressed(client, home_page, site):
    factories.NewsletterIndexPageFactory(parent=home_page)
    token = make_confirm_token(site.pk, "a@example.org")
    response = client.get(f"/email/confirm/{token}/", HTTP_ACCEPT_ENCODING=BOTH)
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_pages_for_a_signed_in_officer_are_not_compressed(admin_client, page):
    response = admin_client.get(page.url, HTTP_ACCEPT_ENCODING=BOTH)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    admin = admin_client.get("/admin/", HTTP_ACCEPT_ENCODING=BOTH)
    assert admin.status_code == 200 and "Content-Encoding" not in admin


def test_no_compressed_page_of_the_seed_content_holds_a_visitor_secret():
    """BREACH: every public page of every seeded council, and the sitemap, feeds and
    robots.txt, goes out compressed to an anonymous visitor, with no CSRF token in it and no
    cookie set: nothing a compressed reply could leak. The exceptions are the pages with a form
    that needs a CSRF token (the leaflet report and training request forms): they go out
    uncompressed."""
    call_command("load_seed_content")
    checked, forms = 0, []
    for site in Site.objects.all():
        host = site.hostname
        paths = ["/sitemap.xml", "/robots.txt"]
        for page in Page.objects.live().public().descendant_of(site.root_page, inclusive=True):
            page = page.specific
            base = page.relative_url(site)
            paths += [base + route.lstrip("/") for route in page.get_cached_paths()]
        client = Client()  # a fresh visitor for each council: no cookie from an earlier page
        for path in paths:
            response = client.get(path, HTTP_HOST=host, HTTP_ACCEPT_ENCODING=BOTH)
            where = f"{host}{path}"
            assert response.status_code == 200, where
            if b"csrfmiddlewaretoken" in response.content:
                assert "Content-Encoding" not in response, where
                forms.append(where)
                continue
            assert not response.cookies, where
            # Every page is compressed (robots.txt and a small sitemap may be too short to be).
            if response["Content-Type"].startswith("text/html"):
                assert response["Content-Encoding"] == "br", where
            checked += 1
    assert checked > 40
    assert sorted(forms) == [
        "localhost/report-leaflets-or-stickers/",
        "localhost/training/request-a-session/",
    ]


@pytest.fixture
def collected_static(settings, tmp_path):
    """Static files collected as production does (hashed names, .gz and .br copies made by
    WhiteNoise), with WhiteNoise serving them. Wagtail's and other apps' files are left out to
    keep it quick: the site's own CSS is what is checked."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("delivery.compression.CompressionMiddleware"),
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    settings.MIDDLEWARE = middleware
    call_command(
        "collectstatic",
        interactive=False,
        verbosity=0,
        ignore_patterns=["wagtail*", "otp*", "axes", "django_otp"],
    )
    return settings.STATIC_ROOT


def test_static_files_keep_their_own_compressed_copies_and_immutable_caching(
    home_page, collected_static
):
    client = Client()
    page = client.get("/", HTTP_ACCEPT_ENCODING=BOTH)
    assert page["Content-Encoding"] == "br"
    soup = BeautifulSoup(decoded(page), "html.parser")
    css_url = next(
        link["href"] for link in soup.select("link[rel=stylesheet]") if "main" in link["href"]
    )
    assert re.fullmatch(r"/static/css/main\.[0-9a-f]{12}\.css", css_url)
    original = (collected_static / css_url.removeprefix("/static/")).read_bytes()
    for coding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        response = client.get(css_url, HTTP_ACCEPT_ENCODING=coding)
        assert response["Content-Encoding"] == coding
        # Compressed once, by collectstatic: one decompression gives the file back.
        body = b"".join(response.streaming_content)
        assert decompress(body) == original
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert "immutable" in cache_control
        max_age = next(int(part[8:]) for part in cache_control if part.startswith("max-age="))
        assert max_age >= 365 * 24 * 60 * 60
    assert text_of(soup.h1) == home_page.title
