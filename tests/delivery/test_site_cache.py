"""What every page shows comes from the site cache, and a change to it shows on the next
request: the changed council's pages read it again, the other councils' keep their copy."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from alerts.models import Alert
from pages.models import EmergencyNotice, SiteBranding, SiteNavigation
from tests import factories
from tests.html import soup_of, text_of
from tests.pages.test_query_counts import CEILINGS

pytestmark = pytest.mark.django_db

OTHER_HOST = "otherton.localhost"


@pytest.fixture
def pages(home_page, site, second_site):
    """In each council: a section with a page under it (breadcrumbs), in the main menu."""
    made = {}
    for key, council in (("own", site), ("other", second_site)):
        home = council.root_page
        section = factories.InformationPageFactory(parent=home, title="Our work", slug="work")
        page = factories.InformationPageFactory(parent=section, title="Training", slug="training")
        navigation = SiteNavigation.for_site(council)
        navigation.main_links = [("link", {"page": section})]
        navigation.save()
        made[key] = {"section": section, "page": page}
    return made


def get(path, host="localhost"):
    """A GET as a new visitor, with the queries it made."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


def reads(queries, table):
    return any(f'FROM "{table}"' in sql for sql in queries)


def warm(pages):
    for host in ("localhost", OTHER_HOST):
        get("/work/training/", host)


def test_a_steady_page_reads_nothing_every_page_shows(pages):
    warm(pages)
    _, queries = get("/work/training/")
    # An information page with no blocks: its routing only (home page cached, two levels).
    assert len(queries) <= CEILINGS["info"]
    for table in (
        "wagtailcore_site",
        "pages_sitebranding",
        "pages_sitenavigation",
        "pages_emergencynotice",
        "alerts_alert",
        "wagtailcore_pageviewrestriction",
    ):
        assert not reads(queries, table), table


def test_after_a_settings_change_the_first_request_reads_again_then_settles(pages, site):
    warm(pages)
    _, steady = get("/work/training/")
    branding = SiteBranding.for_site(site)
    branding.council_name = "Newshire Council"
    branding.save()

    response, first = get("/work/training/")
    assert reads(first, "pages_sitebranding")
    assert len(first) > len(steady)
    assert "Newshire Council" in text_of(soup_of(response).header)

    _, again = get("/work/training/")
    assert len(again) == len(steady)
    assert not reads(again, "pages_sitebranding")


def test_a_branding_change_shows_at_once_in_that_council_only(pages, site):
    warm(pages)
    branding = SiteBranding.for_site(site)
    branding.council_name = "Newshire Council"
    branding.save()
    own, _ = get("/work/training/")
    other, other_queries = get("/work/training/", OTHER_HOST)
    assert "Newshire Council" in text_of(soup_of(own).header)
    assert "Otherton Council" in text_of(soup_of(other).header)
    assert not reads(other_queries, "pages_sitebranding")


def test_a_navigation_change_shows_at_once_in_that_council_only(pages, site):
    warm(pages)
    navigation = SiteNavigation.for_site(site)
    navigation.main_links = [("link", {"page": pages["own"]["page"], "link_text": "Courses"})]
    navigation.save()
    own, _ = get("/work/training/")
    other, other_queries = get("/work/training/", OTHER_HOST)
    assert [text_of(a) for a in soup_of(own).select(".app-header__nav a")] == ["Courses"]
    assert [text_of(a) for a in soup_of(other).select(".app-header__nav a")] == ["Our work"]
    assert not reads(other_queries, "pages_sitenavigation")


def test_an_emergency_notice_change_shows_at_once_in_that_council_only(pages, site):
    warm(pages)
    notice = EmergencyNotice.for_site(site)
    notice.message = "In an emergency, or if someone is in danger now, call 999."
    notice.save()
    own, _ = get("/work/training/")
    other, other_queries = get("/work/training/", OTHER_HOST)
    assert "someone is in danger now" in text_of(soup_of(own).select_one(".app-emergency"))
    assert "someone is in danger now" not in text_of(soup_of(other).select_one(".app-emergency"))
    assert not reads(other_queries, "pages_emergencynotice")


def test_a_new_or_changed_alert_shows_at_once_in_that_council_only(pages, site):
    warm(pages)
    now = timezone.now()
    alert = Alert.objects.create(
        site=site,
        title="Office closed",
        text="Call the helpline.",
        starts_at=now - datetime.timedelta(minutes=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    own, _ = get("/work/training/")
    other, other_queries = get("/work/training/", OTHER_HOST)
    assert "Office closed" in own.text
    assert "Office closed" not in other.text
    assert not reads(other_queries, "alerts_alert")

    alert.title = "Office open again"
    alert.save()
    assert "Office open again" in get("/work/training/")[0].text
    alert.delete()
    assert "Office open again" not in get("/work/training/")[0].text


def test_an_alert_that_ends_goes_when_it_ends_with_nothing_saved(pages, site, monkeypatch):
    now = timezone.now()
    Alert.objects.create(
        site=site,
        title="Office closed",
        text="Call the helpline.",
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now + datetime.timedelta(hours=1),
    )
    assert "Office closed" in get("/work/training/")[0].text
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(hours=2))
    response, queries = get("/work/training/")
    assert "Office closed" not in response.text
    assert not reads(queries, "alerts_alert")  # the cached copy, checked against the clock


def test_a_published_page_title_shows_at_once_in_that_council_only(pages):
    warm(pages)
    section = pages["own"]["section"]
    section.title = "What we do"
    section.save_revision().publish()
    own, _ = get("/work/training/")
    other, other_queries = get("/work/training/", OTHER_HOST)
    own_crumbs = [text_of(a) for a in soup_of(own).select(".govuk-breadcrumbs__link")]
    other_crumbs = [text_of(a) for a in soup_of(other).select(".govuk-breadcrumbs__link")]
    assert own_crumbs == ["Home", "What we do"]
    assert other_crumbs == ["Home", "Our work"]
    assert [text_of(a) for a in soup_of(own).select(".app-header__nav a")] == ["What we do"]
    assert len(other_queries) <= CEILINGS["info"]


def test_a_private_section_is_refused_at_once(pages):
    warm(pages)
    PageViewRestriction.objects.create(
        page=pages["own"]["section"], restriction_type=PageViewRestriction.LOGIN
    )
    response = Client().get("/work/training/")
    assert response.status_code == 302
    assert response["Location"].endswith("?next=/work/training/")
