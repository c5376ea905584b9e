"""With JavaScript the same POSTs ask for JSON, and the page shows each step in place."""

import pytest

from feedback.models import PageFeedback
from tests.feedback.conftest import answered_at_once, answered_later, form_data

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def test_yes_and_no_then_a_comment(client, info_page):
    data = answered_later(form_data(client.get(info_page.url)))
    yes = client.post("/feedback/", {**data, "useful": "yes"}, **JSON)
    assert yes.status_code == 200 and yes.json() == {"message": "Thank you for your feedback."}
    no = client.post("/feedback/", {**data, "useful": "no"}, **JSON)
    token = no.json()["answer"]
    sent = client.post(
        "/feedback/what-was-wrong/", {"answer": token, "comment": "Out of date"}, **JSON
    )
    assert sent.json() == {"message": "Thank you for your feedback."}
    answers = PageFeedback.objects.order_by("pk")
    assert [(a.useful, a.comment) for a in answers] == [(True, ""), (False, "Out of date")]


def test_errors_come_back_as_messages(client, info_page):
    data = answered_at_once(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "useful": "yes"}, **JSON)
    assert response.status_code == 400
    assert "too quickly" not in response.json()["error"]  # the body, not the title
    assert "a few seconds after the page has opened" in response.json()["error"]

    data = answered_later(data)
    token = client.post("/feedback/", {**data, "useful": "no"}, **JSON).json()["answer"]
    response = client.post(
        "/feedback/what-was-wrong/", {"answer": token, "comment": "x" * 1201}, **JSON
    )
    assert response.status_code == 400
    assert "1,200 characters or less" in response.json()["errors"]["comment"]
