"""The "Which Prevent training do I need?" finder read from a query string without any HTTP:
each question, every sector and role, a missing or made-up answer, back links, the summary,
the first matching answer, the fallback and the refresh date."""

import datetime
import itertools

import pytest
from django.http import QueryDict

from pages.step_finder import SummaryRow
from training_finder.finder import (
    ROLE_QUESTION_CHOICES,
    SECTOR_QUESTION_CHOICES,
    TrainingFinder,
    TrainingRoute,
    add_months,
    unreachable_routes,
)

START = "/training/which-training/"
FINDER = "/training/which-training/questions/"
TODAY = datetime.date(2026, 12, 7)

AWARENESS = {"title": "Prevent awareness course", "url": "https://www.gov.uk/x", "description": ""}
REFERRALS = {"title": "Prevent referrals course", "url": "https://www.gov.uk/y", "description": ""}

SCHOOL_LEAD = TrainingRoute(["school"], ["safeguarding-lead"], [AWARENESS, REFERRALS], [], 24)
SCHOOL_ANYONE = TrainingRoute(["school"], ["any"], [AWARENESS], [], 12)
LEADS_AND_MANAGERS = TrainingRoute(["any"], ["safeguarding-lead", "manager"], [REFERRALS], [], 18)
HEALTH_STAFF = TrainingRoute(["health", "social-care"], ["staff", "volunteer"], [AWARENESS], [], 36)
ROUTES = [SCHOOL_LEAD, SCHOOL_ANYONE, LEADS_AND_MANAGERS, HEALTH_STAFF]

SECTORS = [value for value, _ in SECTOR_QUESTION_CHOICES]
ROLES = [value for value, _ in ROLE_QUESTION_CHOICES]


def read(query, routes=ROUTES, today=TODAY):
    return TrainingFinder(routes, START, FINDER, today).read(QueryDict(query))


def expected_route(sector, role):
    if sector == "school":
        return SCHOOL_LEAD if role == "safeguarding-lead" else SCHOOL_ANYONE
    if role in ("safeguarding-lead", "manager"):
        return LEADS_AND_MANAGERS
    if sector in ("health", "social-care"):
        return HEALTH_STAFF
    return None


def test_the_questions_and_their_answers_are_the_ones_asked_for():
    assert SECTORS == ["school", "health", "social-care", "police", "community", "council", "other"]
    assert ROLES == ["staff", "safeguarding-lead", "manager", "volunteer"]


def test_the_first_screen_asks_the_sector_with_no_error_and_back_to_the_start_page():
    result = read("")
    assert (result.step.number, result.step.name) == (1, "sector")
    assert result.step.question == "Where do you work or volunteer?"
    assert result.answers == {}
    assert result.error is None
    assert result.status_code == 200
    assert result.back_url == START
    assert result.steps_total == 2
    assert not result.finished


@pytest.mark.parametrize("sector", SECTORS)
def test_each_sector_leads_to_the_role_question_with_a_back_link(sector):
    result = read(f"sector={sector}")
    assert (result.step.number, result.step.name) == (2, "role")
    assert result.answers == {"sector": sector}
    assert result.back_url == FINDER
    assert result.error is None
    assert result.route is None and result.summary == []


@pytest.mark.parametrize(("sector", "role"), list(itertools.product(SECTORS, ROLES)))
def test_every_sector_and_role_gives_the_first_matching_answer_and_a_summary(sector, role):
    result = read(f"sector={sector}&role={role}")
    assert result.finished
    assert result.status_code == 200
    assert result.answers == {"sector": sector, "role": role}
    assert result.back_url == f"{FINDER}?sector={sector}"
    assert result.route is expected_route(sector, role)
    sector_label = dict(SECTOR_QUESTION_CHOICES)[sector]
    role_label = dict(ROLE_QUESTION_CHOICES)[role]
    assert result.summary == [
        SummaryRow("Where do you work or volunteer?", sector_label, FINDER),
        SummaryRow("What is your role?", role_label, f"{FINDER}?sector={sector}"),
    ]
    if result.route is None:
        assert result.refresh_by is None
    else:
        assert result.refresh_by == add_months(TODAY, result.route.refresh_months)


def test_the_first_match_wins_over_a_later_one():
    # A school's safeguarding lead also matches the leads and managers answer below it.
    assert LEADS_AND_MANAGERS.matches("school", "safeguarding-lead")
    assert read("sector=school&role=safeguarding-lead").route is SCHOOL_LEAD
    assert read("sector=school&role=safeguarding-lead").refresh_by == datetime.date(2028, 12, 7)


def test_no_matching_answer_gives_none_for_the_fallback():
    result = read("sector=police&role=staff")
    assert result.finished and result.route is None and result.refresh_by is None
    assert read("sector=school&role=staff", routes=[]).route is None


def test_a_missing_answer_is_an_error_only_once_the_question_was_sent():
    assert read("step=sector").error == "Select where you work or volunteer"
    result = read("sector=health&step=role")
    assert result.step.name == "role"
    assert result.error == "Select your role"
    assert result.status_code == 400
    assert read("sector=health").error is None


@pytest.mark.parametrize(
    ("query", "asked", "error", "answers"),
    [
        ("sector=army", "sector", "Select where you work or volunteer", {}),
        ("sector=any&role=staff", "sector", "Select where you work or volunteer", {}),
        ("sector=%3Cscript%3E&role=staff", "sector", "Select where you work or volunteer", {}),
        ("sector=School", "sector", "Select where you work or volunteer", {}),
        ("sector=school&role=any", "role", "Select your role", {"sector": "school"}),
        ("sector=school&role=headteacher", "role", "Select your role", {"sector": "school"}),
        ("sector=school&role=&step=role", "role", "Select your role", {"sector": "school"}),
    ],
)
def test_a_made_up_answer_is_an_error_and_later_answers_are_not_taken(query, asked, error, answers):
    result = read(query)
    assert result.step.name == asked
    assert result.error == error
    assert result.status_code == 400
    assert result.answers == answers
    assert result.route is None


def test_the_answers_are_not_read_until_both_questions_are_answered():
    read_routes = []

    def routes():
        read_routes.append(True)
        yield from ROUTES

    for query in ("", "sector=school", "sector=school&role=nobody"):
        read(query, routes())
    assert read_routes == []
    read("sector=school&role=staff", routes())
    assert read_routes == [True]


def test_the_result_is_the_template_context():
    context = read("sector=school&role=staff").as_context()
    assert set(context) == {
        "answers",
        "step",
        "error",
        "back_url",
        "route",
        "refresh_by",
        "summary",
        "steps_total",
    }
    assert context["route"] is SCHOOL_ANYONE


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 12, 7), 12, datetime.date(2027, 12, 7)),
        (datetime.date(2026, 12, 7), 1, datetime.date(2027, 1, 7)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2027, 1, 31), 13, datetime.date(2028, 2, 29)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),
        (datetime.date(2026, 3, 29), 36, datetime.date(2029, 3, 29)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("months", "period"),
    [(1, "every month"), (12, "every year"), (18, "every 18 months"), (24, "every 2 years")],
)
def test_the_refresh_period_in_words(months, period):
    assert TrainingRoute(["any"], ["any"], [], [], months).refresh_period == period


def test_an_answer_covered_by_those_above_it_is_unreachable():
    everyone = TrainingRoute(["any"], ["any"], [AWARENESS], [], 12)
    assert unreachable_routes(ROUTES) == []
    assert unreachable_routes([*ROUTES, everyone]) == []
    assert unreachable_routes([everyone, SCHOOL_LEAD, HEALTH_STAFF]) == [2, 3]
    # Covered by two answers together, not by either alone.
    school_staff = TrainingRoute(["school"], ["staff"], [AWARENESS], [], 12)
    assert unreachable_routes([SCHOOL_ANYONE, school_staff]) == [2]
