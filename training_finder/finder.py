"""The "Which Prevent training do I need?" finder's steps, apart from the page that shows them.

Two questions, one per screen, on the machinery shared with the contact finder
(pages/step_finder.py). `TrainingFinder.read` takes the query string and returns what the screen
shows: the next question, or, once both are answered, the summary of answers and the first
answer officers set that matches them (or none, for the page's fallback), with the date the
training is due again. Nothing is kept: the answers live only in the address.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from pages.step_finder import ScreenMixin, Step, StepFinder
from training_finder.blocks import ANY

# Phrased for the person answering; the values match the answers' sectors and roles.
SECTOR_QUESTION_CHOICES = [
    ("school", "A school or college"),
    ("health", "Health, such as a hospital, GP practice or NHS trust"),
    ("social-care", "Social care"),
    ("police", "The police"),
    ("community", "A faith or community group"),
    ("council", "A council"),
    ("other", "Somewhere else"),
]
ROLE_QUESTION_CHOICES = [
    ("staff", "A member of staff"),
    ("safeguarding-lead", "A safeguarding lead, such as a designated safeguarding lead"),
    ("manager", "A manager"),
    ("volunteer", "A volunteer"),
]

STEPS = (
    Step(
        1,
        "sector",
        "Where do you work or volunteer?",
        SECTOR_QUESTION_CHOICES,
        "Select where you work or volunteer",
    ),
    Step(2, "role", "What is your role?", ROLE_QUESTION_CHOICES, "Select your role"),
)


def add_months(day, months):
    """The same day `months` later; the month's last day when it is shorter (31 January and
    one month gives 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


@dataclass(frozen=True)
class TrainingRoute:
    """One answer an officer set on the page. `courses` holds only the council's live courses."""

    sectors: list[str]
    roles: list[str]
    national_training: list
    courses: list
    refresh_months: int
    refresh_wording: str = ""
    notes: str = ""

    def matches(self, sector, role):
        return (ANY in self.sectors or sector in self.sectors) and (
            ANY in self.roles or role in self.roles
        )

    @property
    def refresh_period(self):
        """Such as "every year", "every 2 years" or "every 18 months"."""
        months = self.refresh_months
        if months % 12 == 0:
            return "every year" if months == 12 else f"every {months // 12} years"
        return "every month" if months == 1 else f"every {months} months"

    def pairs(self):
        """Every (sector, role) this answer covers."""
        return {
            (sector, role)
            for sector, _ in SECTOR_QUESTION_CHOICES
            for role, _ in ROLE_QUESTION_CHOICES
            if self.matches(sector, role)
        }


def unreachable_routes(routes):
    """Positions (from 1) of the answers that can never be shown: the answers above each one
    already cover every sector and role it is for."""
    covered, unreachable = set(), []
    for number, route in enumerate(routes, start=1):
        pairs = route.pairs()
        if pairs <= covered:
            unreachable.append(number)
        covered |= pairs
    return unreachable


@dataclass(frozen=True)
class TrainingFinderResult(ScreenMixin):
    """What one screen shows. `step` is None once both questions are answered; then `route`
    is the matching answer, or None when no answer matches (the page's fallback)."""

    answers: dict[str, str]
    step: Step | None
    error: str | None
    back_url: str
    route: TrainingRoute | None = None
    refresh_by: datetime.date | None = None
    summary: list = field(default_factory=list)
    steps_total: int = len(STEPS)

    @property
    def finished(self):
        return self.step is None


class TrainingFinder(StepFinder):
    """The finder for one page. `routes` is an iterable of TrainingRoute in the officers'
    order, read only once both questions are answered; the first that matches is the answer.
    `today` is the day the refresh date counts from (in Europe/London)."""

    steps = STEPS

    def __init__(self, routes, start_url, finder_url, today):
        super().__init__(start_url, finder_url)
        self.routes = routes
        self.today = today

    def read(self, query):
        """The screen for these GET parameters (a QueryDict or a plain dict)."""
        answers, step, error = self.read_answers(query)
        result = {"answers": answers, "step": step, "error": error}
        result["back_url"] = self.back_url(answers)
        if step is None:
            route = self.route_for(answers["sector"], answers["role"])
            result["route"] = route
            if route is not None:
                result["refresh_by"] = add_months(self.today, route.refresh_months)
            result["summary"] = self.summary(answers)
        return TrainingFinderResult(**result)

    def route_for(self, sector, role):
        return next((route for route in self.routes if route.matches(sector, role)), None)
