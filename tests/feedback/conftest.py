import time

import pytest

from pages import spam
from tests import factories
from tests.html import soup_of


@pytest.fixture
def info_page(home_page):
    return factories.InformationPageFactory(parent=home_page, title="Spotting the signs")


@pytest.fixture
def concern_page(home_page):
    return factories.ConcernReportingPageFactory(parent=home_page, title="Worried about someone?")


def form_data(response, selector="form[data-feedback-answer]"):
    """The fields of a feedback form as the page rendered them."""
    form = soup_of(response).select_one(selector)
    return {field["name"]: field.get("value", "") for field in form.select("input[name]")}


def answered_later(data, seconds=30):
    """The form as if the page had been rendered `seconds` ago: how long a person reads."""
    return {**data, "rendered": spam.render_stamp(at=time.time() - seconds)}


def answered_at_once(data):
    """The form as if sent the moment the page opened. The page's own stamp would do on an idle
    machine, but on a loaded one rendering and parsing the page can take longer than
    MIN_SECONDS; a stamp a minute ahead is "at once" however slow the machine."""
    assert data["rendered"], "the page renders a stamp"
    return {**data, "rendered": spam.render_stamp(at=time.time() + 60)}
