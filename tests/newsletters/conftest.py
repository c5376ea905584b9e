import datetime

import pytest

from tests import factories


@pytest.fixture
def newsletter(home_page):
    return factories.NewsletterIndexPageFactory(parent=home_page)


@pytest.fixture
def issue(newsletter):
    page = factories.NewsletterIssuePageFactory(
        parent=newsletter,
        title="Prevent newsletter: July 2023",
        issue_date=datetime.date(2023, 7, 1),
        sections=[
            factories.text_section(
                "Working with communities",
                '<p>Read <a href="/contest/">about CONTEST</a> on our site.</p>',
            ),
            {
                "type": "events",
                "value": {
                    "heading": "Events",
                    "intro": "",
                    "events": [
                        {
                            "title": "Webinar for FE providers",
                            "date": "2023-10-18",
                            "start_time": "10:30:00",
                            "end_time": "12:00:00",
                            "mode": "online",
                            "location": "",
                            "booking_url": "",
                            "note": "",
                        },
                        {
                            "title": "Future briefing",
                            "date": "2099-01-06",
                            "start_time": None,
                            "end_time": None,
                            "mode": "in_person",
                            "location": "City Hall",
                            "booking_url": "https://example.org/book",
                            "note": "",
                        },
                    ],
                },
            },
            factories.text_section("Working with communities", "<p>Second section, same name.</p>"),
        ],
    )
    page.save_revision().publish()
    return page
