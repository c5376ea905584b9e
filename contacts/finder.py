"""The "Who should I contact?" finder's steps, apart from the page that shows them.

One question per screen, each answer a GET parameter, so the finder works without JavaScript
and every screen has its own address. `Finder.read` takes the query string and returns what the
screen shows: the next question (or none when the person is done), the answers so far, an
error for a missing or made-up answer, the summary of answers with links to change them, the
back link and the matching routes. `ConcernReportingPage.finder` only renders the result.
"""

from dataclasses import dataclass, field

from contacts.blocks import ABOUT_CHOICES
from contacts.choices import Audience
from pages.step_finder import ScreenMixin, Step, StepFinder, SummaryRow

__all__ = ["STEPS", "Finder", "FinderResult", "FinderRoute", "Match", "Step", "SummaryRow"]


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
class FinderResult(ScreenMixin):
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


class Finder(StepFinder):
    """The finder for one page.

    `routes` is an iterable of FinderRoute, read only when the person has answered every
    question, so the screens before that load no contacts. `start_url` and `finder_url` are
    as for StepFinder.
    """

    steps = STEPS

    def __init__(self, routes, start_url, finder_url):
        super().__init__(start_url, finder_url)
        self.routes = routes

    def stops_after(self, step, value):
        return step.name == "danger" and value == "yes"

    def read(self, query):
        """The screen for these GET parameters (a QueryDict or a plain dict)."""
        answers, step, error = self.read_answers(query)
        result = {"answers": answers, "step": step, "error": error}
        result["back_url"] = self.back_url(answers)
        if step is None:
            result["in_danger"] = answers.get("danger") == "yes"
            if not result["in_danger"]:
                result["routes"] = self.routes_for(answers["who"], answers["about"])
                # The danger question is not repeated in the summary.
                result["summary"] = self.summary(answers, STEPS[1:])
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
