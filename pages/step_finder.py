"""What every one-question-a-step finder shares, apart from the page that shows it.

One question per screen, each answer a GET parameter, so a finder works without JavaScript and
every screen has its own address. `StepFinder.read_answers` walks the questions in order and
stops at the first one not yet answered: on first showing that is no error, but an empty or
made-up answer is (the form sends `step` with the question's name, so an empty answer is told
apart from none). The back link drops the last answer; the summary lists the answers, each
with a link that asks its question again keeping only the answers given before it.

The "Who should I contact?" finder (contacts/finder.py) and "Which Prevent training do I
need?" (training_finder/finder.py) are built on it.
"""

from dataclasses import dataclass, fields
from urllib.parse import urlencode


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


@dataclass(frozen=True)
class SummaryRow:
    question: str
    answer: str
    change_url: str


class ScreenMixin:
    """For a finder's result dataclass: the status code and the template context."""

    @property
    def status_code(self):
        return 400 if self.error else 200

    def as_context(self):
        """The fields as template variables (a shallow copy: model instances stay as they are)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


class StepFinder:
    """The questions of one finder, asked in order. `start_url` is the page the finder belongs
    to (Back from the first question goes there); `finder_url` is the finder's own address, to
    which the answers are added as a query string."""

    steps: tuple[Step, ...] = ()

    def __init__(self, start_url, finder_url):
        self.start_url = start_url
        self.finder_url = finder_url

    def stops_after(self, step, value):
        """True when this answer ends the questions early (such as someone in danger)."""
        return False

    def read_answers(self, query):
        """(answers, the question to ask or None, error or None) for these GET parameters."""
        answers = {}
        for step in self.steps:
            value = query.get(step.name, "")
            if not step.valid(value):
                # No answer on first showing is no error; an empty or made-up answer is.
                error = step.error if value or query.get("step") == step.name else None
                return answers, step, error
            answers[step.name] = value
            if self.stops_after(step, value):
                break
        return answers, None, None

    def summary(self, answers, steps=None):
        """Each answered question (of `steps`, all by default) with a link to ask it again."""
        rows = []
        for step in self.steps if steps is None else steps:
            before = self.steps[: self.steps.index(step)]
            rows.append(
                SummaryRow(
                    question=step.question,
                    answer=step.label(answers[step.name]),
                    change_url=self.url({s.name: answers[s.name] for s in before}),
                )
            )
        return rows

    def back_url(self, answers):
        """Back one question: drop the last answer given (or leave the finder at the start)."""
        if not answers:
            return self.start_url
        return self.url(dict(list(answers.items())[:-1]))

    def url(self, answers):
        query = urlencode(answers)
        return self.finder_url + (f"?{query}" if query else "")
