"""Search takes anything typed in the box as words, on SQLite and PostgreSQL alike: a page of
results or "no results", never an error page."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests import factories
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

# Search syntax of FTS5 (SQLite) and tsquery (PostgreSQL), and bytes no database takes.
AWKWARD_QUERIES = [
    '"unterminated',
    "\x00",
    "a\x00b",
    'AND OR NOT ( ) * ? " ~',
    "NEAR(channel support, 2)",
    "title:channel",
    "channel*",
    "-channel ^support +x",
    "channel & | ! :* <-> <2>",
    "'quoted' \\ \\\\ ''",
    '"" "',
    "{} [] ; -- /* */",
    "%_%",
    "🙂🙃 👩‍👩‍👧",
    "channel 🙂",
    "Ünïcödé 渠道 قناة",
    "a" * 10_000,
    "channel " * 2_000,
]


@pytest.fixture
def channel_page(home_page):
    return factories.InformationPageFactory(
        parent=home_page, title="Channel support", summary="Help through the Channel programme."
    )


def search(client, query, **params):
    return client.get("/search/", {"q": query, **params})


def result_titles(response):
    return [text_of(link) for link in soup_of(response).select(".app-card__title a")]


@pytest.mark.parametrize("query", AWKWARD_QUERIES)
def test_any_input_gives_results_or_no_results(client, channel_page, query):
    response = search(client, query)
    assert response.status_code == 200
    soup = soup_of(response)
    assert text_of(soup.h1) == "Search"
    # Input with nothing to show back (a lone NUL byte) is an empty search.
    if soup.select_one("#search-page-query")["value"]:
        assert "result" in text_of(soup.select_one("main h2")).lower()


@pytest.mark.parametrize(
    "query",
    ['"channel', "channel)", "(channel support)", "Channel!", "channel*", "CHANNEL:"],
)
def test_the_words_in_a_query_are_searched_for_whatever_surrounds_them(client, channel_page, query):
    assert result_titles(search(client, query)) == ["Channel support"]


def test_operators_are_words_not_syntax(client, channel_page):
    # As operators these would find the page, or not; as words every one must be there.
    assert result_titles(search(client, "channel OR zzzznothing")) == []
    assert result_titles(search(client, "channel | zzzznothing")) == []
    assert result_titles(search(client, "channel -support")) == ["Channel support"]
    assert result_titles(search(client, "channel !support")) == ["Channel support"]


def test_a_query_of_only_symbols_says_no_results(client, channel_page):
    soup = soup_of(search(client, '( ) * ? " ~ 🙂'))
    assert soup.select_one("main h2").get_text() == 'No results for “( ) * ? " ~ 🙂”'


def test_an_overlong_query_is_cut_to_a_sane_length(client, channel_page):
    response = search(client, "channel " + "x" * 10_000)
    assert response.status_code == 200
    shown = soup_of(response).select_one("#search-page-query")["value"]
    assert shown.startswith("channel x")
    assert len(shown) == 200


def test_control_characters_are_not_shown_back(client, channel_page):
    response = search(client, "channel\x00\x07support")
    assert soup_of(response).select_one("#search-page-query")["value"] == "channel support"
    assert b"\x00" not in response.content


def test_odd_page_numbers_give_a_page_of_results(client, home_page):
    for n in range(12):
        factories.InformationPageFactory(parent=home_page, title=f"Channel page {n}")
    for page in ("x", "0", "-1", "999999", "9" * 5000, "\x00", "1.5"):
        response = search(client, "channel", page=page)
        assert response.status_code == 200, page
        assert result_titles(response), page


def test_search_only_answers_get(client, channel_page):
    response = client.post("/search/", {"q": "channel"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert client.head("/search/", {"q": "channel"}).status_code == 200


def test_no_template_comment_shows_on_search_or_the_newsletter_page(client, home_page):
    for n in range(12):
        factories.InformationPageFactory(parent=home_page, title=f"Channel page {n}")
    newsletter = factories.NewsletterIndexPageFactory(parent=home_page)
    results = search(client, "channel")
    assert soup_of(results).select_one(".govuk-pagination") is not None
    for response in (results, client.get(newsletter.url)):
        assert response.status_code == 200
        assert "{#" not in response.content.decode()
        assert "#}" not in response.content.decode()


def test_no_template_has_a_comment_over_several_lines():
    """Django's {# #} ends at the end of its line; longer comments need {% comment %}."""
    for template in Path(settings.BASE_DIR, "templates").rglob("*"):
        if template.is_file():
            for number, line in enumerate(template.read_text().splitlines(), start=1):
                opened = re.sub(r"\{#.*?#\}", "", line)
                assert "{#" not in opened, f"{template}:{number}"


def test_search_finds_pages_of_the_current_council_only(client, home_page, second_site):
    factories.InformationPageFactory(parent=home_page, title="Channel support here")
    factories.InformationPageFactory(parent=second_site.root_page, title="Channel support there")
    soup = soup_of(client.get("/search/", {"q": "Channel"}))
    titles = [text_of(a) for a in soup.select(".app-card a")]
    assert titles == ["Channel support here"]
    soup = soup_of(client.get("/search/", {"q": "Channel"}, HTTP_HOST="otherton.localhost"))
    assert [text_of(a) for a in soup.select(".app-card a")] == ["Channel support there"]


def test_search_with_no_results_or_bad_page_number_says_so(client, home_page):
    soup = soup_of(client.get("/search/", {"q": "zzzz-nothing", "page": "x"}))
    assert "No results for “zzzz-nothing”" in text_of(soup.main)
    response = client.get("/search/", {"q": "a" * 5000, "page": "999"})
    assert response.status_code == 200


def test_search_results_are_paginated_keeping_the_query(client, home_page):
    for n in range(12):
        factories.InformationPageFactory(parent=home_page, title=f"Channel page {n}")
    soup = soup_of(client.get("/search/", {"q": "Channel page"}))
    next_link = soup.select_one(".govuk-pagination__next a")
    assert next_link["href"] == "?q=Channel+page&page=2"
    second = soup_of(client.get("/search/" + next_link["href"]))
    assert len(second.select(".app-card")) == 2  # 12 results, 10 a page
    assert second.select_one(".govuk-pagination__item--current a").text == "2"
