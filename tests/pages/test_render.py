"""Every page type renders with the facts a reader needs, parsed from the HTML."""

import datetime

import pytest

from tests import factories
from tests.html import soup_of, summary_list, text_of

pytestmark = pytest.mark.django_db


def get_page(client, page, **extra):
    response = client.get(page.url, **extra)
    assert response.status_code == 200
    return response


def test_home_page_lists_sections_and_latest(client, home_page):
    contest = factories.ContestPageFactory(parent=home_page, show_in_menus=True)
    response = get_page(client, home_page)
    assert "pages/home_page.html" in [t.name for t in response.templates]
    soup = soup_of(response)
    assert text_of(soup.h1) == home_page.title
    assert "at risk of being drawn into terrorism" in text_of(soup.main)
    section_links = [a["href"] for a in soup.select("main .app-card a")]
    assert contest.url in section_links
    # The description search engines show is the summary.
    assert soup.find("meta", attrs={"name": "description"})["content"] == home_page.summary
    assert "Testshire Council" in text_of(soup.title)


def test_contest_page_lists_strands_with_aims(client, home_page):
    contest = factories.ContestPageFactory(parent=home_page)
    factories.ContestStrandPageFactory(parent=contest, title="Pursue", strand="pursue")
    factories.ContestStrandPageFactory(
        parent=contest, title="Prevent", strand="prevent", aim="stop people becoming terrorists"
    )
    soup = soup_of(get_page(client, contest))
    cards = [text_of(card) for card in soup.select("main .app-card")]
    assert len(cards) == 2
    assert "Pursue" in cards[0] and "Aim: Stop terrorist attacks." in cards[0]
    assert "Aim: Stop people becoming terrorists." in cards[1]


def test_strand_page_shows_aim_and_breadcrumbs(client, home_page):
    contest = factories.ContestPageFactory(parent=home_page)
    strand = factories.ContestStrandPageFactory(parent=contest)
    soup = soup_of(get_page(client, strand))
    assert "Aim of Pursue: Stop terrorist attacks." in text_of(soup.select_one(".app-callout"))
    crumbs = [text_of(a) for a in soup.select(".govuk-breadcrumbs__link")]
    assert crumbs == ["Home", "CONTEST"]
    assert "We share information with police." in text_of(soup.main)


def test_prevent_duty_page_shows_the_law_as_data(client, home_page):
    duty = factories.PreventDutyPageFactory(parent=home_page)
    soup = soup_of(get_page(client, duty))
    facts = summary_list(soup)
    assert facts["Act"] == "Counter-Terrorism and Security Act 2015, Section 26"
    assert facts["Duty in force since"] == "1 July 2015"
    assert facts["Became law"] == "12 February 2015"
    assert soup.select_one("time[datetime='2015-07-01']") is not None
    bodies = [text_of(li) for li in soup.select("main ul.govuk-list--bullet li")]
    assert "Schools: including nurseries" in bodies
    assert "353 principal local authorities" in text_of(soup.select_one(".app-figure-list"))
    guidance = soup.find("a", string="Prevent duty guidance")
    assert guidance["href"].startswith("https://www.gov.uk/")


def test_information_page_has_contents_from_headings(client, home_page):
    page = factories.InformationPageFactory(
        parent=home_page,
        body=[
            factories.heading("First"),
            factories.paragraph("<p>One.</p>"),
            factories.heading("Second"),
            factories.heading("Third"),
        ],
    )
    soup = soup_of(get_page(client, page))
    contents = [(text_of(a), a["href"]) for a in soup.select(".app-contents a")]
    assert contents == [("First", "#first"), ("Second", "#second"), ("Third", "#third")]
    for _, anchor in contents:
        assert soup.select_one(anchor) is not None


def test_community_project_index_separates_current_and_past(client, home_page):
    index = factories.CommunityProjectIndexPageFactory(parent=home_page)
    factories.CommunityProjectPageFactory(parent=index, title="Parenting Programme")
    factories.CommunityProjectPageFactory(
        parent=index, title="Neurodiversity workshops", status="past", period="2022–23"
    )
    soup = soup_of(get_page(client, index))
    headings = soup.select("main h2")
    assert [text_of(h) for h in headings] == ["Current projects", "Past projects"]
    current = headings[0].find_next("ul")
    past = headings[1].find_next("ul")
    assert "Parenting Programme" in text_of(current)
    assert "Neurodiversity workshops" not in text_of(current)
    assert "Neurodiversity workshops" in text_of(past) and "2022–23" in text_of(past)


def test_community_project_page_shows_audience_period_and_figures(client, home_page):
    index = factories.CommunityProjectIndexPageFactory(parent=home_page)
    project = factories.CommunityProjectPageFactory(
        parent=index,
        age_from=16,
        age_to=24,
        delivery_partners=[{"type": "named_partner", "value": "Local youth projects"}],
        contact_name="Jo Bloggs",
        contact_role="Project lead",
    )
    soup = soup_of(get_page(client, project))
    facts = summary_list(soup)
    assert facts["Who it is for"] == "Parents and carers, aged 16 to 24"
    assert facts["When"] == "Since May 2016"
    assert facts["Status"] == "Current"
    assert facts["Delivered with"] == "Local youth projects"
    figures = [text_of(f) for f in soup.select(".app-figure")]
    assert figures == ["4 series delivered", "57 parents reached"]
    assert "Jo Bloggs, Project lead" in text_of(soup.main)


def test_training_pages_show_course_facts_and_quotes(client, home_page):
    index = factories.TrainingIndexPageFactory(parent=home_page)
    course = factories.TrainingCoursePageFactory(parent=index)
    index_soup = soup_of(get_page(client, index))
    card = text_of(index_soup.select_one(".app-card"))
    assert "WRAP" in card and "45 minutes · Online or in person · Free" in card

    soup = soup_of(get_page(client, course))
    facts = summary_list(soup)
    assert facts == {
        "Who it is for": "Frontline staff",
        "Length": "45 minutes",
        "How it is delivered": "Online or in person",
        "Cost": "Free",
    }
    assert "WRAP stands for Workshop to Raise Awareness of Prevent." in text_of(soup.main)
    assert text_of(soup.select_one(".app-quote__cite")) == "WRAP participant"
    # With no text of its own, the course shows the training page's booking text.
    assert "Ask the Prevent team to arrange a session." in text_of(soup.main)


def test_only_an_abbreviation_stands_for_its_full_name(client, home_page):
    index = factories.TrainingIndexPageFactory(parent=home_page)
    in_words = factories.TrainingCoursePageFactory(
        parent=index,
        title="Incel ideology and extreme misogyny",
        full_name="Workshop to Raise Awareness of Incel Ideology and Extreme Misogyny",
    )
    main = text_of(soup_of(get_page(client, in_words)).main)
    assert "stands for" not in main
    assert (
        "Its full name is Workshop to Raise Awareness of Incel Ideology and Extreme Misogyny."
        in main
    )

    same = factories.TrainingCoursePageFactory(
        parent=index, title="Online safety", full_name="Online safety"
    )
    main = text_of(soup_of(get_page(client, same)).main)
    assert "stands for" not in main and "full name" not in main


def test_every_page_shows_last_updated(client, home_page):
    page = factories.InformationPageFactory(parent=home_page)
    page.save_revision().publish()
    page.refresh_from_db()
    soup = soup_of(get_page(client, page))
    stamp = soup.select_one(".app-last-updated time")
    expected = page.last_published_at.astimezone(datetime.UTC).date()
    assert abs((datetime.date.fromisoformat(stamp["datetime"]) - expected).days) <= 1
