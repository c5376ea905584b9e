"""The 'Worried about someone?' page, its finder, the directory, vCards and JSON-LD."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacts.models import ContactPoint
from tests import factories
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def national():
    return {
        "999": factories.ContactPointFactory(
            key="emergency-999", name="Emergency services", phone="999", sort_order=1
        ),
        "act": factories.ContactPointFactory(
            key="act-early", name="ACT Early Support Line", phone="+448000113764"
        ),
        "online": factories.ContactPointFactory(
            key="report-online",
            name="Report online terrorist material",
            phone="",
            website="https://www.gov.uk/report-terrorism",
            website_label="Report it online",
            topics=["online"],
        ),
    }


def route(who, about, contacts, reason):
    return {
        "type": "route",
        "value": {
            "who": who,
            "about": about,
            "contacts": [c.pk for c in contacts],
            "reason": reason,
        },
    }


@pytest.fixture
def concern(home_page, site, national):
    team = factories.ContactPointFactory(
        site=site, key="prevent-team", name="Testshire Prevent team", email="prevent@test.gov.uk"
    )
    children = factories.ContactPointFactory(
        site=site, key="children", name="Children's Services", phone="+441702546366"
    )
    page = factories.ConcernReportingPageFactory(
        parent=home_page,
        local_contacts=[{"type": "contact", "value": team.pk}],
        finder_routes=[
            route("professionals", "anything", [team], "Tell your safeguarding lead first."),
            route("anyone", "child", [children, team], "Children's Services keep children safe."),
            route("anyone", "online", [national["online"]], "Report it so it comes down."),
            route("residents", "anything", [national["act"]], "Friends and family can call."),
        ],
    )
    return {"page": page, "team": team, "children": children, **national}


def finder(client, concern, **answers):
    return client.get(concern["page"].url + "who-should-i-contact/", answers)


def card_names(soup):
    return [text_of(h) for h in soup.select("main .app-contact-card :is(h2, h3)")]


def test_concern_page_puts_999_first_then_the_council_then_national_routes(client, concern):
    soup = soup_of(client.get(concern["page"].url))
    assert card_names(soup) == [
        "Emergency services",
        "Testshire Prevent team",
        "ACT Early Support Line",
        "Report online terrorist material",
    ]
    first_phone = soup.select_one("main a[href^='tel:']")
    assert first_phone["href"] == "tel:999"
    assert "not a criminal record" in text_of(soup.main)


def test_every_page_links_to_the_concern_page(client, concern, home_page):
    other = factories.InformationPageFactory(parent=home_page)
    for url in (home_page.url, other.url, "/no-such-page/"):
        soup = soup_of(client.get(url))
        link = soup.select_one(".app-safety-bar__concern")
        assert link["href"] == concern["page"].url
        assert link.text == "Worried about someone?"


def test_finder_asks_about_danger_first(client, concern):
    response = finder(client, concern)
    assert response.status_code == 200
    soup = soup_of(response)
    assert text_of(soup.h1) == "Is anyone in immediate danger?"
    assert soup.select_one(".govuk-back-link")["href"] == concern["page"].url


def test_immediate_danger_gives_999_before_anything_else(client, concern):
    soup = soup_of(finder(client, concern, danger="yes"))
    assert text_of(soup.h1) == "Call 999 now"
    phones = [a["href"] for a in soup.select("main a[href^='tel:']")]
    assert phones[0] == "tel:999"
    assert "Testshire Prevent team" in card_names(soup)


@pytest.mark.parametrize(
    ("who", "about", "expected"),
    [
        ("professionals", "adult", ["Testshire Prevent team"]),
        ("professionals", "child", ["Testshire Prevent team", "Children's Services"]),
        (
            "residents",
            "child",
            ["Children's Services", "Testshire Prevent team", "ACT Early Support Line"],
        ),
        ("residents", "online", ["Report online terrorist material", "ACT Early Support Line"]),
        ("community", "online", ["Report online terrorist material"]),
    ],
)
def test_each_finder_path_names_the_right_contacts(client, concern, who, about, expected):
    soup = soup_of(finder(client, concern, danger="no", who=who, about=about))
    assert text_of(soup.h1) == "Who to contact"
    assert card_names(soup) == expected
    assert "call 999 first" in text_of(soup.main)


def test_no_matching_answer_falls_back_to_the_council_and_national_lines(client, concern):
    soup = soup_of(finder(client, concern, danger="no", who="community", about="street"))
    assert "Testshire Prevent team" in card_names(soup)
    assert "ACT Early Support Line" in card_names(soup)


def test_finder_steps_and_back_links_work_without_javascript(client, concern):
    soup = soup_of(finder(client, concern, danger="no"))
    assert text_of(soup.h1) == "Who are you?"
    form = soup.select_one("main form")
    assert form["method"] == "get"
    assert {i["name"]: i["value"] for i in form.select("input[type=hidden]")} == {
        "danger": "no",
        "step": "who",
    }
    assert soup.select_one(".govuk-back-link")["href"].endswith("who-should-i-contact/")
    soup = soup_of(finder(client, concern, danger="no", who="residents"))
    assert text_of(soup.h1) == "What is your concern about?"
    assert soup.select_one(".govuk-back-link")["href"].endswith("?danger=no")


def test_finder_without_an_answer_shows_an_error_and_400(client, concern):
    response = finder(client, concern, danger="no", step="who")
    assert response.status_code == 400
    soup = soup_of(response)
    summary = soup.select_one(".govuk-error-summary")
    assert "Select who you are" in text_of(summary)
    assert summary.select_one("a")["href"] == "#who"
    assert soup.select_one("#who") is not None
    assert text_of(soup.title).startswith("Error:")


def test_finder_with_a_made_up_answer_shows_an_error(client, concern):
    response = finder(client, concern, danger="no", who="<script>", about="child")
    assert response.status_code == 400
    assert "Select who you are" in text_of(soup_of(response).select_one(".govuk-error-summary"))


def test_a_site_never_shows_another_councils_local_contact(client, concern, second_site):
    page = factories.ConcernReportingPageFactory(parent=second_site.root_page)
    # Chosen before saves were checked: belongs to Testshire. It must not show on Otherton's pages.
    page.local_contacts = [{"type": "contact", "value": concern["team"].pk}]
    page.save(clean=False)
    soup = soup_of(client.get(page.url, HTTP_HOST="otherton.localhost"))
    assert "Testshire Prevent team" not in text_of(soup)
    assert "ACT Early Support Line" in card_names(soup)
    # And the editor is told why when saving it.
    with pytest.raises(Exception, match="Testshire Prevent team belongs to Test: choose a contact"):
        page.full_clean()


def test_a_draft_change_to_a_contact_is_not_live_until_published(admin_client, concern):
    client = Client()  # a resident, not signed in (admin_client is)
    team = concern["team"]
    team.save_revision().publish()
    edit_url = reverse("wagtailsnippets_contacts_contactpoint:edit", args=[team.pk])
    data = factories.contact_form_data(team, phone="020 7946 0999", hours="")
    assert admin_client.post(edit_url, data).status_code == 302
    page_text = text_of(soup_of(client.get(concern["page"].url)).main)
    assert "020 7641 6032" in page_text and "020 7946 0999" not in page_text

    assert admin_client.post(edit_url, {**data, "action-publish": "publish"}).status_code == 302
    page_text = text_of(soup_of(client.get(concern["page"].url)).main)
    assert "020 7946 0999" in page_text and "020 7641 6032" not in page_text


def test_deleting_a_contact_in_use_warns_where_it_is_used(admin_client, concern):
    url = reverse("wagtailsnippets_contacts_contactpoint:delete", args=[concern["team"].pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "is referenced" in body
    usage = reverse("wagtailsnippets_contacts_contactpoint:usage", args=[concern["team"].pk])
    assert usage in body
    usage_page = admin_client.get(usage).content.decode()
    assert concern["page"].title in usage_page


def test_admin_lists_contacts_not_verified_for_six_months(admin_client, concern):
    ContactPoint.objects.filter(pk=concern["children"].pk).update(last_verified="2023-07-01")
    ContactPoint.objects.filter(pk=concern["team"].pk).update(last_verified=timezone.localdate())
    never = factories.ContactPointFactory(site=concern["team"].site, name="Never checked line")
    ContactPoint.objects.filter(pk=never.pk).update(last_verified=None)
    url = reverse("wagtailsnippets_contacts_contactpoint:list")
    body = text_of(soup_of(admin_client.get(url, {"needs_verification": "true"})))
    assert "Children's Services" in body
    assert "Never checked line" in body
    assert "Testshire Prevent team" not in body


@pytest.fixture
def directory(home_page, concern):
    factories.ContactPointFactory(
        site=concern["team"].site,
        key="gangs",
        name="Gangs Unit",
        phone="",
        email="gangs@test.gov.uk",
        topics=["gangs"],
        audiences=["professionals"],
    )
    return factories.ContactDirectoryPageFactory(parent=home_page)


def test_directory_filters_by_topic_audience_and_text(client, directory):
    names = card_names(soup_of(client.get(directory.url)))
    assert "Gangs Unit" in names and "Testshire Prevent team" in names
    assert card_names(soup_of(client.get(directory.url, {"topic": "gangs"}))) == ["Gangs Unit"]
    by_audience = card_names(soup_of(client.get(directory.url, {"audience": "professionals"})))
    assert by_audience == ["Gangs Unit"]
    assert card_names(soup_of(client.get(directory.url, {"q": "children"}))) == [
        "Children's Services"
    ]


def test_contact_cards_link_phone_and_email(client, directory):
    soup = soup_of(client.get(directory.url))
    card = soup.find("h3", string="Children's Services").find_parent(class_="app-contact-card")
    phone = card.select_one("a[href^='tel:']")
    assert phone["href"] == "tel:+441702546366" and phone.text == "01702 546366"
    team = soup.find("h3", string="Testshire Prevent team").find_parent(class_="app-contact-card")
    assert team.select_one("a[href^='mailto:']")["href"] == "mailto:prevent@test.gov.uk"


def test_vcard_downloads_with_the_right_number(client, directory, concern):
    soup = soup_of(client.get(directory.url))
    card = soup.find("h3", string="Testshire Prevent team").find_parent(class_="app-contact-card")
    vcard_url = next(a for a in card.select("a") if "Save to your contacts" in a.get_text())["href"]
    response = client.get(vcard_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vcard")
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "BEGIN:VCARD" and "END:VCARD" in lines
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    assert fields["FN"] == "Testshire Prevent team"
    assert fields["TEL;TYPE=WORK,VOICE"] == "+442076416032"
    assert fields["EMAIL;TYPE=WORK"] == "prevent@test.gov.uk"


def test_vcard_of_another_councils_contact_is_not_found(client, directory):
    other = factories.ContactPointFactory(site=None, key="x", live=False)
    assert client.get(f"{directory.url}{other.pk}/vcard/").status_code == 404
    assert client.get(f"{directory.url}999999/vcard/").status_code == 404


def test_json_ld_carries_contact_points_with_numbers(client, directory):
    soup = soup_of(client.get(directory.url))
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["@context"] == "https://schema.org"
    points = {p["name"]: p for p in data["contactPoint"]}
    assert points["Testshire Prevent team"]["telephone"] == "+442076416032"
    assert points["Emergency services"]["telephone"] == "999"
    assert all(p["@type"] == "ContactPoint" for p in points.values())
