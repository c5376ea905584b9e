"""Answering "Is this page useful?" without JavaScript: plain POSTs, a page after each."""

import pytest
from django.test import Client

from feedback.models import PageFeedback
from tests import factories
from tests.feedback.conftest import answered_later, form_data
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def test_every_content_page_ends_with_the_question(client, home_page, info_page):
    for page in (home_page, info_page):
        section = soup_of(client.get(page.url)).select_one(".app-feedback")
        assert text_of(section.h2) == "Is this page useful?"
        form = section.select_one("form[data-feedback-answer]")
        assert form["method"] == "post" and form["action"] == "/feedback/"
        assert form.select_one("input[name=page]")["value"] == str(page.pk)
        answers = [(b["name"], b["value"]) for b in form.select("button[type=submit]")]
        assert answers == [("useful", "yes"), ("useful", "no")]
        # No CSRF token: the form is the same for everyone, so the page can be cached.
        assert form.select_one("input[name=csrfmiddlewaretoken]") is None


def test_search_and_error_pages_have_no_question(client, home_page):
    assert soup_of(client.get("/search/", {"q": "prevent"})).select_one(".app-feedback") is None
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert soup_of(missing).select_one(".app-feedback") is None


def test_the_honeypot_is_hidden_from_everyone_but_robots(client, info_page):
    trap = soup_of(client.get(info_page.url)).select_one("#feedback-website")
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert trap.find_parent("div")["aria-hidden"] == "true"
    assert "govuk-visually-hidden" in trap.find_parent("div")["class"]


def test_yes_leads_to_a_thank_you(client, info_page):
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "useful": "yes"}, follow=True)
    assert response.status_code == 200
    assert text_of(soup_of(response).h1) == "Thank you for your feedback"
    back = soup_of(response).select_one(f"main a[href='{info_page.url}']")
    assert text_of(back) == "Back to Spotting the signs"
    answer = PageFeedback.objects.get()
    assert (answer.page_id, answer.useful, answer.comment) == (info_page.pk, True, "")


def test_no_asks_what_was_wrong_then_thanks(client, info_page, concern_page):
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "useful": "no"}, follow=True)
    assert response.status_code == 200
    page = soup_of(response)
    assert text_of(page.h1) == "What was wrong?"
    warning = page.select_one("main form .govuk-warning-text__text")
    assert warning.name == "strong"  # the warning is in bold
    assert "Do not use this box to tell us you are worried about someone" in text_of(warning)
    assert warning.select_one("a[href='tel:999']") is not None
    assert warning.select_one(f"a[href='{concern_page.url}']") is not None
    # The "No" is counted even if they write nothing.
    answer = PageFeedback.objects.get()
    assert answer.useful is False and answer.comment == ""

    comment = form_data(response, "main form")
    comment["comment"] = "I could not find the phone number for the Prevent team."
    thanks = client.post("/feedback/what-was-wrong/", comment, follow=True)
    assert text_of(soup_of(thanks).h1) == "Thank you for your feedback"
    answer.refresh_from_db()
    assert answer.comment == "I could not find the phone number for the Prevent team."
    assert PageFeedback.objects.count() == 1


def test_contact_details_in_the_comment_are_masked_before_saving(client, info_page):
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "useful": "no"}, follow=True)
    comment = form_data(response, "main form")
    comment["comment"] = "Ring me on 07700 900123 or write to jo.bloggs@example.org please"
    client.post("/feedback/what-was-wrong/", comment)
    assert PageFeedback.objects.get().comment == (
        "Ring me on [phone number removed] or write to [email removed] please"
    )


def test_nothing_about_the_person_is_stored(client, info_page):
    """The whole row: the page, its council, the answer, the comment and officers' handling.
    No address, browser, cookie or session."""
    field_names = {field.name for field in PageFeedback._meta.get_fields()}
    assert field_names == {
        "id",
        "page",
        "site",
        "useful",
        "comment",
        "created_at",
        "dealt_with",
        "dealt_with_by",
        "dealt_with_at",
    }
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post(
        "/feedback/",
        {**data, "useful": "yes"},
        REMOTE_ADDR="192.0.2.44",
        HTTP_USER_AGENT="Test browser 1.0",
    )
    assert not response.cookies
    row = PageFeedback.objects.values().get()
    assert "192.0.2.44" not in str(row) and "Test browser" not in str(row)


def test_a_comment_can_be_added_once_only(client, info_page):
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "useful": "no"}, follow=True)
    comment = form_data(response, "main form")
    client.post("/feedback/what-was-wrong/", {**comment, "comment": "First"})
    client.post("/feedback/what-was-wrong/", {**comment, "comment": "Replaced by a robot"})
    assert PageFeedback.objects.get().comment == "First"


def test_a_cached_page_stays_cached_with_the_question(settings, home_page, info_page):
    settings.PAGE_CACHE_SECONDS = 600
    visitor = Client()
    first = visitor.get(info_page.url)
    second = visitor.get(info_page.url)
    assert not first.cookies
    assert second["X-Page-Cache"] == "hit"
    assert soup_of(second).select_one(".app-feedback form[data-feedback-answer]") is not None


def test_the_thanks_page_for_an_unknown_page_still_thanks(client, home_page):
    for page_id in ("99999999999999999999", "x", "123"):
        response = client.get("/feedback/thanks/", {"page": page_id})
        assert response.status_code == 200
        assert soup_of(response).select_one("main a[href='/']") is not None


def test_the_answer_pages_are_never_cached(settings, client, info_page):
    settings.PAGE_CACHE_SECONDS = 600
    url = f"/feedback/thanks/?page={info_page.pk}"
    client.get(url)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_another_councils_page_is_refused(client, info_page, second_site):
    theirs = factories.InformationPageFactory(parent=second_site.root_page, title="Theirs")
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "page": theirs.pk, "useful": "yes"})
    assert response.status_code == 400
    assert text_of(soup_of(response).h1) == "We could not find that page"
    assert soup_of(response).select_one(".app-emergency") is not None  # the site's layout
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize("page_id", ["999999", "99999999999999999999", "-1", "not-a-number", ""])
def test_an_unknown_page_is_refused(client, info_page, page_id):
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "page": page_id, "useful": "yes"})
    assert response.status_code == 400
    assert soup_of(response).select_one(".app-emergency") is not None
    assert "page" in text_of(soup_of(response).main).lower()
    assert not PageFeedback.objects.exists()


def test_a_missing_answer_is_refused(client, info_page):
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", data)
    assert response.status_code == 400
    main = soup_of(response).main
    assert text_of(main.h1) == "Select yes or no"
    assert main.select_one(f"a[href='{info_page.url}']") is not None
    assert not PageFeedback.objects.exists()


def test_a_comment_too_long_keeps_what_was_typed(client, info_page):
    data = answered_later(form_data(client.get(info_page.url)))
    response = client.post("/feedback/", {**data, "useful": "no"}, follow=True)
    comment = form_data(response, "main form")
    typed = "The page did not say who to call. " * 40  # 1,360 characters
    response = client.post("/feedback/what-was-wrong/", {**comment, "comment": typed})
    assert response.status_code == 400
    page = soup_of(response)
    assert text_of(page.title).startswith("Error:")
    summary_link = page.select_one(".govuk-error-summary a")
    assert summary_link["href"] == "#comment"
    assert "1,200 characters or less" in text_of(summary_link)
    assert page.select_one("textarea#comment").string.strip() == typed.strip()
    assert PageFeedback.objects.get().comment == ""


def test_an_expired_or_forged_comment_link_is_refused(client, info_page):
    response = client.get("/feedback/what-was-wrong/", {"answer": "forged"})
    assert response.status_code == 400
    assert text_of(soup_of(response).h1) == "This link has expired or is not valid"
    response = client.post("/feedback/what-was-wrong/", {"answer": "forged", "comment": "x"})
    assert response.status_code == 400


def test_a_get_of_the_answer_address_is_not_allowed(client, home_page):
    assert client.get("/feedback/").status_code == 405
