"""Heading anchors and contents lists (pages/contents.py): every heading on a page gets an id
of its own, and the contents list links to exactly those ids."""

import pytest
from bs4 import BeautifulSoup

from newsletters.blocks import NewsletterSectionsBlock
from pages.blocks import ContentStreamBlock, HeadingBlock, StepByStepBlock
from pages.contents import blocks_with_anchors, contents_items, table_of_contents
from tests import factories
from tests.html import soup_of, text_of


def body(*children):
    return ContentStreamBlock().to_python(list(children))


def step_by_step(heading):
    step = {"heading": "A step", "text": "What happens.", "links": []}
    return {"type": "step_by_step", "value": {"heading": heading, "steps": [step, step]}}


def anchors(items):
    return [(item.text, item.anchor) for item in items]


def test_each_heading_gets_the_slug_of_its_text():
    stream = body(factories.heading("Who to contact"), factories.heading("What Prevent is"))
    assert anchors(table_of_contents(stream)) == [
        ("Who to contact", "who-to-contact"),
        ("What Prevent is", "what-prevent-is"),
    ]


def test_a_repeated_heading_gets_a_distinct_id():
    stream = body(
        factories.heading("Who to contact"),
        factories.paragraph("<p>In the day.</p>"),
        factories.heading("Who to contact"),
        factories.heading("Who to contact"),
    )
    assert anchors(table_of_contents(stream)) == [
        ("Who to contact", "who-to-contact"),
        ("Who to contact", "who-to-contact-2"),
        ("Who to contact", "who-to-contact-3"),
    ]


def test_a_numbered_id_already_taken_by_another_heading_is_not_reused():
    stream = body(
        factories.heading("Support"), factories.heading("Support 2"), factories.heading("Support")
    )
    assert [item.anchor for item in table_of_contents(stream)] == [
        "support",
        "support-2",
        "support-3",
    ]


def test_subheadings_get_unique_ids_but_stay_out_of_the_contents():
    stream = body(
        factories.heading("Training"),
        factories.heading("Training", level="h3"),
        factories.heading("Next steps"),
    )
    assert anchors(contents_items(stream)) == [
        ("Training", "training"),
        ("Training", "training-2"),
        ("Next steps", "next-steps"),
    ]
    assert anchors(table_of_contents(stream)) == [
        ("Training", "training"),
        ("Next steps", "next-steps"),
    ]


def test_a_step_by_step_heading_is_listed_and_shares_the_ids_with_headings():
    stream = body(factories.heading("What happens next"), step_by_step("What happens next"))
    assert anchors(table_of_contents(stream)) == [
        ("What happens next", "what-happens-next"),
        ("What happens next", "what-happens-next-2"),
    ]


def test_a_heading_with_no_letters_or_digits_still_gets_an_id():
    stream = body(factories.heading("?!"), factories.heading("…"))
    assert [item.anchor for item in table_of_contents(stream)] == ["section", "section-2"]


def test_blocks_without_a_heading_get_no_anchor():
    stream = body(
        factories.paragraph("<p>Intro.</p>"),
        factories.heading("Help"),
        factories.heading("Help"),
    )
    pairs = [(child.block_type, anchor) for child, anchor in blocks_with_anchors(stream)]
    assert pairs == [("paragraph", ""), ("heading", "help"), ("heading", "help-2")]


def test_newsletter_sections_are_all_listed_with_unique_ids():
    sections = NewsletterSectionsBlock().to_python(
        [
            factories.text_section("Working with communities"),
            factories.text_section("Working with communities"),
        ]
    )
    assert anchors(contents_items(sections)) == [
        ("Working with communities", "working-with-communities"),
        ("Working with communities", "working-with-communities-2"),
    ]


def test_a_heading_rendered_on_its_own_makes_its_own_id():
    """As in the admin's block preview, outside any page."""
    html = HeadingBlock().render(HeadingBlock().to_python({"text": "Who to contact"}))
    assert BeautifulSoup(html, "html.parser").h2["id"] == "who-to-contact"
    block = StepByStepBlock()
    value = block.to_python(step_by_step("What happens next")["value"])
    assert BeautifulSoup(block.render(value), "html.parser").h2["id"] == "what-happens-next"


@pytest.mark.django_db
def test_a_page_with_repeated_headings_has_unique_ids_and_its_contents_reach_them(
    client, home_page
):
    page = factories.InformationPageFactory(
        parent=home_page,
        body=[
            factories.heading("Who to contact"),
            factories.paragraph("<p>During office hours.</p>"),
            factories.heading("Out of hours"),
            factories.heading("Who to contact", level="h3"),
            factories.heading("Who to contact"),
            step_by_step("Out of hours"),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    soup = soup_of(response)
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids))
    contents = [(text_of(a), a["href"]) for a in soup.select(".app-contents a")]
    assert contents == [
        ("Who to contact", "#who-to-contact"),
        ("Out of hours", "#out-of-hours"),
        ("Who to contact", "#who-to-contact-3"),
        ("Out of hours", "#out-of-hours-2"),
    ]
    # Each link reaches a level-2 heading with its own text, in the order of the list.
    targets = [soup.select_one(href) for _, href in contents]
    assert [(target.name, text_of(target)) for target in targets] == [
        ("h2", "Who to contact"),
        ("h2", "Out of hours"),
        ("h2", "Who to contact"),
        ("h2", "Out of hours"),
    ]
    assert soup.select_one("#who-to-contact-2").name == "h3"
    # The step-by-step section is labelled by its own heading, not the earlier one.
    assert soup.select_one("section.app-step-by-step")["aria-labelledby"] == "out-of-hours-2"
