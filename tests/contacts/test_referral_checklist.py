"""The "Before you call" checklist: 999 and the council's contact from the register, nothing on
the page that could send or keep what a visitor ticks or types, and the links to it."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from contacts.models import ConcernReportingPage, ReferralChecklistPage
from pages.models import HomePage
from tests import factories
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

STATEMENT = (
    "Nothing you tick or type here leaves this page or is saved. Close the page to clear it."
)


def section(heading, items, contacts=(), guidance=""):
    return {
        "type": "section",
        "value": {
            "heading": heading,
            "guidance": guidance,
            "contacts": [c.pk for c in contacts],
            "items": [
                {"text": text, "hint": hint, "notes_box": notes} for text, hint, notes in items
            ],
        },
    }


@pytest.fixture
def checklist(home_page, site):
    emergency = factories.ContactPointFactory(
        key="emergency-999", name="Emergency services", phone="999", sort_order=1
    )
    online = factories.ContactPointFactory(
        key="report-online",
        name="Report online terrorist material",
        phone="",
        website="https://www.gov.uk/report-terrorism",
        website_label="Report it online (GOV.UK)",
    )
    team = factories.ContactPointFactory(
        site=site,
        key="prevent-team",
        name="Testshire Prevent team",
        phone="+441234567890",
        email="prevent@test.gov.uk",
    )
    concern = factories.ConcernReportingPageFactory(
        parent=home_page, local_contacts=[{"type": "contact", "value": team.pk}]
    )
    page = factories.ReferralChecklistPageFactory(
        parent=concern,
        contacts=[{"type": "contact", "value": team.pk}],
        sections=[
            section("Is anyone in danger now?", [("Nobody is in danger now", "", False)]),
            section(
                "Who the person is",
                [("Their name", "", True), ("How you know them", "Such as a neighbour.", True)],
            ),
            section(
                "Anything online",
                [("Links to the posts", "Copy the address.", True)],
                contacts=[online],
                guidance="<p><b>Do not share or download anything that may be illegal.</b></p>",
            ),
        ],
    )
    return {"page": page, "concern": concern, "team": team, "999": emergency, "online": online}


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response


def test_the_top_shows_999_then_the_councils_contact_from_the_register(client, checklist):
    soup = soup_of(get(client, checklist["page"]))
    top = soup.select_one("main [data-checklist-contacts]")
    cards = [text_of(card.h2 or card.h3) for card in top.select(".app-contact-card")]
    assert cards == ["Emergency services", "Testshire Prevent team"]
    assert top.select_one("a[href='tel:999']") is not None
    assert top.select_one("a[href='tel:+441234567890']").get_text() == "01234 567890"
    assert top.select_one("a[href='mailto:prevent@test.gov.uk']") is not None
    # The 999 notice (the officer-worded one) comes before everything in <main>.
    notice = soup.select_one(".app-safety-bar .app-emergency a[href='tel:999']")
    elements = soup.find_all(True)
    assert notice is not None and elements.index(notice) < elements.index(top)
    # Before the checklist itself.
    assert elements.index(top) < elements.index(soup.select_one("main input[type=checkbox]"))


def test_a_published_change_to_the_contact_shows_on_the_checklist(client, checklist):
    team = checklist["team"]
    team.phone = "+441234000000"
    team.save_revision().publish()
    soup = soup_of(get(client, checklist["page"]))
    assert soup.select_one("main a[href='tel:+441234000000']") is not None
    assert soup.select_one("main a[href='tel:+441234567890']") is None


def test_a_held_contact_gives_way_to_the_concern_pages_contacts(client, checklist, site):
    other = factories.ContactPointFactory(site=site, key="safeguarding", name="Safeguarding hub")
    concern = checklist["concern"]
    concern.local_contacts = [{"type": "contact", "value": other.pk}]
    concern.save_revision().publish()
    team = checklist["team"]
    team.held_reason, team.held_at = "Number being checked", timezone.now()
    team.save()
    soup = soup_of(get(client, checklist["page"]))
    names = [text_of(h) for h in soup.select("main [data-checklist-contacts] h3")]
    assert names == ["Emergency services", "Safeguarding hub"]
    assert "Testshire Prevent team" not in text_of(soup.main)


def test_another_councils_contact_is_never_shown(client, checklist, second_site):
    elsewhere = factories.ContactPointFactory(site=second_site, key="other", name="Otherton team")
    page = checklist["page"]
    # As if chosen before the check at saving existed: the page still shows only its own.
    ReferralChecklistPage.objects.filter(pk=page.pk).update(
        contacts=[{"type": "contact", "value": elsewhere.pk}]
    )
    soup = soup_of(get(client, page))
    assert "Otherton team" not in text_of(soup.main)
    # Nothing chosen that this site may show: the concern page's contacts instead.
    assert "Testshire Prevent team" in text_of(soup.select_one("[data-checklist-contacts]"))


def test_nothing_on_the_page_can_submit_or_keep_what_is_ticked_or_typed(client, checklist):
    soup = soup_of(get(client, checklist["page"]))
    main = soup.main
    assert main.find("form") is None
    # The only form on the page is the site search in the header, with its own one field.
    forms = soup.find_all("form")
    assert [form.get("class") for form in forms] == [["app-search"]]
    assert not any(main in form.parents for form in forms)
    fields = main.select("input, textarea, select, button")
    assert len(main.select("input[type=checkbox]")) == 4
    assert len(main.select("textarea")) == 3
    for field in fields:
        assert field.get("name") is None, field
        assert field.get("form") is None, field
        assert field.get("formaction") is None, field
    for field in main.select("input, textarea"):
        assert field["autocomplete"] == "off", field
    for textarea in main.select("textarea"):
        assert textarea["spellcheck"] == "false"
    assert [b.get("type") for b in main.select("button")] == ["button"]
    # No "Is this page useful?" form, which would send what is typed into it.
    assert soup.select_one("[data-module=app-feedback]") is None


def test_the_page_says_nothing_leaves_it(client, checklist):
    soup = soup_of(get(client, checklist["page"]))
    assert STATEMENT in text_of(soup.select_one("main .app-checklist__privacy"))


def test_each_item_has_a_labelled_box_and_notes_where_asked(client, checklist):
    soup = soup_of(get(client, checklist["page"]))
    boxes = soup.select("main input[type=checkbox]")
    ids = [box["id"] for box in boxes]
    assert len(set(ids)) == len(ids)
    labels = [text_of(soup.select_one(f"label[for='{i}']")) for i in ids]
    assert labels == [
        "Nobody is in danger now",
        "Their name",
        "How you know them",
        "Links to the posts",
    ]
    # The danger item has no notes box; the others do, each labelled with its item.
    assert soup.select_one(f"#{ids[0]}-notes") is None
    notes_label = text_of(soup.select_one(f"label[for='{ids[2]}-notes']"))
    assert notes_label == "Your notes on “How you know them”"
    hint = soup.select_one(f"#{ids[2]}")["aria-describedby"]
    assert text_of(soup.select_one(f"#{hint}")) == "Such as a neighbour."
    headings = [text_of(h) for h in soup.select("main fieldset legend h2")]
    assert headings == ["Is anyone in danger now?", "Who the person is", "Anything online"]


def test_a_section_shows_where_to_report_online_material(client, checklist):
    soup = soup_of(get(client, checklist["page"]))
    online = soup.select("main fieldset")[2]
    assert online.select_one("a[href='https://www.gov.uk/report-terrorism']") is not None
    assert "Do not share or download" in text_of(online)


def test_the_policy_lets_scripts_connect_nowhere_and_stays_strict(client, checklist):
    response = get(client, checklist["page"])
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["connect-src"] == "'none'"
    assert policy["default-src"] == "'none'"
    assert policy["script-src"].startswith("'self' 'nonce-")
    assert "unsafe" not in response["Content-Security-Policy"]
    nonce = policy["script-src"].split("'nonce-")[1].rstrip("'")
    # Every inline script carries the nonce; the checklist's own script is a file.
    for script in soup_of(response).find_all("script", src=False):
        assert script.get("nonce") == nonce


def test_print_button_waits_for_the_script_and_the_no_script_hint_is_there(client, checklist):
    soup = soup_of(get(client, checklist["page"]))
    assert soup.select_one("[data-checklist-print]").has_attr("hidden")
    assert "print this page" in text_of(soup.select_one("[data-checklist-print-hint]"))


def test_the_concern_page_and_the_finders_answer_link_to_the_checklist(client, checklist):
    concern, page = checklist["concern"], checklist["page"]
    soup = soup_of(get(client, concern))
    assert soup.select_one(f"main a[href='{page.url}']") is not None
    answer = client.get(
        concern.url + "who-should-i-contact/",
        {"danger": "no", "who": "residents", "about": "child"},
    )
    soup = soup_of(answer)
    assert answer.status_code == 200
    assert soup.select_one(f"main a[href='{page.url}']") is not None


def test_no_link_to_a_checklist_that_is_not_live(client, checklist):
    checklist["page"].unpublish()
    soup = soup_of(get(client, checklist["concern"]))
    assert soup.select_one("main a[href$='before-you-call/']") is None


class ChecklistTreeTests(WagtailPageTestCase):
    def test_it_lives_under_the_concern_page_only(self):
        self.assertAllowedParentPageTypes(ReferralChecklistPage, {ConcernReportingPage})
        self.assertAllowedSubpageTypes(ReferralChecklistPage, set())
        self.assertCanNotCreateAt(HomePage, ReferralChecklistPage)
        self.assertCanCreateAt(ConcernReportingPage, ReferralChecklistPage)


def test_the_seed_gives_every_council_a_checklist_that_renders(client):
    call_command("load_seed_content")
    expected = {
        "localhost": "Westminster Prevent team",
        "rochford.localhost": "Prevent Lead or Safeguarding Officer",
        "londoncouncils.localhost": "ACT Early Support Line",
    }
    for host, contact in expected.items():
        site = Site.objects.get(hostname=host)
        pages = ReferralChecklistPage.objects.live().descendant_of(site.root_page)
        assert pages.count() == 1, host
        response = client.get("/worried-about-someone/before-you-call/", HTTP_HOST=host)
        assert response.status_code == 200, host
        soup = soup_of(response)
        top = [text_of(h) for h in soup.select("main [data-checklist-contacts] h3")]
        assert top == ["Emergency services: 999", contact], host
        assert STATEMENT in text_of(soup.main), host
        assert soup.main.find("form") is None and not soup.main.select("[name]"), host
        assert len(soup.select("main input[type=checkbox]")) >= 12, host
        report = soup.select_one("main fieldset a[href='https://www.gov.uk/report-terrorism']")
        assert report is not None, host
        concern = soup_of(client.get("/worried-about-someone/", HTTP_HOST=host))
        assert concern.select_one("main a[href$='/before-you-call/']") is not None, host
    # Loading again adds nothing.
    count = Page.objects.count()
    call_command("load_seed_content")
    assert Page.objects.count() == count


def list_block(values):
    """A ListBlock's form data: a count, then each item with its order and no id yet."""
    data = {"count": len(values)}
    for i, value in enumerate(values):
        data[str(i)] = {"value": value, "deleted": "", "order": str(i), "id": ""}
    return data


def test_an_officer_builds_a_checklist_in_the_admin(admin_client, client, checklist):
    concern = checklist["concern"]
    checklist["page"].delete()
    form = nested_form_data(
        {
            "title": "Before you ring us",
            "slug": "before-you-ring",
            "summary": "What we will ask.",
            "intro": rich_text("<p>Take your time.</p>"),
            "contacts": streamfield([("contact", checklist["team"].pk)]),
            "sections": streamfield(
                [
                    (
                        "section",
                        {
                            "heading": "About the person",
                            "guidance": rich_text(""),
                            "contacts": list_block([checklist["online"].pk]),
                            "items": list_block(
                                [
                                    {"text": "Their name", "hint": "", "notes_box": "on"},
                                    {"text": "Their school", "hint": "If they study"},
                                ]
                            ),
                        },
                    )
                ]
            ),
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/add/contacts/referralchecklistpage/{concern.pk}/"
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ReferralChecklistPage.objects.get(slug="before-you-ring")
    assert page.live

    soup = soup_of(client.get(page.url))
    assert [text_of(h) for h in soup.select("main fieldset legend h2")] == ["About the person"]
    assert len(soup.select("main textarea")) == 1  # the second item asked for no notes box
    assert "Testshire Prevent team" in text_of(soup.select_one("[data-checklist-contacts]"))
    assert soup.select_one("main fieldset a[href='https://www.gov.uk/report-terrorism']")


def test_a_checklist_needs_at_least_one_item_in_each_section(admin_client, checklist):
    checklist["page"].delete()
    form = nested_form_data(
        {
            "title": "Before you call",
            "slug": "before-you-call",
            "summary": "What we will ask.",
            "intro": rich_text(""),
            "contacts": streamfield([]),
            "sections": streamfield(
                [
                    (
                        "section",
                        {
                            "heading": "Empty",
                            "guidance": rich_text(""),
                            "contacts": list_block([]),
                            "items": list_block([]),
                        },
                    )
                ]
            ),
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/add/contacts/referralchecklistpage/{checklist['concern'].pk}/"
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "The minimum number of items is 1" in response.content.decode()
    assert not ReferralChecklistPage.objects.exists()
