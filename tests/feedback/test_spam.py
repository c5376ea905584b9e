"""Robots are kept out by a honeypot, a signed render time and a per-address rate limit."""

import time

import pytest

from feedback import views
from feedback.models import PageFeedback
from pages import spam
from tests.feedback.conftest import answered_at_once, answered_later, form_data
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_is_refused_with_a_clear_message(client, info_page):
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "useful": "yes", "website": "http://spam"})
    assert response.status_code == 400
    assert "We could not accept your answer" in text_of(soup_of(response).main)
    assert not PageFeedback.objects.exists()


def test_an_answer_straight_after_the_page_opened_is_refused(client, info_page):
    data = answered_at_once(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "useful": "yes"})
    assert response.status_code == 400
    main = soup_of(response).main
    assert text_of(main.h1) == "Your answer was sent too quickly"
    assert main.select_one(f"a[href='{info_page.url}']") is not None
    assert not PageFeedback.objects.exists()


def test_a_forged_or_missing_render_time_is_refused(client, info_page):
    data = form_data(client.get(info_page.url))
    forged = str(int(time.time()) - 60)  # a time, but not signed by the site
    for rendered in (forged, ""):
        response = client.post("/feedback/", {**data, "rendered": rendered, "useful": "yes"})
        assert response.status_code == 400
        assert "We could not accept your answer" in text_of(soup_of(response).main)
    assert not PageFeedback.objects.exists()


def test_a_page_rendered_long_ago_is_accepted(client, info_page):
    """A cached page carries the time it was first rendered."""
    data = answered_later(form_data(client.get(info_page.url)), seconds=6 * 60 * 60)
    assert client.post("/feedback/", {**data, "useful": "yes"}).status_code == 303


def test_too_many_answers_from_one_address_get_a_429(client, info_page):
    data = answered_later(form_data(client.get(info_page.url)))
    for _ in range(views.ANSWER_LIMIT):
        assert client.post("/feedback/", {**data, "useful": "yes"}).status_code == 303
    response = client.post("/feedback/", {**data, "useful": "yes"})
    assert response.status_code == 429
    main = soup_of(response).main
    assert text_of(main.h1) == "Too many answers"
    assert "Wait an hour, then try again" in text_of(main)
    assert soup_of(response).select_one(".app-emergency") is not None  # the site's layout
    assert PageFeedback.objects.count() == views.ANSWER_LIMIT
    # Another address is not held back.
    other = client.post("/feedback/", {**data, "useful": "yes"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 303


def test_the_rate_limit_keeps_no_address(client, info_page):
    from django.core.cache import cache

    data = answered_later(form_data(client.get(info_page.url)))
    client.post("/feedback/", {**data, "useful": "yes"}, REMOTE_ADDR="203.0.113.9")
    keys = list(cache._cache.keys()) if hasattr(cache, "_cache") else []
    assert keys, "the test cache is the local-memory cache"
    assert not any("203.0.113.9" in str(key) for key in keys)


def test_a_render_time_is_not_an_answer_token(client, info_page):
    """The two signatures have their own salts: one cannot stand in for the other."""
    stamp = spam.render_stamp(at=time.time() - 60)
    response = client.get("/feedback/what-was-wrong/", {"answer": stamp})
    assert response.status_code == 400
