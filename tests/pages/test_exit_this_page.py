"""The 'Exit this page' button: only on pages an officer switches it on, going to the address in
the council's branding settings."""

import pytest
from django.urls import reverse

from pages.models import SiteBranding
from tests import factories
from tests.html import soup_of

pytestmark = pytest.mark.django_db

BBC_WEATHER = "https://www.bbc.co.uk/weather"


def exit_links(response):
    assert response.status_code == 200
    soup = soup_of(response)
    return [
        link
        for link in soup.select(".govuk-exit-this-page[data-module='govuk-exit-this-page'] a")
        if "govuk-exit-this-page__button" in link["class"]
    ]


@pytest.fixture
def concern(home_page):
    return factories.ConcernReportingPageFactory(parent=home_page, show_exit_this_page=True)


def test_the_switched_on_page_has_the_button_going_to_bbc_weather_by_default(client, concern):
    [link] = exit_links(client.get(concern.url))
    assert link["href"] == BBC_WEATHER
    assert link["role"] == "button"
    assert set(link["rel"]) == {"nofollow", "noreferrer"}
    assert "Exit this page" in link.get_text(" ")
    # It sits in the main content, before the page's heading, as the Design System places it.
    main = soup_of(client.get(concern.url)).main
    assert main.select_one(".govuk-exit-this-page") is main.find(True)


def test_every_step_of_the_finder_carries_it_too(client, concern):
    finder = concern.url + "who-should-i-contact/"
    for query in ({}, {"danger": "no"}, {"danger": "yes"}, {"danger": "maybe", "step": "danger"}):
        response = client.get(finder, query)
        if response.status_code == 400:
            response.status_code = 200  # the error state is a page too
        assert [link["href"] for link in exit_links(response)] == [BBC_WEATHER], query


def test_pages_without_the_switch_have_no_button(client, home_page):
    off = factories.InformationPageFactory(parent=home_page, slug="extremism")
    assert exit_links(client.get(off.url)) == []
    assert exit_links(client.get(home_page.url)) == []
    concern = factories.ConcernReportingPageFactory(parent=home_page)
    assert concern.show_exit_this_page is False
    assert exit_links(client.get(concern.url)) == []


def test_any_page_type_can_have_it_switched_on(client, home_page):
    channel = factories.InformationPageFactory(
        parent=home_page, slug="channel", show_exit_this_page=True
    )
    assert [link["href"] for link in exit_links(client.get(channel.url))] == [BBC_WEATHER]


def test_each_council_sends_people_to_its_own_neutral_address(
    client, home_page, second_site, concern
):
    SiteBranding.objects.filter(site__root_page=home_page).update(
        exit_page_url="https://www.example.org/recipes"
    )
    other = factories.ConcernReportingPageFactory(
        parent=second_site.root_page, show_exit_this_page=True
    )

    [here] = exit_links(client.get(concern.url))
    [there] = exit_links(client.get(other.url, HTTP_HOST="otherton.localhost"))
    assert here["href"] == "https://www.example.org/recipes"
    assert there["href"] == BBC_WEATHER


def test_a_blank_address_falls_back_to_bbc_weather(client, home_page, concern):
    SiteBranding.objects.filter(site__root_page=home_page).update(exit_page_url="")
    [link] = exit_links(client.get(concern.url))
    assert link["href"] == BBC_WEATHER


def branding_form(address):
    return {
        "council_name": "Testshire Council",
        "service_name": "Prevent",
        "brand_colour": "#0b0c0c",
        "exit_page_url": address,
    }


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "http://www.bbc.co.uk/weather", "not an address"]
)
def test_branding_refuses_an_address_that_is_not_https(admin_client, site, address):
    url = reverse("wagtailsettings:edit", args=["pages", "sitebranding", site.pk])
    response = admin_client.post(url, branding_form(address))
    assert response.status_code == 200
    # Django shows its form field's wording for an invalid address, whichever validator refused it.
    assert response.context["form"].errors["exit_page_url"] == ["Enter a valid URL."]
    assert SiteBranding.objects.get(site=site).exit_page_url == BBC_WEATHER


def test_branding_saves_a_new_neutral_address(admin_client, site):
    url = reverse("wagtailsettings:edit", args=["pages", "sitebranding", site.pk])
    response = admin_client.post(url, branding_form("https://www.example.org/news"))
    assert response.status_code == 302
    assert SiteBranding.objects.get(site=site).exit_page_url == "https://www.example.org/news"


def test_officers_find_the_switch_in_the_promote_tab(admin_client, concern):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[concern.pk]))
    soup = soup_of(response)
    checkbox = soup.select_one("input[type=checkbox][name=show_exit_this_page]")
    assert checkbox is not None and checkbox.has_attr("checked")
    promote = soup.select_one("#tab-promote")
    assert promote is not None and promote.select_one("[name=show_exit_this_page]") is checkbox
