import re

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Site

from tests import factories
from tests.network import closed_port


@pytest.fixture
def westminster(site):
    """The test council stands in for Westminster."""
    return site


@pytest.fixture
def rochford(second_site):
    """The second test council stands in for Rochford."""
    return second_site


@pytest.fixture
def mail_server_down(settings):
    """Nothing listens on the mail server's port: every send is refused."""

    def down():
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 2},
            }
        }

    def back():
        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    return down, back


def link_in(message, pattern):
    match = re.search(pattern, message.body)
    assert match, message.body
    return match.group(0)


@pytest.fixture
def subscribe():
    """subscribe(site, email) -> signs up through the form and confirms through the emailed
    link, as a partner would."""

    def sign_up(site: Site, email):
        client = Client(HTTP_HOST=site.hostname)
        response = client.post("/email/contact-updates/subscribe/", {"email": email})
        assert response.status_code == 200
        confirmation = mail.outbox.pop()
        url = link_in(confirmation, r"http://[^/\s]+/email/contact-updates/confirm/\?token=[^\s)]+")
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 200

    return sign_up


@pytest.fixture
def contact(westminster):
    return factories.ContactPointFactory(
        site=westminster, key="prevent-team", name="Prevent team", phone="+442076416032"
    )


@pytest.fixture
def national_contact(westminster):
    return factories.ContactPointFactory(
        site=None, key="anti-terror-hotline", name="Anti-Terrorist Hotline", phone="+44800789321"
    )
