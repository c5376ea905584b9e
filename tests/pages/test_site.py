"""Site-wide behaviour: search scope, sitemap and robots, error pages, security headers."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from tests import factories
from tests.html import soup_of, text_of
from tests.network import closed_port

pytestmark = pytest.mark.django_db


def test_search_finds_pages_of_the_current_council_only(client, home_page, second_site):
    factories.InformationPageFactory(parent=home_page, title="Channel support here")
    factories.InformationPageFactory(parent=second_site.root_page, title="Channel support there")
    soup = soup_of(client.get("/search/", {"q": "Channel"}))
    titles = [text_of(a) for a in soup.select(".app-card a")]
    assert titles == ["Channel support here"]
    soup = soup_of(client.get("/search/", {"q": "Channel"}, HTTP_HOST="otherton.localhost"))
    assert [text_of(a) for a in soup.select(".app-card a")] == ["Channel support there"]


def test_search_with_no_results_or_bad_page_number_says_so(client, home_page):
    soup = soup_of(client.get("/search/", {"q": "zzzz-nothing", "page": "x"}))
    assert "No results for “zzzz-nothing”" in text_of(soup.main)
    response = client.get("/search/", {"q": "a" * 5000, "page": "999"})
    assert response.status_code == 200


def test_each_site_has_its_own_brand_colour_in_a_nonced_style(client, home_page, second_site):
    response = client.get("/", HTTP_HOST="otherton.localhost")
    soup = soup_of(response)
    style = soup.select_one("head style")
    assert "--app-brand-colour:#28166f" in style.string
    assert style["nonce"] and style["nonce"] in response["Content-Security-Policy"]
    assert "Otherton Council" in text_of(soup.select_one(".app-header"))
    assert soup.select("[style]") == []


def test_public_pages_have_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    for script in soup_of(client.get("/")).find_all("script"):
        assert script.get("src") or script.get("nonce"), "inline script without a nonce"


def test_admin_has_its_own_policy(admin_client, home_page):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy


def test_sitemap_and_robots_are_per_site(client, home_page, second_site):
    factories.InformationPageFactory(parent=second_site.root_page, slug="only-there")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "only-there" not in sitemap
    other = client.get("/sitemap.xml", HTTP_HOST="otherton.localhost").content.decode()
    assert "http://otherton.localhost/only-there/" in other
    robots = client.get("/robots.txt", HTTP_HOST="otherton.localhost").content.decode()
    assert "Sitemap: http://otherton.localhost/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots


def test_404_page_is_in_the_site_layout(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = soup_of(response)
    assert text_of(soup.h1) == "Page not found"
    assert "Testshire Council" in text_of(soup.select_one(".app-header"))


def test_database_down_gives_a_503_with_the_999_notice_and_helplines(client, home_page):
    client.raise_request_exception = False
    with mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    soup = soup_of(response)
    assert text_of(soup.h1) == "Sorry, the service is unavailable"
    notice = soup.select_one(".app-emergency")
    assert "call 999" in text_of(notice)
    assert notice.select_one('a[href="tel:999"]') is not None
    assert soup.select_one("a[href='tel:+448000113764']").text == "0800 011 3764"
    assert "Details checked" not in text_of(soup.main)
    assert soup.select_one("a[href='tel:18001101']").text == "18001 101"
    assert soup.select_one("link[rel=stylesheet]")["href"].endswith(".css")


def test_other_failures_give_the_500_page_with_the_notice(client, home_page):
    client.raise_request_exception = False
    with mock.patch("pages.pagination.Paginator", side_effect=RuntimeError("bug")):
        response = client.get("/search/", {"q": "prevent"})
    assert response.status_code == 500
    soup = soup_of(response)
    assert text_of(soup.h1) == "Sorry, there is a problem with the service"
    assert soup.select_one(".app-emergency a[href='tel:999']") is not None


def test_a_database_that_does_not_answer_gives_503_within_five_seconds():
    """For real: the site pointed at a port where no database listens."""
    port = closed_port()
    script = (
        "import time, django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
        "start = time.monotonic()\n"
        "response = client.get('/')\n"
        "print(response.status_code, round(time.monotonic() - start, 1))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(settings.BASE_DIR),
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "prevent_site.settings.dev",
            "DJANGO_DEBUG": "false",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/prevent",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    status, seconds = result.stdout.split()[-2:]
    assert status == "503", result.stderr[-2000:]
    assert float(seconds) < 5


def test_fallback_helplines_match_the_national_register(db):
    from django.core.management import call_command

    from contacts.fallback import NATIONAL_HELPLINES
    from contacts.models import ContactPoint

    call_command("load_seed_content")
    register = {c.name: (c.phone, c.textphone) for c in ContactPoint.objects.national()}
    register_by_key = {c.key: c.name for c in ContactPoint.objects.national()}
    for line in NATIONAL_HELPLINES:
        assert register[line["name"]] == (line["phone"], line.get("textphone", "")), line["name"]
        assert register_by_key[line["key"]] == line["name"]


def run_with_production_settings(**env):
    clean_env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean_env.update(env, DJANGO_SETTINGS_MODULE="prevent_site.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=Path(settings.BASE_DIR),
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_with_production_settings(ALLOWED_HOSTS="prevent.example.gov.uk")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = run_with_production_settings(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_settings_start_with_both_and_debug_off():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, settings.SECURE_HSTS_SECONDS)",
        ],
        cwd=Path(settings.BASE_DIR),
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "prevent_site.settings.production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "prevent.example.gov.uk",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "31536000"]


def test_search_results_are_paginated_keeping_the_query(client, home_page):
    for n in range(12):
        factories.InformationPageFactory(parent=home_page, title=f"Channel page {n}")
    soup = soup_of(client.get("/search/", {"q": "Channel page"}))
    next_link = soup.select_one(".govuk-pagination__next a")
    assert next_link["href"] == "?q=Channel+page&page=2"
    second = soup_of(client.get("/search/" + next_link["href"]))
    assert len(second.select(".app-card")) >= 1
    assert second.select_one(".govuk-pagination__item--current a").text == "2"
