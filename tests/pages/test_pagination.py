"""Search results and the newsletter archive page the same way (pages/pagination.py): a page
number that is not a whole number, or is below 1, gives the first page; one past the end gives
the last page. Never an error page."""

import datetime

import pytest

from tests import factories
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

# Both lists below have two pages: 10 results a page for search, 12 issues for the archive.
CASES = [
    ("2", 2),
    ("1", 1),
    ("x", 1),
    ("", 1),
    ("1.5", 1),
    ("\x00", 1),
    ("0", 1),
    ("-1", 1),
    ("3", 2),
    ("999999", 2),
    ("9" * 5000, 2),
]


@pytest.fixture
def search_results(home_page):
    for n in range(15):
        factories.InformationPageFactory(parent=home_page, title=f"Channel page {n}")
    return "/search/", {"q": "channel"}


@pytest.fixture
def newsletter_archive(home_page):
    newsletter = factories.NewsletterIndexPageFactory(parent=home_page)
    for n in range(20):
        factories.NewsletterIssuePageFactory(
            parent=newsletter, title=f"Issue {n}", issue_date=datetime.date(2020, 1, n + 1)
        )
    return newsletter.url, {}


@pytest.fixture(params=["search_results", "newsletter_archive"])
def paged_list(request):
    return request.getfixturevalue(request.param)


def current_page(response):
    return text_of(soup_of(response).select_one(".govuk-pagination__item--current a"))


@pytest.mark.parametrize(("asked", "shown"), CASES)
def test_a_page_number_gives_that_page_or_the_nearest_one(client, paged_list, asked, shown):
    url, query = paged_list
    response = client.get(url, {**query, "page": asked})
    assert response.status_code == 200
    assert current_page(response) == str(shown)
    assert soup_of(response).select("main .app-card")


def test_each_search_page_holds_its_own_results(client, search_results):
    url, query = search_results
    first = client.get(url, {**query, "page": "1"})
    second = client.get(url, {**query, "page": "2"})
    titles = [
        {text_of(a) for a in soup_of(response).select(".app-card__title a")}
        for response in (first, second)
    ]
    assert len(titles[0]) == 10
    assert len(titles[1]) == 5
    assert not titles[0] & titles[1]
