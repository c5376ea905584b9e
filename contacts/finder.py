"""The "Who should I contact?" finder's steps, apart from the page that shows them.

One question per screen, each answer a GET parameter, so the finder works without JavaScript
and every screen has its own address. `Finder.read` takes the query string and returns what the
screen shows: the next question (or none when the person is done), the answers so far, an
error for a missing or made-up answer, the summary of answers with links to change them, the
back link and the matching routes. `ConcernReportingPage.finder` only renders the result.
"""

from dataclasses import dataclass, field, fields
from urllib.parse import urlencode

from contacts.blocks import ABOUT_CHOICES
from contacts.choices import Audience


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    question: str
    choices: list[tuple[str, str]]
    error: str

    def valid(self, value):
        return value in {choice for choice, _ in self.choices}

    def label(self, value):
        return dict(self.choices)[value]


# Phrased for the person answering; the values match the routes' "who" choices.
WHO_QUESTION_CHOICES = [
    (Audience.RESIDENTS.value, "A resident, friend or family member"),
    (
        Audience.PROFESSIONALS.value,
        "A professional, such as a teacher, health or social care worker",
    ),
    (Audience.COMMUNITY.value, "Someone in a faith or community group"),
]

# The questions, in order.
STEPS = (
    Step(
        1,
        "danger",
        "Is anyone in immediate danger?",
        [("yes", "Yes, someone is in danger now"), ("no", "No")],
        "Select yes if anyone is in immediate danger",
    ),
    Step(2, "who", "Who are you?", WHO_QUESTION_CHOICES, "Select who you are"),
    Step(
        3,
        "about",
        "What is your concern about?",
        [c for c in ABOUT_CHOICES if c[0] != "anything"],
        "Select what your concern is about",
    ),
)


@dataclass(frozen=True)
class FinderRoute:
    """One answer an officer set on the page: for whom and what it is, why, and whom to call.
    `contacts` holds only the contacts the site may show (anything with a `pk`)."""

    who: str
    about: str
    reason: str
    contacts: list

    def matches(self, who, about):
        return self.who in ("anyone", who) and self.about in ("anything", about)


@dataclass(frozen=True)
class Match:
    reason: str
    contacts: list


@dataclass(frozen=True)
class SummaryRow:
    question: str
    answer: str
    change_url: str


@dataclass(frozen=True)
class FinderResult:
    """What one screen of the finder shows. `step` is None once every question is answered
    (or at once when someone is in danger)."""

    answers: dict[str, str]
    step: Step | None
    error: str | None
    back_url: str
    in_danger: bool = False
    routes: list[Match] = field(default_factory=list)
    summary: list[SummaryRow] = field(default_factory=list)
    steps_total: int = len(STEPS)

    @property
    def status_code(self):
        return 400 if self.error else 200

    def as_context(self):
        """The fields as template variables (a shallow copy: contacts stay model instances)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


class Finder:
    """The finder for one page.

    `routes` is an iterable of FinderRoute, read only when the person has answered every
    question, so the screens before that load no contacts. `start_url` is the page the finder
    belongs to (Back from the first question goes there); `finder_url` is the finder's own
    address, to which the answers are added as a query string.
    """

    def __init__(self, routes, start_url, finder_url):
        self.routes = routes
        self.start_url = start_url
        self.finder_url = finder_url

    def read(self, query):
        """The screen for these GET parameters (a QueryDict or a plain dict)."""
        answers, step, error = {}, None, None
        for question in STEPS:
            value = query.get(question.name, "")
            if question.valid(value):
                answers[question.name] = value
                if question.name == "danger" and value == "yes":
                    break
                continue
            step = question
            # No answer on first showing is no error; an empty or made-up answer is.
            if value or query.get("step") == question.name:
                error = question.error
            break

        result = {"answers": answers, "step": step, "error": error}
        result["back_url"] = self.back_url(answers)
        if step is None:
            result["in_danger"] = answers.get("danger") == "yes"
            if not result["in_danger"]:
                result["routes"] = self.routes_for(answers["who"], answers["about"])
                result["summary"] = self.summary(answers)
        return FinderResult(**result)

    def routes_for(self, who, about):
        """Every matching answer in order; a contact named by an earlier answer is not repeated."""
        matches, seen = [], set()
        for route in self.routes:
            if route.matches(who, about):
                contacts = [c for c in route.contacts if c.pk not in seen]
                seen.update(c.pk for c in contacts)
                if contacts:
                    matches.append(Match(route.reason, contacts))
        return matches

    def summary(self, answers):
        """The answers after the danger question, each with a link to ask it again that keeps
        only the answers given before it."""
        return [
            SummaryRow(
                question=step.question,
                answer=step.label(answers[step.name]),
                change_url=self.url({s.name: answers[s.name] for s in STEPS[: step.number - 1]}),
            )
            for step in STEPS[1:]
        ]

    def back_url(self, answers):
        """Back one question: drop the last answer given (or leave the finder at the start)."""
        if not answers:
            return self.start_url
        return self.url(dict(list(answers.items())[:-1]))

    def url(self, answers):
        query = urlencode(answers)
        return self.finder_url + (f"?{query}" if query else "")
