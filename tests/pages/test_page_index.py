"""Addresses and cards served from the page index (pages/page_index.py) follow every change an
officer publishes: a new address, a moved page, an unpublished page, a new summary."""

import pytest

from tests import factories
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def card_summaries(response):
    return [text_of(p) for p in soup_of(response).select(".app-card__summary")]


@pytest.fixture
def contest(home_page):
    contest = factories.ContestPageFactory(parent=home_page)
    factories.ContestStrandPageFactory(parent=contest, strand="prevent", title="Prevent")
    return contest


def test_a_page_two_levels_down_is_found_and_a_made_up_address_is_not(client, contest):
    assert client.get("/contest/prevent/").status_code == 200
    assert client.get("/contest/prevent/").status_code == 200  # from the index
    for made_up in ("/contest/nothing-here/", "/nothing/prevent/", "/contest/prevent/extra/"):
        assert client.get(made_up).status_code == 404, made_up


def test_a_new_address_serves_at_once_and_the_old_one_is_gone(client, contest):
    strand = contest.get_children().get().specific
    assert client.get("/contest/prevent/").status_code == 200
    strand.slug = "prevent-strand"
    strand.save_revision().publish()
    assert client.get("/contest/prevent-strand/").status_code == 200
    assert client.get("/contest/prevent/").status_code == 404


def test_a_moved_page_serves_at_its_new_address(client, home_page, contest):
    strand = contest.get_children().get().specific
    assert client.get("/contest/prevent/").status_code == 200
    strand.move(home_page, pos="last-child")
    assert client.get("/prevent/").status_code == 200
    # The old address leads to the new one (Wagtail's redirects), not to a cached copy.
    old = client.get("/contest/prevent/")
    assert (old.status_code, old.headers["Location"]) == (301, "/prevent/")


def test_an_unpublished_page_is_gone_and_a_page_added_later_is_found(client, home_page, contest):
    assert client.get("/contest/prevent/").status_code == 200
    contest.get_children().get().specific.unpublish()
    assert client.get("/contest/prevent/").status_code == 404
    assert client.get("/later/").status_code == 404
    factories.InformationPageFactory(parent=home_page, slug="later", title="Later")
    assert client.get("/later/").status_code == 200


def test_a_cards_summary_follows_the_published_page(client, home_page):
    duty = factories.PreventDutyPageFactory(parent=home_page, summary="Who the duty covers.")
    factories.InformationPageFactory(
        parent=home_page,
        slug="about",
        body=[
            {
                "type": "related_pages",
                "value": {"heading": "Related", "pages": [duty.pk]},
            }
        ],
    )
    assert card_summaries(client.get("/about/")) == ["Who the duty covers."]
    duty.summary = "What the Prevent duty asks of schools, councils and the NHS."
    duty.save_revision().publish()
    assert card_summaries(client.get("/about/")) == [
        "What the Prevent duty asks of schools, councils and the NHS."
    ]
