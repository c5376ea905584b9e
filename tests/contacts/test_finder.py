"""The "Who should I contact?" finder's steps, read from a query string without any HTTP:
each question in turn, a missing or made-up answer, the back link, the summary and the routes."""

from types import SimpleNamespace

from django.http import QueryDict

from contacts.finder import Finder, FinderRoute, Match, SummaryRow

START = "/worried/"
FINDER = "/worried/who-should-i-contact/"

TEAM = SimpleNamespace(pk=1, name="Council Prevent team")
CHILDREN = SimpleNamespace(pk=2, name="Children's services")
ONLINE = SimpleNamespace(pk=3, name="Report online material")
HELPLINE = SimpleNamespace(pk=4, name="National helpline")

ROUTES = [
    FinderRoute("professionals", "anything", "Talk to the council first.", [TEAM]),
    FinderRoute("anyone", "child", "A child: children's services.", [CHILDREN, TEAM]),
    FinderRoute("anyone", "online", "Report it online.", [ONLINE]),
    FinderRoute("residents", "anything", "Or call the helpline.", [HELPLINE]),
]


def read(query, routes=ROUTES):
    return Finder(routes, START, FINDER).read(QueryDict(query))


def test_the_first_screen_asks_about_danger_with_no_error_and_back_to_the_page():
    result = read("")
    assert result.step.number == 1
    assert result.step.question == "Is anyone in immediate danger?"
    assert [value for value, _ in result.step.choices] == ["yes", "no"]
    assert result.answers == {}
    assert result.error is None
    assert result.status_code == 200
    assert result.back_url == START
    assert result.steps_total == 3


def test_danger_ends_the_finder_at_once_with_999():
    result = read("danger=yes&who=residents")
    assert result.step is None
    assert result.in_danger
    assert result.answers == {"danger": "yes"}
    assert result.routes == []
    assert result.summary == []
    assert result.back_url == FINDER


def test_each_question_in_turn_with_a_back_link_one_question_back():
    who = read("danger=no")
    assert (who.step.number, who.step.name) == (2, "who")
    assert who.answers == {"danger": "no"}
    assert who.back_url == FINDER
    assert not who.in_danger

    about = read("danger=no&who=residents")
    assert (about.step.number, about.step.name) == (3, "about")
    assert about.answers == {"danger": "no", "who": "residents"}
    assert about.back_url == FINDER + "?danger=no"
    assert "anything" not in {value for value, _ in about.step.choices}


def test_the_last_screen_gives_the_summary_with_links_to_change_each_answer():
    result = read("danger=no&who=residents&about=child")
    assert result.step is None
    assert not result.in_danger
    assert result.back_url == FINDER + "?danger=no&who=residents"
    assert result.summary == [
        SummaryRow("Who are you?", "A resident, friend or family member", FINDER + "?danger=no"),
        SummaryRow(
            "What is your concern about?",
            "A child or young person",
            FINDER + "?danger=no&who=residents",
        ),
    ]


def test_matching_routes_in_order_without_naming_a_contact_twice():
    result = read("danger=no&who=professionals&about=child")
    # The team, named by the first answer, is not repeated under the second.
    assert result.routes == [
        Match("Talk to the council first.", [TEAM]),
        Match("A child: children's services.", [CHILDREN]),
    ]
    assert read("danger=no&who=residents&about=online").routes == [
        Match("Report it online.", [ONLINE]),
        Match("Or call the helpline.", [HELPLINE]),
    ]


def test_an_answer_whose_contacts_were_all_named_already_is_left_out():
    routes = [*ROUTES, FinderRoute("anyone", "anything", "Again.", [TEAM])]
    reasons = [m.reason for m in read("danger=no&who=professionals&about=adult", routes).routes]
    assert reasons == ["Talk to the council first."]


def test_no_matching_route_gives_no_routes():
    assert read("danger=no&who=community&about=street").routes == []


def test_a_missing_answer_is_an_error_only_once_the_question_was_sent():
    result = read("danger=no&step=who")
    assert result.step.name == "who"
    assert result.error == "Select who you are"
    assert result.status_code == 400
    assert read("danger=no").error is None


def test_a_made_up_answer_is_an_error_and_later_answers_are_not_taken():
    result = read("danger=no&who=%3Cscript%3E&about=child")
    assert result.step.name == "who"
    assert result.error == "Select who you are"
    assert result.status_code == 400
    assert result.answers == {"danger": "no"}
    assert read("danger=maybe").error == "Select yes if anyone is in immediate danger"


def test_the_routes_are_not_read_until_every_question_is_answered():
    read_routes = []

    def routes():
        read_routes.append(True)
        yield from ROUTES

    for query in ("", "danger=yes", "danger=no", "danger=no&who=residents"):
        read(query, routes())
    assert read_routes == []
    read("danger=no&who=residents&about=child", routes())
    assert read_routes == [True]


def test_the_result_is_the_template_context():
    context = read("danger=no&step=who").as_context()
    assert set(context) == {
        "answers",
        "step",
        "error",
        "back_url",
        "in_danger",
        "routes",
        "summary",
        "steps_total",
    }
    assert context["error"] == "Select who you are"
