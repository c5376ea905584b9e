"""Each council's seeded "Which Prevent training do I need?" loads, answers every sector and
role with GOV.UK's e-learning and a refresh interval, and uses the council's seeded courses."""

import itertools

import pytest
from django.core.management import call_command
from icalendar import Calendar

from tests.html import soup_of, text_of
from training_finder.finder import ROLE_QUESTION_CHOICES, SECTOR_QUESTION_CHOICES
from training_finder.models import TrainingFinderPage

pytestmark = pytest.mark.django_db

FINDERS = {
    "localhost": "/training/which-training/",
    "rochford.localhost": "/which-prevent-training/",
    "londoncouncils.localhost": "/which-prevent-training/",
}
GOV_UK_TRAINING = "https://www.gov.uk/guidance/prevent-duty-training"


def test_every_council_has_a_finder_that_answers_every_sector_and_role(client):
    call_command("load_seed_content")
    assert TrainingFinderPage.objects.live().count() == 3

    for host, path in FINDERS.items():
        assert client.get(path, HTTP_HOST=host).status_code == 200, host
        for (sector, _), (role, _) in itertools.product(
            SECTOR_QUESTION_CHOICES, ROLE_QUESTION_CHOICES
        ):
            response = client.get(
                f"{path}questions/", {"sector": sector, "role": role}, HTTP_HOST=host
            )
            where = f"{host} {sector} {role}"
            assert response.status_code == 200, where
            main = soup_of(response).select_one("main")
            # Every path has an answer: the awareness course first, and a refresh date.
            first = main.select_one("h3 a")
            assert (text_of(first), first["href"]) == (
                "Prevent awareness course",
                GOV_UK_TRAINING,
            ), where
            assert "When to refresh your training" in text_of(main), where
            assert main.select_one("a[href*='/reminder/?']"), where
            if host != "localhost":
                # Councils with no seeded courses list none.
                assert "Training from" not in text_of(main), where


def test_westminsters_answers_use_its_courses_and_the_school_guidance(client):
    call_command("load_seed_content")
    path = FINDERS["localhost"] + "questions/"

    lead = soup_of(client.get(path, {"sector": "school", "role": "safeguarding-lead"}))
    main = text_of(lead.select_one("main"))
    courses = [a["href"] for a in lead.select("main h3 a[href^='/training/']")]
    assert courses == ["/training/wrap/", "/training/incel-ideology-and-extreme-misogyny/"]
    assert "Take it again every 2 years" in main
    assert "Keeping children safe in education" in main
    assert "Channel awareness course" in main

    staff = text_of(soup_of(client.get(path, {"sector": "school", "role": "staff"})))
    assert "Take it again every year" in staff
    assert "at least once a year" in staff

    volunteer = text_of(soup_of(client.get(path, {"sector": "community", "role": "volunteer"})))
    assert "Take it again every 3 years" in volunteer
    assert "Westminster City Council's recommendation" in volunteer

    training = soup_of(client.get("/training/"))
    assert training.select_one("main a[href='/training/which-training/']")

    response = client.get(FINDERS["localhost"] + "reminder/", {"sector": "health", "role": "staff"})
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert "/training/which-training/questions/?sector=health&role=staff" in str(
        event["DESCRIPTION"]
    )
