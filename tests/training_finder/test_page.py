"""'Which Prevent training do I need?' through the test client: the start page, each question,
errors for missing and tampered answers, the answer with its courses and refresh date, the
fallback, the calendar reminder, and that nothing is stored or set in a cookie."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests import factories
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.html import soup_of, summary_list, text_of
from tests.linkcheck.test_placeholder_links import block_errors
from training_finder.finder import add_months
from training_finder.models import TrainingFinderPage, london_today

pytestmark = pytest.mark.django_db

AWARENESS = {
    "title": "Prevent awareness course",
    "url": "https://www.gov.uk/guidance/prevent-duty-training",
    "description": "An introduction to Prevent.",
}
REFERRALS = {
    "title": "Prevent referrals course",
    "url": "https://www.gov.uk/guidance/prevent-duty-training",
    "description": "",
}


def route(sectors, roles, national, courses, months, wording="", notes=""):
    return {
        "type": "route",
        "value": {
            "sectors": sectors,
            "roles": roles,
            "national_training": national,
            "courses": [c.pk for c in courses],
            "refresh_months": months,
            "refresh_wording": wording,
            "notes": notes,
        },
    }


@pytest.fixture
def training(home_page):
    index = factories.TrainingIndexPageFactory(parent=home_page)
    wrap = factories.TrainingCoursePageFactory(
        parent=index, slug="wrap", title="WRAP", audience="Frontline staff and volunteers"
    )
    draft = factories.TrainingCoursePageFactory(
        parent=index, slug="draft-course", title="Not yet published", live=False
    )
    finder = TrainingFinderPage(
        title="Which Prevent training do I need?",
        slug="which-training",
        summary="Two questions, then the training for you.",
        routes=[
            route(
                ["school"],
                ["safeguarding-lead"],
                [AWARENESS, REFERRALS],
                [wrap, draft],
                24,
                wording="Statutory guidance for schools says at least every 2 years.",
                notes="Ask us about a session for your whole staff.",
            ),
            route(["any"], ["staff", "volunteer"], [AWARENESS], [], 36),
        ],
    )
    index.add_child(instance=finder)
    finder.save_revision().publish()
    return {"index": index, "wrap": wrap, "draft": draft, "finder": finder}


QUESTIONS = "/training/which-training/questions/"
REMINDER = "/training/which-training/reminder/"


def ask(client, query=""):
    return client.get(QUESTIONS + (f"?{query}" if query else ""))


def test_the_start_page_says_nothing_is_kept_and_starts_the_questions(client, training):
    response = client.get("/training/which-training/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert text_of(soup.h1) == "Which Prevent training do I need?"
    start = soup.select_one("main a.govuk-button--start")
    assert start["href"] == QUESTIONS and "Start now" in text_of(start)
    assert "We do not save them" in text_of(soup.select_one("main"))


def test_the_training_page_links_to_the_finder(client, training):
    soup = soup_of(client.get("/training/"))
    link = soup.select_one("main .govuk-inset-text a")
    assert link["href"] == "/training/which-training/"


def test_the_first_question_with_a_back_link_to_the_start(client, training):
    response = ask(client)
    assert response.status_code == 200
    soup = soup_of(response)
    assert text_of(soup.select_one("legend h1")) == "Where do you work or volunteer?"
    assert text_of(soup.select_one(".govuk-caption-l")) == "Question 1 of 2"
    assert soup.select_one(".govuk-back-link")["href"] == "/training/which-training/"
    radios = [i["value"] for i in soup.select("input[name=sector]")]
    assert radios == ["school", "health", "social-care", "police", "community", "council", "other"]
    assert soup.select_one(".govuk-error-summary") is None
    form = soup.select_one("main form")
    assert form["method"] == "get" and form["action"] == QUESTIONS


def test_the_second_question_keeps_the_first_answer_and_goes_back_one(client, training):
    soup = soup_of(ask(client, "sector=health"))
    assert text_of(soup.select_one("legend h1")) == "What is your role?"
    hidden = {i["name"]: i["value"] for i in soup.select("main form input[type=hidden]")}
    assert hidden == {"sector": "health", "step": "role"}
    assert soup.select_one(".govuk-back-link")["href"] == QUESTIONS


def test_no_answer_gives_the_question_again_with_an_error_summary(client, training):
    response = ask(client, "sector=health&step=role")
    assert response.status_code == 400
    soup = soup_of(response)
    assert soup.title.string.startswith("Error: What is your role?")
    summary = soup.select_one(".govuk-error-summary")
    assert text_of(summary.select_one("a")) == "Select your role"
    assert summary.select_one("a")["href"] == "#role"
    assert soup.select_one("#role")["name"] == "role"
    assert "Select your role" in text_of(soup.select_one("#role-error"))


@pytest.mark.parametrize(
    ("query", "question"),
    [
        ("sector=army", "Where do you work or volunteer?"),
        ("sector=%3Cscript%3Ealert(1)%3C/script%3E", "Where do you work or volunteer?"),
        ("sector=school&role=%22%3E%3Cb%3E", "What is your role?"),
        ("sector=school&role=any", "What is your role?"),
        ("sector=" + "x" * 5000, "Where do you work or volunteer?"),
    ],
)
def test_tampered_answers_ask_the_question_again_with_a_400(client, training, query, question):
    response = ask(client, query)
    assert response.status_code == 400
    soup = soup_of(response)
    assert text_of(soup.select_one("legend h1")) == question
    assert soup.select_one(".govuk-error-summary") is not None
    assert b"<script>" not in response.content and b"<b>" not in response.content


def test_the_answer_lists_the_training_and_when_to_refresh_it(client, training):
    response = ask(client, "sector=school&role=safeguarding-lead")
    assert response.status_code == 200
    soup = soup_of(response)
    main = soup.select_one("main")
    assert text_of(soup.h1) == "The Prevent training for you"
    assert summary_list(soup) == {
        "Where do you work or volunteer?": "A school or college",
        "What is your role?": "A safeguarding lead, such as a designated safeguarding lead",
    }
    changes = [a["href"] for a in soup.select(".govuk-summary-list__actions a")]
    assert changes == [QUESTIONS, QUESTIONS + "?sector=school"]
    assert soup.select_one(".govuk-back-link")["href"] == QUESTIONS + "?sector=school"

    national = {text_of(a): a["href"] for a in main.select("h3 a[href^='https://www.gov.uk']")}
    assert national == {
        "Prevent awareness course": "https://www.gov.uk/guidance/prevent-duty-training",
        "Prevent referrals course": "https://www.gov.uk/guidance/prevent-duty-training",
    }
    assert "An introduction to Prevent." in text_of(main)
    # The council's live course with its audience; the draft course is left out.
    course = main.select_one("a[href='/training/wrap/']")
    assert text_of(course) == "WRAP"
    assert "Who it is for: Frontline staff and volunteers" in text_of(main)
    assert "Not yet published" not in text_of(main)

    due = training_date(24)
    refresh = f"Take it again every 2 years. If you finish your training today, refresh it by {due}"
    assert refresh in text_of(main)
    assert "Statutory guidance for schools says at least every 2 years." in text_of(main)
    assert "Ask us about a session for your whole staff." in text_of(main)
    reminder = main.select_one("a[href^='/training/which-training/reminder/']")
    assert reminder["href"] == REMINDER + "?sector=school&role=safeguarding-lead"
    assert due in text_of(reminder)


def training_date(months):
    day = add_months(london_today(), months)
    return f"{day.day} {day:%B %Y}"


def test_no_matching_answer_gives_the_fallback_without_a_reminder(client, training):
    page = training["finder"]
    page.no_match = "<p>Call our team to talk it through.</p>"
    page.save_revision().publish()
    response = ask(client, "sector=police&role=manager")
    assert response.status_code == 200
    main = soup_of(response).select_one("main")
    assert "We have no set answer for you" in text_of(main)
    assert "Call our team to talk it through." in text_of(main)
    assert main.select_one("a[href='https://www.gov.uk/guidance/prevent-duty-training']")
    assert main.select_one("a[href='/training/']")
    assert main.select_one("a[href*='reminder/']") is None
    assert client.get(REMINDER + "?sector=police&role=manager").status_code == 404


def reminder(client, **answers):
    response = client.get(REMINDER + "?" + urlencode(answers))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="prevent-training-reminder.ics"'
    )
    return Calendar.from_ical(response.content)


def at(monkeypatch, when):
    """The site's clock set to `when` (aware, UTC)."""
    monkeypatch.setattr("training_finder.models.timezone.now", lambda: when)


@pytest.mark.parametrize(
    ("now", "due"),
    [
        # 23:30 in London on 28 March 2026, the night the clocks go forward.
        (datetime.datetime(2026, 3, 28, 23, 30, tzinfo=datetime.UTC), datetime.date(2029, 3, 28)),
        # 23:30 UTC on 30 June is already 1 July in London (British Summer Time).
        (datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC), datetime.date(2029, 7, 1)),
    ],
)
def test_the_reminder_is_one_all_day_event_on_the_refresh_date_in_london(
    client, training, monkeypatch, now, due
):
    at(monkeypatch, now)
    calendar = reminder(client, sector="health", role="volunteer")  # every 36 months
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event.decoded("DTSTART") == due
    assert not isinstance(event.decoded("DTSTART"), datetime.datetime)  # all day
    assert event.decoded("DTEND") == due + datetime.timedelta(days=1)
    assert event.decoded("DTSTAMP") == now
    assert str(event["SUMMARY"]) == "Refresh your Prevent training"
    answer_url = "http://localhost/training/which-training/questions/?sector=health&role=volunteer"
    assert answer_url in str(event["DESCRIPTION"])
    assert str(event["URL"]) == answer_url
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == -datetime.timedelta(days=14)
    assert alarms[0]["DESCRIPTION"]


def test_the_reminders_uid_is_stable_for_the_same_answers_and_day(client, training, monkeypatch):
    at(monkeypatch, datetime.datetime(2026, 12, 7, 10, tzinfo=datetime.UTC))

    def uid(**answers):
        return str(reminder(client, **answers).walk("VEVENT")[0]["UID"])

    first = uid(sector="health", role="volunteer")
    assert re.fullmatch(r"[0-9a-f]{32}@localhost", first)
    assert uid(sector="health", role="volunteer") == first
    # Another answer that gives the same date is another reminder.
    assert uid(sector="council", role="volunteer") != first
    at(monkeypatch, datetime.datetime(2026, 12, 8, 10, tzinfo=datetime.UTC))
    assert uid(sector="health", role="volunteer") != first


@pytest.mark.parametrize(
    "query",
    ["", "sector=school", "sector=school&role=boss", "sector=nowhere&role=staff", "role=staff"],
)
def test_a_reminder_without_valid_answers_is_a_400(client, training, query):
    response = client.get(REMINDER + "?" + query)
    assert response.status_code == 400
    assert not response["Content-Type"].startswith("text/calendar")


def test_nothing_is_stored_and_no_cookie_is_set(client, training):
    paths = [
        "/training/which-training/",
        QUESTIONS,
        QUESTIONS + "?step=sector",
        QUESTIONS + "?sector=army",
        QUESTIONS + "?sector=school",
        QUESTIONS + "?sector=school&role=safeguarding-lead",
        QUESTIONS + "?sector=police&role=manager",
        REMINDER + "?sector=school&role=safeguarding-lead",
        REMINDER + "?sector=school",
    ]
    client.get("/")  # the site's settings are made on its first visit, whoever it is
    with CaptureQueriesContext(connection) as queries:
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 400, 404), path
            assert not response.cookies, path
            assert "Set-Cookie" not in response.headers, path
            if path.startswith(QUESTIONS):
                # Nothing on the questions or the answer sends anything anywhere.
                assert not soup_of(response).select("form[method=post]"), path
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", q["sql"], re.IGNORECASE)
    ]
    assert writes == []
    assert not client.cookies


def test_one_finder_per_council_under_its_training_page_or_home_page(training, home_page):
    assert not TrainingFinderPage.can_create_at(training["index"])
    assert not TrainingFinderPage.can_create_at(home_page)
    assert not TrainingFinderPage.can_create_at(training["wrap"])
    other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other")
    Site.objects.create(hostname="other.localhost", root_page=other_home, site_name="Other")
    assert TrainingFinderPage.can_create_at(other_home)


# --- the editor -------------------------------------------------------------------------------


def route_form(sectors=("any",), roles=("any",), national=(AWARENESS,), courses=(), months="12"):
    def items(values):
        return {
            "count": str(len(values)),
            **{
                str(n): {"value": value, "deleted": "", "order": str(n), "id": ""}
                for n, value in enumerate(values)
            },
        }

    return (
        "route",
        {
            "sectors": tuple(sectors),
            "roles": tuple(roles),
            "national_training": items(list(national)),
            "courses": items([str(c.pk) for c in courses]),
            "refresh_months": months,
            "refresh_wording": "",
            "notes": "",
        },
    )


def edit(admin_client, page, routes):
    return admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        nested_form_data(
            {
                "title": page.title,
                "slug": page.slug,
                "summary": page.summary,
                "intro": rich_text(""),
                "no_match": rich_text(""),
                "routes": streamfield(routes),
            }
        ),
    )


def test_the_editor_saves_good_answers(admin_client, training):
    page = training["finder"]
    response = edit(
        admin_client,
        page,
        [
            route_form(["school", "health"], ["manager"], courses=[training["wrap"]], months="24"),
            route_form(),
        ],
    )
    assert response.status_code == 302, block_errors(response)
    saved = TrainingFinderPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    first = saved.routes[0].value
    assert (first["sectors"], first["roles"], first["refresh_months"]) == (
        ["school", "health"],
        ["manager"],
        24,
    )
    assert [c.pk for c in first["courses"]] == [training["wrap"].pk]


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (route_form(sectors=["any", "school"]), "Choose 'Any sector' on its own"),
        (route_form(roles=["any", "manager"]), "Choose 'Any role' on its own"),
        (route_form(national=()), "Add at least one national e-learning course"),
        (route_form(months="0"), "greater than or equal to 1"),
        (route_form(months="many"), "Enter a whole number"),
        (route_form(sectors=["army"]), "Select a valid choice"),
    ],
)
def test_the_editor_refuses_a_bad_answer_with_a_message(admin_client, training, route, message):
    response = edit(admin_client, training["finder"], [route])
    assert response.status_code == 200
    assert any(message in m for m in block_errors(response)), block_errors(response)


def test_the_editor_refuses_an_answer_that_can_never_be_shown(admin_client, training):
    response = edit(admin_client, training["finder"], [route_form(), route_form(["school"])])
    assert response.status_code == 200
    assert any("Answer 2 can never be shown" in m for m in block_errors(response)), block_errors(
        response
    )


def test_the_editor_refuses_another_councils_course(admin_client, training, second_site):
    other_index = factories.TrainingIndexPageFactory(parent=second_site.root_page)
    theirs = factories.TrainingCoursePageFactory(parent=other_index, slug="theirs", title="Theirs")
    response = edit(admin_client, training["finder"], [route_form(courses=[theirs])])
    assert response.status_code == 200
    assert any("Theirs" in m for m in block_errors(response)), block_errors(response)


def test_the_answer_lists_a_courses_next_sessions_and_not_its_past_ones(client, training):
    events = EventIndexPageFactory(parent=training["index"].get_parent())
    now = timezone.now().replace(second=0, microsecond=0)
    upcoming = EventPageFactory(
        parent=events,
        slug="wrap-next",
        training_course=training["wrap"],
        start=now + datetime.timedelta(days=9),
        end=now + datetime.timedelta(days=9, hours=2),
    )
    EventPageFactory(
        parent=events,
        slug="wrap-last-year",
        training_course=training["wrap"],
        start=now - datetime.timedelta(days=300),
        end=now - datetime.timedelta(days=300, hours=-2),
    )
    main = soup_of(ask(client, "sector=school&role=safeguarding-lead")).select_one("main")
    sessions = [a["href"] for a in main.select("a[href^='/events/']")]
    assert sessions == [upcoming.url]
    assert upcoming.specific.when in text_of(main)
