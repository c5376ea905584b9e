"""The step-by-step block: GOV.UK's step-by-step pattern as an ordered list of headed steps."""

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import StructBlockValidationError

from pages.blocks import StepByStepBlock
from tests import factories
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def steps_value(channel_page=None):
    return {
        "heading": "What happens after you contact the Prevent team",
        "steps": [
            {
                "heading": "You get in touch",
                "text": "You tell us what worries you.\n\nYou do not need proof.",
                "links": [],
            },
            {
                "heading": "The Channel panel and consent",
                "text": "The person must agree before they get support.",
                "links": [
                    {"page": channel_page.pk if channel_page else None, "external_url": ""},
                    {
                        "external_url": "https://www.gov.uk/guidance/channel",
                        "link_text": "Channel duty guidance (2023)",
                        "source": "GOV.UK",
                    },
                ],
            },
            {"heading": "Review", "text": "The panel checks again after 12 months.", "links": []},
        ],
    }


def render(value):
    block = StepByStepBlock()
    return BeautifulSoup(block.render(block.to_python(value)), "html.parser")


def test_steps_are_an_ordered_list_of_headed_steps_under_one_heading(home_page):
    channel = factories.InformationPageFactory(parent=home_page, slug="channel", title="Channel")
    soup = render(steps_value(channel))

    section = soup.select_one("section.app-step-by-step")
    heading = section.find("h2")
    assert text_of(heading) == "What happens after you contact the Prevent team"
    assert (
        section["aria-labelledby"]
        == heading["id"]
        == "what-happens-after-you-contact-the-prevent-team"
    )

    steps = section.select("ol.app-step-by-step__steps > li")
    assert [text_of(step.find("h3")) for step in steps] == [
        "Step 1: You get in touch",
        "Step 2: The Channel panel and consent",
        "Step 3: Review",
    ]
    # A blank line in the text starts a new paragraph.
    assert [text_of(p) for p in steps[0].select("p.govuk-body")] == [
        "You tell us what worries you.",
        "You do not need proof.",
    ]
    # Links only where the step has some: to a page here, and to another website with its source.
    assert steps[0].select("a") == []
    links = steps[1].select("ul.govuk-list a.govuk-link")
    assert [(text_of(a), a["href"]) for a in links] == [
        ("Channel", "/channel/"),
        ("Channel duty guidance (2023)", "https://www.gov.uk/guidance/channel"),
    ]
    assert "(GOV.UK)" in text_of(steps[1])


def test_the_step_numbers_are_read_as_words_but_shown_as_circles():
    soup = render(steps_value())
    number = soup.select_one(".app-step-by-step__number")
    hidden = [text_of(span) for span in number.select(".govuk-visually-hidden")]
    assert hidden == ["Step", ":"]
    assert text_of(number) == "Step 1:"


def test_a_step_needs_a_heading_and_text_and_there_are_at_least_two():
    block = StepByStepBlock()
    value = steps_value()
    value["steps"] = [{"heading": "", "text": "", "links": []}]
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert "steps" in str(error.value.as_json_data())


def test_the_concern_page_shows_its_steps_after_what_happens_after_a_referral(client, home_page):
    concern = factories.ConcernReportingPageFactory(
        parent=home_page, next_steps=[{"type": "step_by_step", "value": steps_value()}]
    )
    soup = soup_of(client.get(concern.url))
    headings = [text_of(h) for h in soup.main.select("h2")]
    after = headings.index("What happens after a referral")
    assert headings[after + 1] == "What happens after you contact the Prevent team"
    assert len(soup.main.select("ol.app-step-by-step__steps > li")) == 3


def test_on_an_information_page_the_steps_are_in_its_contents_list(client, home_page):
    channel = factories.InformationPageFactory(
        parent=home_page,
        slug="channel",
        body=[
            factories.heading("How Channel works"),
            {"type": "step_by_step", "value": steps_value()},
            factories.heading("Taking part is voluntary"),
        ],
    )
    soup = soup_of(client.get(channel.url))
    contents = {text_of(a): a["href"] for a in soup.select(".app-contents a")}
    assert contents["What happens after you contact the Prevent team"] == (
        "#what-happens-after-you-contact-the-prevent-team"
    )
    assert soup.select_one("#what-happens-after-you-contact-the-prevent-team").name == "h2"
