import datetime
import socket

import pytest

from tests import factories
from tests.network import closed_port


def smtp_mailer(port, timeout=2):
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }


@pytest.fixture
def mail_server_down(settings):
    """The mail server is down: nothing listens on its port, so every connection is refused."""
    settings.MAILERS = smtp_mailer(closed_port())


@pytest.fixture
def mail_server_hanging(settings):
    """The mail server hangs: it accepts connections but never says a word. Sends give up
    after the mailer's timeout (EMAIL_TIMEOUT in production), here one second."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        settings.MAILERS = smtp_mailer(s.getsockname()[1], timeout=1)
        yield


@pytest.fixture
def mail_server_back(settings):
    """Call to bring the mail server back: emails then go to the test outbox."""

    def back():
        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    return back


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
