"""When the database is down or does not answer, every page is a 503 with the 999 notice and the
national helplines, which match the contacts register."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from contacts.fallback import NATIONAL_HELPLINES
from contacts.models import ContactPoint
from tests.html import soup_of, text_of
from tests.network import closed_port


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


def test_a_database_that_does_not_answer_gives_503_within_five_seconds():
    """For real: the site pointed at a port where no database listens."""
    port = closed_port()
    script = (
        "import time, django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
        # Imports and template loading are a new process's cost, not the outage's: done first.
        "from django.urls import get_resolver; get_resolver().url_patterns\n"
        "from django.template.loader import get_template; get_template('503.html')\n"
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


def test_fallback_helplines_match_the_national_register(seeded):
    register = {c.name: (c.phone, c.textphone) for c in ContactPoint.objects.national()}
    register_by_key = {c.key: c.name for c in ContactPoint.objects.national()}
    for line in NATIONAL_HELPLINES:
        assert register[line["name"]] == (line["phone"], line.get("textphone", "")), line["name"]
        assert register_by_key[line["key"]] == line["name"]
