"""Residents see a council's alert on that council's pages, between its start and its end,
right below the 999 notice, and only in the sections it was posted for."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.alerts.conftest import HOUR
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def alerts_on(response):
    return soup_of(response).select(".app-alert")


def titles_on(response):
    return [
        text_of(a.select_one(".govuk-notification-banner__heading")) for a in alerts_on(response)
    ]


def test_a_showing_alert_is_on_every_page_of_its_council_below_the_999_notice(
    client, site, home_page, make_alert
):
    page = factories.InformationPageFactory(parent=home_page)
    make_alert(
        site,
        title="Our phone line is closed today",
        link_url="https://example.org/news",
        link_text="Read the latest update",
    )
    for url in ("/", page.url, "/search/?q=prevent"):
        soup = soup_of(client.get(url))
        (alert,) = soup.select(".app-alert")
        assert text_of(alert.select_one(".govuk-notification-banner__heading")) == (
            "Our phone line is closed today"
        )
        assert "Email the Prevent team instead." in text_of(alert)
        link = alert.select_one("a.govuk-notification-banner__link")
        assert link["href"] == "https://example.org/news"
        assert text_of(link) == "Read the latest update"
        # Below the 999 notice, never in its place, and above the header and the page itself.
        order = [
            element
            for element in soup.find_all(True)
            if element is alert
            or "app-emergency" in element.get("class", [])
            or element.name in ("header", "main")
        ]
        assert [e.name for e in order] == ["div", "div", "header", "main"]
        assert "app-emergency" in order[0]["class"] and order[1] is alert
        assert "999" in text_of(soup.select_one(".app-emergency"))


def test_another_councils_site_does_not_show_it(client, site, second_site, make_alert):
    make_alert(second_site, title="Otherton helpline closed")
    assert alerts_on(client.get("/")) == []
    otherton = client.get("/", HTTP_HOST="otherton.localhost")
    assert titles_on(otherton) == ["Otherton helpline closed"]


@pytest.mark.parametrize(
    "starts, ends", [(HOUR, 2 * HOUR), (-2 * HOUR, -HOUR)], ids=["scheduled", "ended"]
)
def test_a_scheduled_or_ended_alert_is_not_shown(client, site, make_alert, starts, ends):
    make_alert(site, starts=starts, ends=ends)
    assert alerts_on(client.get("/")) == []


def test_an_alert_for_sections_shows_on_them_and_the_pages_below_only(
    client, site, home_page, make_alert
):
    section = factories.InformationPageFactory(parent=home_page, title="Schools")
    below = factories.InformationPageFactory(parent=section, title="Training for staff")
    elsewhere = factories.InformationPageFactory(parent=home_page, title="Community projects")
    make_alert(site, title="Schools: training moved", sections=[section])
    for page in (section, below):
        assert titles_on(client.get(page.url)) == ["Schools: training moved"]
    for url in ("/", elsewhere.url, "/search/?q=schools"):
        assert alerts_on(client.get(url)) == []


def test_only_an_urgent_alert_is_an_assertive_live_region(client, site, make_alert):
    make_alert(site, title="Road closed near the town hall", kind="urgent")
    make_alert(site, title="New leaflet", kind="information")
    urgent, information = alerts_on(client.get("/"))  # urgent first
    assert text_of(urgent.select_one(".govuk-notification-banner__title")) == "Urgent"
    assert urgent["role"] == "alert"
    assert urgent.select("[data-hide-alert]") == []
    assert text_of(information.select_one(".govuk-notification-banner__title")) == "Important"
    assert information["role"] == "region"
    assert information.get("aria-live") is None
    assert not information.select('[role="alert"], [aria-live="assertive"]')
    (hide,) = information.select("button[data-hide-alert]")
    assert text_of(hide) == "Hide this message: New leaflet"


def test_a_hidden_alert_is_kept_out_of_the_first_paint(client, site, make_alert):
    alert = make_alert(site, title="New leaflet")
    soup = soup_of(client.get("/"))
    key = soup.select_one(".app-alert")["data-alert-key"]
    assert key == alert.dismiss_key and key.startswith(f"{alert.pk}-")
    # The nonced style in the head hides it once the head's script has marked it hidden.
    style = soup.select_one("head style").string
    assert f".app-hidden-alert-{key} #alert-{alert.pk}{{display:none}}" in style
    script = soup.select_one("head script")
    assert "hidden-alerts" in script.string and script["nonce"]
    # A changed alert is a new one to a resident who hid the old wording.
    alert.updated_at += datetime.timedelta(days=366)
    assert alert.dismiss_key != key


def test_pages_without_alerts_carry_no_alert_script(client, home_page):
    soup = soup_of(client.get("/"))
    assert soup.select(".app-alert") == []
    assert soup.select("head script") == []


def test_the_alerts_add_no_query_once_in_the_site_cache(client, site, home_page, make_alert):
    page = factories.InformationPageFactory(parent=home_page)
    client.get(page.url)
    with CaptureQueriesContext(connection) as without:
        client.get(page.url)
    section = factories.InformationPageFactory(parent=home_page)
    make_alert(site, title="Everywhere")
    make_alert(site, title="In a section", sections=[section, page])
    make_alert(site, title="Later", starts=HOUR, ends=2 * HOUR)
    client.get(page.url)
    with CaptureQueriesContext(connection) as with_alerts:
        response = client.get(page.url)
    assert len(alerts_on(response)) == 2
    assert len(with_alerts) == len(without)
    assert [q for q in with_alerts if "alerts_alert" in q["sql"]] == []
