"""Officers choose only their own council's items, and saving another council's is refused.

Two councils, Westminster and Rochford, each with contacts, team members, pages, images and
documents, plus national contacts. The choosers are fetched through the admin's own chooser
addresses; the saves are the admin's own form posts, as a forged request would send them.
"""

import html
import io
import json
import uuid
from types import SimpleNamespace

import pytest
import wagtail_factories
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Collection, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsletters.models import NewsletterIssuePage, TeamMember
from pages.collections import site_collection
from pages.models import SiteBranding, SiteNavigation
from tests import factories
from tests.html import soup_of

WESTMINSTER = "Westminster City Council Prevent"
ROCHFORD = "Rochford District Council Prevent"


def council_items(site, home, prefix):
    """One of everything a council owns, named after the council."""
    training = factories.TrainingIndexPageFactory(parent=home)
    projects = factories.CommunityProjectIndexPageFactory(parent=home)
    collection = site_collection(site)
    return SimpleNamespace(
        site=site,
        home=home,
        contact=factories.ContactPointFactory(site=site, name=f"{prefix} Prevent team"),
        member=TeamMember.objects.create(
            site=site, key="lead", name=f"{prefix} Lead", role="Prevent Coordinator"
        ),
        newsletter=factories.NewsletterIndexPageFactory(parent=home),
        course=factories.TrainingCoursePageFactory(parent=training, title=f"{prefix} WRAP"),
        project=factories.CommunityProjectPageFactory(parent=projects, title=f"{prefix} Project"),
        page=factories.InformationPageFactory(parent=home, title=f"{prefix} Channel page"),
        image=wagtail_factories.ImageFactory(collection=collection, title=f"{prefix} photo"),
        document=wagtail_factories.DocumentFactory(
            collection=collection, title=f"{prefix} leaflet"
        ),
    )


@pytest.fixture
def councils(home_page, site, second_site):
    site.site_name = WESTMINSTER
    site.save()
    rochford, rochford_home = second_site, second_site.root_page
    rochford.site_name = ROCHFORD
    rochford.save()
    call_command("create_site_groups", stdout=io.StringIO())
    return SimpleNamespace(
        westminster=council_items(site, home_page, "Westminster"),
        # The apostrophe is real: names are shown as written.
        rochford=council_items(rochford, rochford_home, "Rochford's"),
        national=factories.ContactPointFactory(site=None, name="Anti-Terrorism Hotline"),
        shared_image=wagtail_factories.ImageFactory(
            collection=Collection.get_first_root_node(), title="Shared crest"
        ),
    )


@pytest.fixture
def westminster_editor(councils, officer):
    return officer(f"{WESTMINSTER} editors")


def chooser_text(response):
    """The visible text of a chooser's modal (JSON with its HTML) or results fragment."""
    assert response.status_code == 200
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        body = json.loads(body).get("html") or ""
    return html.unescape(body)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[*model.split("."), parent.pk])


# Choosers ------------------------------------------------------------------------------------


SNIPPET_CHOOSERS = {
    "contact": "wagtailsnippetchoosers_contacts_contactpoint",
    "member": "wagtailsnippetchoosers_newsletters_teammember",
}


@pytest.mark.parametrize("kind", ["contact", "member"])
def test_snippet_choosers_list_only_the_officers_council_and_national(
    councils, westminster_editor, kind
):
    namespace = SNIPPET_CHOOSERS[kind]
    for view in ("choose", "choose_results"):
        text = chooser_text(westminster_editor.get(reverse(f"{namespace}:{view}")))
        assert getattr(councils.westminster, kind).name in text
        assert getattr(councils.rochford, kind).name not in text
        if kind == "contact":
            assert "Anti-Terrorism Hotline" in text
    searched = chooser_text(
        westminster_editor.get(reverse(f"{namespace}:choose_results"), {"q": "Rochford"})
    )
    assert getattr(councils.rochford, kind).name not in searched
    # Choosing another council's item by its address is not possible either.
    other = getattr(councils.rochford, kind)
    chosen = westminster_editor.get(reverse(f"{namespace}:chosen", args=[other.pk]))
    assert chosen.status_code == 404


def test_a_superuser_sees_every_councils_contacts_outside_an_editor(councils, admin_client):
    text = chooser_text(admin_client.get(reverse(f"{SNIPPET_CHOOSERS['contact']}:choose")))
    for name in ("Westminster Prevent team", "Rochford's Prevent team", "Anti-Terrorism Hotline"):
        assert name in text


def test_opened_from_a_pages_editor_the_chooser_lists_that_councils_items(
    councils, admin_client, officer
):
    """An officer of two councils (or a superuser) editing a Rochford page sees Rochford's."""
    both = officer(f"{WESTMINSTER} editors", f"{ROCHFORD} editors")
    issue_editor = add_url("newsletters.newsletterissuepage", councils.rochford.newsletter)
    for client in (both, admin_client):
        text = chooser_text(
            client.get(
                reverse(f"{SNIPPET_CHOOSERS['contact']}:choose"),
                HTTP_REFERER=f"http://testserver{issue_editor}",
            )
        )
        assert "Rochford's Prevent team" in text
        assert "Anti-Terrorism Hotline" in text
        assert "Westminster Prevent team" not in text
    # Without that context, an officer of both councils sees both.
    text = chooser_text(both.get(reverse(f"{SNIPPET_CHOOSERS['contact']}:choose")))
    assert "Rochford's Prevent team" in text and "Westminster Prevent team" in text


def test_a_referrer_from_another_council_never_widens_the_choice(councils, westminster_editor):
    rochford_editor = edit_url(councils.rochford.page)
    text = chooser_text(
        westminster_editor.get(
            reverse(f"{SNIPPET_CHOOSERS['contact']}:choose"),
            HTTP_REFERER=f"http://testserver{rochford_editor}",
        )
    )
    assert "Rochford's Prevent team" not in text
    assert "Westminster Prevent team" not in text


def test_the_page_chooser_browses_and_searches_the_officers_council_only(
    councils, westminster_editor
):
    root = chooser_text(westminster_editor.get(reverse("wagtailadmin_choose_page")))
    assert "Prevent in Testshire" in root
    assert "Prevent in Rochford" not in root
    rochford_home = chooser_text(
        westminster_editor.get(
            reverse("wagtailadmin_choose_page_child", args=[councils.rochford.home.pk])
        )
    )
    assert "Rochford's Channel page" not in rochford_home
    search = reverse("wagtailadmin_choose_page_search")
    found = chooser_text(westminster_editor.get(search, {"q": "Channel page"}))
    assert "Westminster Channel page" in found
    assert "Rochford's Channel page" not in found
    # The newsletter's training section chooses training courses the same way.
    courses = chooser_text(
        westminster_editor.get(search, {"q": "WRAP", "page_type": "pages.trainingcoursepage"})
    )
    assert "Westminster WRAP" in courses
    assert "Rochford's WRAP" not in courses


@pytest.mark.parametrize(
    ("namespace", "kind"), [("wagtailimages_chooser", "image"), ("wagtaildocs_chooser", "document")]
)
def test_image_and_document_choosers_list_the_councils_collection(
    councils, admin_client, westminster_editor, namespace, kind
):
    text = chooser_text(westminster_editor.get(reverse(f"{namespace}:choose")))
    assert getattr(councils.westminster, kind).title in text
    assert getattr(councils.rochford, kind).title not in text
    # A superuser editing a Westminster page is offered Westminster's, not Rochford's.
    text = chooser_text(
        admin_client.get(
            reverse(f"{namespace}:choose"),
            HTTP_REFERER=f"http://testserver{edit_url(councils.westminster.page)}",
        )
    )
    assert getattr(councils.westminster, kind).title in text
    assert getattr(councils.rochford, kind).title not in text


# Saving ----------------------------------------------------------------------------------------


def items(*values):
    """ListBlock form data."""
    return {
        "count": len(values),
        **{
            str(index): {"value": value, "deleted": "", "order": index, "id": str(uuid.uuid4())}
            for index, value in enumerate(values)
        },
    }


def section(heading, **children):
    return {"heading": heading, "intro": rich_text(""), **children}


def issue_form(title, sections):
    return nested_form_data(
        {
            "title": title,
            "slug": "issue",
            "summary": "What the team did this month.",
            "volume": "3",
            "issue_date": "2026-11-01",
            "sections": streamfield(sections),
            "printed_edition": "",
        }
    )


def refusals(response):
    """The page was not saved, and the text of the editor it came back with."""
    assert response.status_code == 200, response.get("Location")
    return html.unescape(response.content.decode())


def westminster_issue_sections(council):
    return [
        ("team", section("Our team", members=items(council.member.pk))),
        ("training", section("Training", courses=items(council.course.pk))),
        ("projects", section("Projects", projects=items(council.project.pk))),
        ("contacts", section("Useful contacts", contacts=items(council.contact.pk))),
    ]


def test_a_newsletter_issue_holding_another_councils_items_is_refused(councils, westminster_editor):
    url = add_url("newsletters.newsletterissuepage", councils.westminster.newsletter)
    data = issue_form("Forged issue", westminster_issue_sections(councils.rochford))
    text = refusals(westminster_editor.post(url, data))
    assert (
        "Rochford's Prevent team belongs to Rochford District Council Prevent: choose a contact "
        "of this council or a national one." in text
    )
    assert (
        "Rochford's Lead belongs to Rochford District Council Prevent: choose a team member "
        "of this council." in text
    )
    assert "Rochford's WRAP belongs to Rochford District Council Prevent" in text
    assert "Rochford's Project belongs to Rochford District Council Prevent" in text
    assert not NewsletterIssuePage.objects.filter(title="Forged issue").exists()


def stream_errors(response, field):
    """The errors the admin's StreamField widget shows, block by block."""
    widget = soup_of(response).find(id=field)
    _value, errors = json.loads(widget["data-w-block-arguments-value"])
    return errors


def test_the_refusal_is_shown_on_the_chooser_that_chose_the_item(councils, westminster_editor):
    url = add_url("newsletters.newsletterissuepage", councils.westminster.newsletter)
    sections = [
        ("contacts", section("Ours", contacts=items(councils.westminster.contact.pk))),
        (
            "contacts",
            section(
                "Mixed",
                contacts=items(councils.national.pk, councils.rochford.contact.pk),
            ),
        ),
    ]
    errors = stream_errors(westminster_editor.post(url, issue_form("Mixed", sections)), "sections")
    # Only the second section's second contact is refused.
    assert list(errors["blockErrors"]) == ["1"]
    contact_errors = errors["blockErrors"]["1"]["blockErrors"]["contacts"]["blockErrors"]
    assert list(contact_errors) == ["1"]
    assert contact_errors["1"]["messages"] == [
        "Rochford's Prevent team belongs to Rochford District Council Prevent: choose a contact "
        "of this council or a national one."
    ]


def test_a_newsletter_issue_of_own_and_national_items_saves(councils, westminster_editor):
    url = add_url("newsletters.newsletterissuepage", councils.westminster.newsletter)
    sections = westminster_issue_sections(councils.westminster)
    sections.append(("contacts", section("National", contacts=items(councils.national.pk))))
    response = westminster_editor.post(url, issue_form("Our issue", sections))
    assert response.status_code == 302
    issue = NewsletterIssuePage.objects.get(title="Our issue")
    assert issue.get_site() == councils.westminster.site


def test_editing_an_existing_issue_to_hold_another_councils_contact_is_refused(
    councils, westminster_editor
):
    issue = factories.NewsletterIssuePageFactory(
        parent=councils.westminster.newsletter, title="November issue", slug="issue"
    )
    data = issue_form(
        "November issue",
        [("contacts", section("Useful contacts", contacts=items(councils.rochford.contact.pk)))],
    )
    text = refusals(westminster_editor.post(edit_url(issue), data))
    assert "Rochford's Prevent team belongs to Rochford District Council Prevent" in text
    issue.refresh_from_db()
    assert issue.latest_revision is None  # nothing was saved, not even a draft


def information_page_form(page, body):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield(body),
        }
    )


def test_related_pages_links_images_and_documents_of_another_council_are_refused(
    councils, westminster_editor
):
    own, other = councils.westminster, councils.rochford
    body = [
        ("related_pages", {"heading": "Related", "pages": items(other.page.pk)}),
        (
            "link_list",
            {
                "heading": "Links",
                "links": items(
                    {"page": other.course.pk, "external_url": "", "link_text": "", "source": ""}
                ),
            },
        ),
        (
            "image",
            {
                "image": {"image": other.image.pk, "decorative": "", "alt_text": "A photo"},
                "caption": "",
            },
        ),
        ("document", {"document": other.document.pk, "title": ""}),
        ("paragraph", rich_text(f'<p><a linktype="page" id="{other.project.pk}">See</a></p>')),
    ]
    text = refusals(
        westminster_editor.post(edit_url(own.page), information_page_form(own.page, body))
    )
    assert (
        "Rochford's Channel page belongs to Rochford District Council Prevent: choose a page of "
        "this council's site." in text
    )
    assert "Rochford's WRAP belongs to Rochford District Council Prevent" in text
    assert (
        "Rochford's photo belongs to Rochford District Council Prevent: choose an image from "
        "this council's collection." in text
    )
    assert "Rochford's leaflet belongs to Rochford District Council Prevent" in text
    assert "Rochford's Project belongs to Rochford District Council Prevent" in text
    own.page.refresh_from_db()
    assert own.page.latest_revision is None  # nothing was saved, not even a draft


def test_own_pages_images_and_shared_images_save(councils, westminster_editor):
    own = councils.westminster
    body = [
        ("related_pages", {"heading": "Related", "pages": items(own.course.pk)}),
        (
            "image",
            {
                "image": {"image": councils.shared_image.pk, "decorative": "1", "alt_text": ""},
                "caption": "",
            },
        ),
        ("document", {"document": own.document.pk, "title": ""}),
    ]
    response = westminster_editor.post(edit_url(own.page), information_page_form(own.page, body))
    assert response.status_code == 302


def test_a_concern_page_with_another_councils_contact_is_refused(councils, westminster_editor):
    url = add_url("contacts.concernreportingpage", councils.westminster.home)
    data = nested_form_data(
        {
            "title": "Worried about someone?",
            "slug": "worried",
            "summary": "Who to contact.",
            "intro": rich_text(""),
            "local_contacts": streamfield([("contact", councils.rochford.contact.pk)]),
            "what_happens": rich_text(""),
            "after_referral": rich_text("<p>It is not a criminal record.</p>"),
            "next_steps": streamfield([]),
            "finder_routes": streamfield([]),
        }
    )
    text = refusals(westminster_editor.post(url, data))
    assert "Rochford's Prevent team belongs to Rochford District Council Prevent" in text
    assert not Page.objects.filter(slug="worried").exists()


def test_the_model_refuses_another_councils_item_whatever_saves_it(councils):
    page = factories.InformationPageFactory.build(
        title="Saved in code",
        body=[
            {
                "type": "related_pages",
                "value": {"heading": "See", "pages": [councils.rochford.page.pk]},
            }
        ],
    )
    with pytest.raises(Exception, match="Rochford's Channel page belongs to"):
        councils.westminster.home.add_child(instance=page)


def test_navigation_to_another_councils_page_is_refused(councils, officer):
    publisher = officer(f"{WESTMINSTER} publishers")
    url = reverse(
        "wagtailsettings:edit", args=["pages", "sitenavigation", councils.westminster.site.pk]
    )
    link = {"page": councils.rochford.page.pk, "external_url": "", "link_text": "", "source": ""}
    data = nested_form_data(
        {"main_links": streamfield([("link", link)]), "footer_links": streamfield([])}
    )
    text = refusals(publisher.post(url, data))
    assert "Rochford's Channel page belongs to Rochford District Council Prevent" in text
    assert not SiteNavigation.for_site(councils.westminster.site).main_links


def test_a_logo_from_another_councils_collection_is_refused(councils, officer):
    publisher = officer(f"{WESTMINSTER} publishers")
    url = reverse(
        "wagtailsettings:edit", args=["pages", "sitebranding", councils.westminster.site.pk]
    )
    data = {"council_name": "Westminster City Council", "service_name": "Prevent"}
    data["brand_colour"] = "#0b0c0c"
    text = refusals(publisher.post(url, {**data, "logo": councils.rochford.image.pk}))
    assert (
        "Rochford's photo belongs to Rochford District Council Prevent: choose an image from "
        "this council's collection." in text
    )
    assert SiteBranding.for_site(councils.westminster.site).logo is None

    response = publisher.post(url, {**data, "logo": councils.westminster.image.pk})
    assert response.status_code == 302
    assert SiteBranding.for_site(councils.westminster.site).logo == councils.westminster.image
