"""Links that go nowhere ("#", "http://", "javascript:", no address) are refused on save with
a message that says what to do, in link blocks and in rich text, in the page editor."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import ContestPage, InformationPage
from tests import factories
from tests.html import soup_of, text_of

HOW_TO_FIX = "Enter the full address, such as https://www.gov.uk/prevent, or remove the link."


def add_information_page(client, parent, body):
    url = reverse("wagtailadmin_pages:add", args=["pages", "informationpage", parent.pk])
    return client.post(
        url,
        nested_form_data(
            {
                "title": "What extremism is",
                "slug": "what-extremism-is",
                "summary": "The forms extremism takes.",
                "body": streamfield(body),
            }
        ),
    )


def link_list(url, text="Read the guidance"):
    link = {"page": "", "external_url": url, "link_text": text, "source": ""}
    return (
        "link_list",
        {"heading": "", "links": {"count": 1, "0": {"value": link, "deleted": "", "order": 0}}},
    )


def errors_on(response):
    return text_of(soup_of(response).select_one("main"))


def block_errors(response):
    """The messages the editor shows against blocks: the admin hands them to its scripts."""
    messages = []

    def collect(error):
        messages.extend(error.get("messages", []))
        for child in (error.get("blockErrors") or {}).values():
            if isinstance(child, dict):
                collect(child)
            elif isinstance(child, list):  # a list block's errors, by item
                for item in child:
                    if item:
                        collect(item)

    for element in soup_of(response).select("[data-w-block-arguments-value]"):
        error = json.loads(element["data-w-block-arguments-value"])[1]
        if error:
            collect(error)
    return messages


@pytest.mark.parametrize(
    ("href", "problem"),
    [
        ("#", "The link “Read more” goes to “#”, which is a placeholder, not an address."),
        ("http://", "The link “Read more” goes to “http://”, which has no website name."),
        ("javascript:void(0)", "The link “Read more” has no address."),
        ("", "The link “Read more” has no address."),
    ],
)
def test_a_placeholder_link_in_rich_text_is_refused(admin_client, home_page, href, problem):
    body = [("paragraph", rich_text(f'<p>Guidance. <a href="{href}">Read more</a></p>'))]

    response = add_information_page(admin_client, home_page, body)

    assert response.status_code == 200
    assert "The page could not be created due to validation errors" in errors_on(response)
    assert block_errors(response) == [f"In “Text”: {problem} {HOW_TO_FIX}"]
    assert not InformationPage.objects.exists()


def test_a_real_link_in_rich_text_is_saved(admin_client, home_page):
    body = [("paragraph", rich_text('<p><a href="https://www.gov.uk/prevent">Prevent</a></p>'))]

    response = add_information_page(admin_client, home_page, body)

    assert response.status_code == 302
    source = InformationPage.objects.get().body[0].value.source
    assert '<a href="https://www.gov.uk/prevent">Prevent</a>' in source


def test_a_placeholder_in_a_link_block_is_refused_at_the_link(admin_client, home_page):
    response = add_information_page(
        admin_client,
        home_page,
        [("paragraph", rich_text("<p>Guidance.</p>")), link_list("#")],
    )

    assert response.status_code == 200
    # Shown beside the address field of that link in the editor.
    assert block_errors(response) == [
        f"A link goes to “#”, which is a placeholder, not an address. {HOW_TO_FIX}"
    ]
    assert not InformationPage.objects.exists()


def test_a_real_address_in_a_link_block_is_saved(admin_client, home_page):
    response = add_information_page(
        admin_client, home_page, [link_list("https://www.gov.uk/prevent")]
    )
    assert response.status_code == 302
    assert InformationPage.objects.get().body[0].value["links"][0]["external_url"] == (
        "https://www.gov.uk/prevent"
    )


def test_a_placeholder_in_a_rich_text_field_is_refused(admin_client, home_page):
    contest = factories.ContestPageFactory(parent=home_page)
    url = reverse("wagtailadmin_pages:edit", args=[contest.pk])

    response = admin_client.post(
        url,
        nested_form_data(
            {
                "title": "CONTEST",
                "slug": "contest",
                "summary": "The UK's counter-terrorism strategy.",
                "intro": rich_text('<p>CONTEST has <a href="#">four strands</a>.</p>'),
                "body": streamfield([]),
            }
        ),
    )

    assert response.status_code == 200
    assert "The link “four strands” goes to “#”" in errors_on(response)
    assert ContestPage.objects.get().intro == contest.intro
    assert not ContestPage.objects.get().has_unpublished_changes


def test_links_to_pages_documents_and_email_are_not_placeholders(admin_client, home_page):
    body = [
        (
            "paragraph",
            rich_text(
                f'<p><a linktype="page" id="{home_page.pk}">Home</a> '
                '<a href="mailto:prevent@example.gov.uk">Email</a> '
                '<a href="#what-happens">What happens next</a></p>'
            ),
        )
    ]
    response = add_information_page(admin_client, home_page, body)
    assert response.status_code == 302
