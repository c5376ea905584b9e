"""The public request form: what it says, every error state, `?for=`, spam checks, and both
emails on success."""

import time
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings.models import BookingRequest
from pages.spam import render_stamp
from tests import factories
from tests.bookings.conftest import (
    TEAM,
    BookingRequestPageFactory,
    published,
    request_data,
    send_request,
)
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (
    "name",
    "organisation",
    "role",
    "email",
    "phone",
    "people",
    "preferred_dates",
)


def error_summary(response):
    soup = soup_of(response)
    return {text_of(link): link["href"] for link in soup.select(".govuk-error-summary__list a")}


def field_values(response):
    soup = soup_of(response)
    form = soup.select_one("main form")
    values = {i["name"]: i.get("value", "") for i in form.select("input[name]:not([type=radio])")}
    for area in form.select("textarea"):
        values[area["name"]] = area.get_text()
    checked = form.select_one("input[name=course][checked]")
    values["course"] = checked["value"] if checked else None
    return values


def course_options(response):
    return [
        (radio["value"], text_of(soup_of(response).select_one(f"label[for='{radio['id']}']")))
        for radio in soup_of(response).select("main input[name=course]")
    ]


def test_the_page_lists_the_councils_open_courses_and_links_its_privacy_notice(
    client, site, training, course, request_page
):
    draft = factories.TrainingCoursePageFactory(parent=training, slug="draft", title="Draft")
    draft.unpublish()
    response = client.get(request_page.url)
    assert response.status_code == 200
    assert response.templates[0].name == "pages/booking_request_page.html"
    assert course_options(response) == [(str(course.pk), "WRAP"), ("other", "Something else")]
    soup = soup_of(response)
    # The privacy notice is linked from the form's page, with the retention period.
    assert soup.select_one("main a[href='#privacy']") is not None
    privacy = soup.select_one("#privacy").find_next_siblings()
    privacy_text = " ".join(text_of(element) for element in privacy)
    assert "Only the Prevent team reads requests." in privacy_text
    assert "for 12 months, then delete it" in privacy_text
    # Every field has a label; no script is needed: a plain POST to the page itself.
    form = soup.main.form
    assert form["method"] == "post" and form["action"] == request_page.url
    for field in form.select(".govuk-input, .govuk-textarea, .govuk-radios__input"):
        assert soup.select_one(f"label[for='{field['id']}']") is not None, field["id"]
    # What someone types is not kept in a shared cache.
    assert "no-store" in response["Cache-Control"]


def test_a_request_is_saved_and_both_emails_go_out(client, site, course, request_page, team_inbox):
    response = send_request(
        client, request_page, course, phone="0207 641 6032", access_needs="Step-free access"
    )
    assert response.status_code == 302
    assert response["Location"] == request_page.url + "sent/"

    booking = BookingRequest.objects.get()
    assert booking.site == site
    assert booking.page_id == course.pk and booking.page_title == "WRAP"
    assert booking.people == 24
    assert booking.phone == "020 7641 6032"
    assert booking.access_needs == "Step-free access"
    assert booking.team_notified_at and booking.acknowledged_at

    team, acknowledgement = sorted(mail.outbox, key=lambda m: m.to != [TEAM])
    assert team.to == [TEAM]
    assert team.reply_to == ["amira@school.example"]
    assert "Training request from Grey Coat Primary School" in team.subject
    for detail in ("WRAP", "Amira Khan", "Designated safeguarding lead", "020 7641 6032", "24"):
        assert detail in team.body
    assert f"/admin/booking_requests/inspect/{booking.pk}/" in team.body
    assert acknowledgement.to == ["amira@school.example"]
    assert acknowledgement.subject == "We have your training request (Testshire Council)"
    assert "WRAP, for 24 people" in acknowledgement.body
    assert "12 months" in acknowledgement.body
    # Nothing typed in free text is repeated to an address the form was given.
    assert "Amira" not in acknowledgement.body
    assert "Tuesday" not in acknowledgement.body

    confirmation = soup_of(client.get(response["Location"]))
    assert text_of(confirmation.select_one(".govuk-panel__title")) == "Request sent"
    main = text_of(confirmation.main)
    assert "An officer will reply by email." in main
    assert "We keep your request for 12 months, then delete it." in main


def test_something_else_is_kept_with_its_description(client, request_page, team_inbox):
    assert (
        send_request(client, request_page, something_else="Governors' briefing").status_code == 302
    )
    booking = BookingRequest.objects.get()
    assert booking.page is None and booking.page_title == ""
    assert booking.asked_for == "Something else: Governors' briefing"
    team = next(m for m in mail.outbox if m.to == [TEAM])
    assert "Something else: Governors' briefing" in team.body


@pytest.mark.parametrize(
    ("overrides", "message", "anchor"),
    [
        ({"name": ""}, "Enter your full name", "#name"),
        ({"name": "x" * 101}, "Your name must be 100 characters or fewer", "#name"),
        ({"organisation": ""}, "Enter the name of your organisation", "#organisation"),
        ({"role": ""}, "Enter your role, like designated safeguarding lead", "#role"),
        ({"email": ""}, "Enter your email address", "#email"),
        (
            {"email": "amira@"},
            "Enter an email address in the correct format, like name@example.com",
            "#email",
        ),
        (
            {"phone": "call me"},
            "Enter a UK phone number, like 020 7946 0000 or 07700 900 982",
            "#phone",
        ),
        (
            {"phone": "999"},
            "Enter a UK phone number, like 020 7946 0000 or 07700 900 982",
            "#phone",
        ),
        (
            {"phone": "+33 1 23 45 67 89"},
            "Enter a UK phone number, like 020 7946 0000 or 07700 900 982",
            "#phone",
        ),
        (
            {"course": ""},
            "Select the course or event you want, or select ‘Something else’",
            "#course-first",
        ),
        (
            {"course": "999999"},
            "That course or event no longer takes requests. Select another, or select "
            "‘Something else’ and describe it",
            "#course-first",
        ),
        (
            {"course": "other", "something_else": ""},
            "Describe the training or event you would like",
            "#something_else",
        ),
        ({"people": ""}, "Enter the number of people", "#people"),
        (
            {"people": "twelve"},
            "Enter the number of people as a whole number from 1 to 500, like 12",
            "#people",
        ),
        (
            {"people": "0"},
            "Enter the number of people as a whole number from 1 to 500, like 12",
            "#people",
        ),
        (
            {"people": "501"},
            "The number of people must be 500 or fewer. For a larger group, tell us about it "
            "under ‘Something else’",
            "#people",
        ),
        ({"preferred_dates": ""}, "Enter the dates or times that suit you", "#preferred_dates"),
        (
            {"access_needs": "x" * 1001},
            "Access needs must be 1,000 characters or fewer",
            "#access_needs",
        ),
    ],
)
def test_each_error_is_summarised_linked_shown_at_its_field_and_nothing_typed_is_lost(
    client, course, request_page, team_inbox, overrides, message, anchor
):
    data = request_data(course, **overrides)
    response = client.post(request_page.url, data)
    assert response.status_code == 400
    assert error_summary(response) == {message: anchor}
    soup = soup_of(response)
    assert soup.title.get_text().startswith("Error:")
    target = soup.select_one(anchor)
    assert target is not None
    group = target.find_parent(class_="govuk-form-group--error")
    assert message in text_of(group.select_one(".govuk-error-message"))
    values = field_values(response)
    for name in TEXT_FIELDS:
        assert values[name] == data[name], name
    assert not BookingRequest.objects.exists()
    assert mail.outbox == []


def test_every_missing_answer_is_listed_in_page_order(client, course, request_page):
    empty = dict.fromkeys(
        ("name", "organisation", "role", "email", "course", "people", "preferred_dates"), ""
    )
    response = send_request(client, request_page, course, **empty)
    assert list(error_summary(response).values()) == [
        "#name",
        "#organisation",
        "#role",
        "#email",
        "#course-first",
        "#people",
        "#preferred_dates",
    ]


# --- ?for= ---------------------------------------------------------------------------------


def checked_course(client, url):
    response = client.get(url)
    assert response.status_code == 200
    checked = soup_of(response).select("main input[name=course][checked]")
    return [radio["value"] for radio in checked]


def test_for_preselects_one_of_the_councils_open_courses(client, course, request_page):
    assert checked_course(client, f"{request_page.url}?for={course.pk}") == [str(course.pk)]
    assert checked_course(client, request_page.url) == []


def test_for_ignores_another_councils_page_a_closed_page_and_nonsense(
    client, training, course, request_page, second_site
):
    other_training = published(factories.TrainingIndexPageFactory(parent=second_site.root_page))
    other_course = published(
        factories.TrainingCoursePageFactory(parent=other_training, title="Otherton WRAP")
    )
    closed = published(factories.TrainingCoursePageFactory(parent=training, slug="old"))
    closed.unpublish()
    for wanted in (other_course.pk, closed.pk, training.pk, "abc", "9" * 30, "-1", ""):
        assert checked_course(client, f"{request_page.url}?for={wanted}") == [], wanted
    # Nor can a form posted by hand name another council's course.
    response = send_request(client, request_page, other_course)
    assert response.status_code == 400
    assert not BookingRequest.objects.exists()


def test_the_course_page_and_training_page_link_to_the_form(client, training, course, request_page):
    soup = soup_of(client.get(course.url))
    link = soup.select_one("main a.govuk-button")
    assert link["href"] == f"{request_page.url}?for={course.pk}"
    assert text_of(link) == "Request a session of WRAP"
    soup = soup_of(client.get(training.url))
    assert soup.select_one(f"main a.govuk-button[href='{request_page.url}']") is not None


def test_without_a_request_page_no_link_is_shown(client, training, course):
    assert soup_of(client.get(course.url)).select_one("main a.govuk-button") is None
    assert soup_of(client.get(training.url)).select_one("main a.govuk-button") is None


def test_one_request_page_per_council(training, request_page, home_page, second_site):
    from bookings.models import BookingRequestPage

    assert not BookingRequestPage.can_create_at(home_page)
    assert not BookingRequestPage.can_create_at(training)
    assert BookingRequestPage.can_create_at(second_site.root_page)


# --- spam ----------------------------------------------------------------------------------


def test_a_form_sent_back_within_seconds_is_not_saved_and_can_be_sent_again(
    client, course, request_page, team_inbox
):
    response = send_request(client, request_page, course, rendered_at=render_stamp())
    assert response.status_code == 400
    assert error_summary(response) == {
        "Check your answers, then select ‘Send request’ again": "#send"
    }
    assert field_values(response)["organisation"] == "Grey Coat Primary School"
    assert field_values(response)["course"] == str(course.pk)
    # A forged, missing or day-old time is treated the same.
    assert send_request(client, request_page, course, rendered_at="forged").status_code == 400
    assert send_request(client, request_page, course, rendered_at=None).status_code == 400
    day_old = render_stamp(at=time.time() - 25 * 60 * 60)
    assert send_request(client, request_page, course, rendered_at=day_old).status_code == 400
    assert not BookingRequest.objects.exists()
    assert send_request(client, request_page, course).status_code == 302
    assert BookingRequest.objects.count() == 1


def test_the_visitor_is_sent_on_at_the_address_they_used(
    client, course, request_page, team_inbox, second_site
):
    # As for the leaflet report form: a redirect to another host would be refused by the CSP.
    path = urlsplit(request_page.full_url).path
    response = client.post(path, request_data(course), HTTP_HOST="127.0.0.1")
    assert response.status_code == 302
    assert response["Location"] == path + "sent/"
    assert BookingRequest.objects.count() == 1


def test_the_honeypot_discards_the_request_without_saying_so(
    client, course, request_page, team_inbox
):
    response = send_request(client, request_page, course, website="https://spam.example")
    assert response.status_code == 302
    assert response["Location"].endswith("/sent/")
    assert not BookingRequest.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client, request_page):
    soup = soup_of(client.get(request_page.url))
    trap = soup.select_one("main form input[name=website]")
    assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None
    assert trap["tabindex"] == "-1"


def test_requests_are_rate_limited_per_address_per_council(
    client, course, request_page, team_inbox, second_site
):
    for _ in range(10):
        assert send_request(client, request_page, course).status_code == 302
    response = send_request(client, request_page, course)
    assert response.status_code == 429
    assert "Wait an hour" in text_of(soup_of(response).main)
    assert field_values(response)["organisation"] == "Grey Coat Primary School"
    assert BookingRequest.objects.count() == 10
    # Someone else, from another address, is not blocked.
    other = client.post(request_page.url, request_data(course), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302
    # Nor is this address on another council's site.
    published(BookingRequestPageFactory(parent=second_site.root_page))
    elsewhere = client.post("/request-a-session/", request_data(), HTTP_HOST="otherton.localhost")
    assert elsewhere.status_code == 302
    assert BookingRequest.objects.filter(site=second_site).count() == 1


def test_nothing_about_the_visitor_is_stored(client, course, request_page, team_inbox):
    client.post(request_page.url, request_data(course), HTTP_USER_AGENT="TestBrowser/1.0")
    stored = [field.name for field in BookingRequest._meta.get_fields()]
    for name in stored:
        assert "ip" not in name.split("_") and "agent" not in name, name
    booking = BookingRequest.objects.values().get()
    assert "127.0.0.1" not in str(booking) and "TestBrowser" not in str(booking)


# --- the bookable pages contract -------------------------------------------------------------


@pytest.fixture
def closed_when_slug_says_so(monkeypatch):
    """A page type whose pages close to requests (as a past event will): here, by slug."""
    from pages.models import TrainingCoursePage

    monkeypatch.setattr(
        TrainingCoursePage,
        "booking_requests_open",
        property(lambda page: not page.slug.startswith("closed")),
    )


def test_a_page_closed_to_requests_is_not_offered_linked_or_preselected(
    client, training, course, request_page, closed_when_slug_says_so
):
    closed = published(
        factories.TrainingCoursePageFactory(parent=training, slug="closed-course", title="Old")
    )
    response = client.get(f"{request_page.url}?for={closed.pk}")
    assert course_options(response) == [(str(course.pk), "WRAP"), ("other", "Something else")]
    assert checked_course(client, f"{request_page.url}?for={closed.pk}") == []
    assert soup_of(client.get(closed.url)).select_one("main a.govuk-button") is None
    assert soup_of(client.get(course.url)).select_one("main a.govuk-button") is not None


def test_the_form_finds_bookable_pages_without_a_query_per_page(
    client, training, course, request_page, django_assert_num_queries
):
    client.get(request_page.url)  # warm the per-process caches, as a running site would have
    with CaptureQueriesContext(connection) as one_course:
        client.get(request_page.url)
    queries = len(one_course.captured_queries)  # read now: the next request clears the log
    for n in range(5):
        published(factories.TrainingCoursePageFactory(parent=training, slug=f"course-{n}"))
    client.get(request_page.url)
    with django_assert_num_queries(queries):
        response = client.get(request_page.url)
    assert len(course_options(response)) == 7
