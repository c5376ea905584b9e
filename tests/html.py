import re

from bs4 import BeautifulSoup


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(element):
    if element is None:
        return ""
    text = " ".join(element.get_text(" ").split())
    return re.sub(r" ([,.;:)])", r"\1", text)


def summary_list(soup):
    """The key/value pairs of every GOV.UK summary list on the page."""
    return {
        text_of(row.select_one(".govuk-summary-list__key")): text_of(
            row.select_one(".govuk-summary-list__value")
        )
        for row in soup.select(".govuk-summary-list__row")
    }
