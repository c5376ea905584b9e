"""Each council's site shows its own name and brand colour, in a style the strict policy allows."""

import pytest

from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def test_each_site_has_its_own_brand_colour_in_a_nonced_style(client, home_page, second_site):
    response = client.get("/", HTTP_HOST="otherton.localhost")
    soup = soup_of(response)
    style = soup.select_one("head style")
    assert "--app-brand-colour:#28166f" in style.string
    assert style["nonce"] and style["nonce"] in response["Content-Security-Policy"]
    assert "Otherton Council" in text_of(soup.select_one(".app-header"))
    assert soup.select("[style]") == []
