"""The seeded pages show the dates written in the seed files, whatever day they are loaded.

The expected dates are read from the files themselves, so this holds whatever dates they give;
a second test loads a copy with dates written in, so the loader is checked even before the
shipped files carry them."""

import datetime
from unittest import mock

import pytest
import yaml
from wagtail.models import Site

from pages.seed_content import fixture_files, load_seed_content
from reviews.schedule import mark_reviewed
from tests.html import soup_of, text_of
from tests.reviews.seed_copy import dated_copy

pytestmark = pytest.mark.django_db

# A load day that no fixture date can be: the dates must come from the files, not the clock.
LOAD_DAY = datetime.date(2031, 2, 3)


def page_specs(files):
    """(hostname, path, spec) for every page entry in the seed files, home included."""
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "site" not in data:
            continue

        yield from _walk(data["site"]["hostname"], data["home"], "/")


def _walk(hostname, spec, url):
    yield hostname, url, spec
    for child in spec.get("children") or []:
        yield from _walk(hostname, child, f"{url}{child['slug']}/")


def as_date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def expected_text(spec):
    reviewed = as_date(spec.get("last_reviewed"))
    updated = as_date(spec.get("last_updated")) or reviewed
    parts = []
    if reviewed:
        parts.append(f"Last reviewed: {reviewed:%-d %B %Y}")
    if updated and updated != reviewed:
        parts.append(f"Last updated: {updated:%-d %B %Y}")
    return " ".join(parts)


def load_on(day, files):
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        load_seed_content(files)


def assert_pages_show_file_dates(client, files):
    checked = 0
    for hostname, path, spec in page_specs(files):
        response = client.get(path, HTTP_HOST=hostname)
        assert response.status_code == 200, f"{hostname}{path}"
        soup = soup_of(response)
        shown = text_of(soup.select_one("main .app-page-dates"))
        want = expected_text(spec)
        if want:
            assert shown == want, f"{hostname}{path}"
        else:
            # No date in the file: the page claims none (never the load day).
            assert "Last reviewed" not in shown, f"{hostname}{path}"
        assert f"{LOAD_DAY:%-d %B %Y}" not in text_of(soup), f"{hostname}{path}"
        checked += 1
    assert checked >= 30


def test_seeded_pages_show_the_dates_in_the_seed_files(client):
    files = fixture_files()
    load_on(LOAD_DAY, files)
    assert_pages_show_file_dates(client, files)


def test_the_loader_reads_review_dates_and_the_home_page_lists_honest_updates(client, tmp_path):
    files = dated_copy(tmp_path / "fixtures")
    load_on(LOAD_DAY, files)
    assert_pages_show_file_dates(client, files)

    # "Latest updates" lists the most recent changes the files record, newest first.
    for hostname, path, _ in page_specs(files):
        if path != "/":
            continue
        soup = soup_of(client.get("/", HTTP_HOST=hostname))
        items = soup.select("[aria-labelledby=latest-heading] li time")
        days = [datetime.date.fromisoformat(t["datetime"]) for t in items]
        site = Site.objects.get(hostname=hostname)
        recorded = sorted(
            (
                as_date(s.get("last_updated")) or as_date(s.get("last_reviewed"))
                for h, p, s in page_specs(files)
                if h == hostname and p != "/"
            ),
            reverse=True,
        )
        assert days == recorded[: len(days)], site.site_name
        assert len(days) == 3


def test_a_second_load_keeps_an_officers_review(client, tmp_path, django_user_model):
    files = dated_copy(tmp_path / "fixtures")
    load_seed_content(files)
    site = Site.objects.get(hostname="rochford.localhost")
    page = site.root_page.get_children().get(slug="channel").specific
    officer = django_user_model.objects.create_user("officer", password="a-long-pass-123")
    mark_reviewed(page, officer, "Checked.")
    load_seed_content(files)
    page.refresh_from_db()
    assert page.last_reviewed_by == officer
    assert page.last_review_note == "Checked."
