"""Newsletter issues as web pages: contents, events, archive, feeds."""

import datetime

import pytest
from defusedxml import ElementTree
from django.utils import timezone

from tests import factories
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def test_contents_list_matches_the_sections(client, issue):
    soup = soup_of(client.get(issue.url))
    assert text_of(soup.select_one(".govuk-caption-l")) == "Volume 2, July 2023"
    contents = [(text_of(a), a["href"]) for a in soup.select(".app-contents a")]
    sections = [
        (text_of(section.h2), f"#{section['id']}")
        for section in soup.select("section.app-newsletter__section")
    ]
    assert contents == sections
    assert [c[0] for c in contents] == [
        "Working with communities",
        "Events",
        "Working with communities",
    ]
    assert len({href for _, href in contents}) == 3  # every link reaches its own section


def test_event_weekday_comes_from_the_date_and_past_events_are_marked(client, issue):
    soup = soup_of(client.get(issue.url))
    events = soup.select(".app-event")
    webinar, future = text_of(events[0]), text_of(events[1])
    # 18 October 2023 was a Wednesday, whatever the printed edition said.
    assert "Wednesday 18 October 2023, 10:30am to midday" in webinar
    assert "Past event" in webinar
    assert events[0].select_one("time")["datetime"] == "2023-10-18T10:30"
    assert "Past event" not in future and "In person at City Hall" in future
    assert events[1].select_one("a")["href"] == "https://example.org/book"


def test_printed_edition_is_shown_with_its_size(client, issue):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="July 2023 printed", file=ContentFile(b"%PDF-1.4 " + b"x" * 2048, name="july.pdf")
    )
    issue.printed_edition = document
    issue.save_revision().publish()
    link = soup_of(client.get(issue.url)).select_one(".app-document-link")
    assert "(PDF, 2.0 KB)" in text_of(link)


def test_archive_lists_newest_first_grouped_by_year_with_pagination(client, newsletter):
    for year, month in [(2022, 3), (2023, 1), (2023, 7), (2021, 11)]:
        factories.NewsletterIssuePageFactory(
            parent=newsletter,
            title=f"Issue {year}-{month}",
            issue_date=datetime.date(year, month, 1),
        )
    soup = soup_of(client.get(newsletter.url))
    years = [text_of(h) for h in soup.select("main h2.govuk-heading-l")]
    assert years == ["2023", "2022", "2021"]
    titles = [text_of(a) for a in soup.select("main .app-card a")]
    assert titles == ["Issue 2023-7", "Issue 2023-1", "Issue 2022-3", "Issue 2021-11"]

    for n in range(12):
        factories.NewsletterIssuePageFactory(
            parent=newsletter, title=f"Old {n}", issue_date=datetime.date(2019, 1, n + 1)
        )
    second = soup_of(client.get(newsletter.url, {"page": 2}))
    assert [text_of(a) for a in second.select("main .app-card a")] == [
        "Old 3",
        "Old 2",
        "Old 1",
        "Old 0",
    ]
    assert second.select_one(".govuk-pagination__item--current a")["aria-current"] == "page"
    assert client.get(newsletter.url, {"page": "nonsense"}).status_code == 200


def test_feeds_are_valid_and_list_the_issue(client, issue, newsletter):
    head = soup_of(client.get(issue.url)).head
    rss_link = head.select_one("link[type='application/rss+xml']")["href"]
    atom_link = head.select_one("link[type='application/atom+xml']")["href"]

    rss = client.get(rss_link)
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(rss.content).find("channel")
    item = channel.find("item")
    assert item.findtext("title") == "Prevent newsletter: July 2023 (Volume 2, July 2023)"
    assert item.findtext("link").endswith(issue.url)
    assert "2023" in item.findtext("pubDate")

    atom = client.get(atom_link)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = ElementTree.fromstring(atom.content).find("a:entry", ns)
    assert entry.find("a:title", ns).text.startswith("Prevent newsletter: July 2023")
    assert entry.find("a:link", ns).get("href").endswith(issue.url)


def test_training_section_lists_live_courses_in_the_chosen_order(client, newsletter, home_page):
    training = factories.TrainingIndexPageFactory(parent=home_page)
    wrap = factories.TrainingCoursePageFactory(parent=training, title="WRAP", slug="wrap")
    grooming = factories.TrainingCoursePageFactory(
        parent=training, title="Online grooming", slug="grooming"
    )
    draft = factories.TrainingCoursePageFactory(parent=training, title="Draft", slug="draft")
    draft.unpublish()
    issue = factories.NewsletterIssuePageFactory(
        parent=newsletter,
        sections=[
            {
                "type": "training",
                "value": {
                    "heading": "Training",
                    "intro": "",
                    "courses": [grooming.pk, draft.pk, wrap.pk],
                },
            }
        ],
    )
    soup = soup_of(client.get(issue.url))
    titles = [text_of(a) for a in soup.select("#training .app-card a")]
    assert titles == [
        "Online grooming (Workshop to Raise Awareness of Prevent)",
        "WRAP (Workshop to Raise Awareness of Prevent)",
    ]


def a_year_before(day):
    return (
        day.replace(year=day.year - 1)
        if (day.month, day.day) != (2, 29)
        else day.replace(year=day.year - 1, day=28)
    )


def test_an_issue_over_a_year_old_says_so_and_points_to_current_help(client, newsletter):
    concern = factories.ConcernReportingPageFactory(parent=newsletter.get_parent())
    today = timezone.localdate()
    old = factories.NewsletterIssuePageFactory(
        parent=newsletter, issue_date=a_year_before(today) - datetime.timedelta(days=1)
    )
    soup = soup_of(client.get(old.url))
    notice = soup.select_one("main .govuk-notification-banner")
    assert notice is not None
    # The notice comes first, before the issue's own heading.
    assert soup.select_one("main article").find(True) is notice
    text = text_of(notice)
    assert f"published on {old.issue_date:%-d %B %Y}" in text
    assert "Dates, contacts and guidance in it may have changed" in text
    assert notice.select_one("time")["datetime"] == old.issue_date.isoformat()
    link = notice.select_one("a")
    assert link["href"] == concern.url and text_of(link) == "Worried about someone?"


def test_an_issue_from_the_last_twelve_months_has_no_notice(client, newsletter):
    today = timezone.localdate()
    for issue_date in (today, today - datetime.timedelta(days=200), a_year_before(today)):
        issue = factories.NewsletterIssuePageFactory(parent=newsletter, issue_date=issue_date)
        soup = soup_of(client.get(issue.url))
        assert soup.select_one("main .govuk-notification-banner") is None, issue_date
        assert "more than a year old" not in text_of(soup.main)
