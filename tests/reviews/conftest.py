import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Site

from tests import factories
from tests.conftest import verify_second_factor


@pytest.fixture
def councils(home_page, site):
    """The test site ("Test") and a second council, each with its groups from
    create_site_groups."""
    other_home = factories.HomePageFactory(
        parent=Page.get_first_root_node(), slug="otherton", title="Prevent in Otherton"
    )
    other = Site.objects.create(
        hostname="otherton.localhost", root_page=other_home, site_name="Otherton"
    )
    call_command("create_site_groups", stdout=io.StringIO())
    return {"own": site, "other": other}


@pytest.fixture
def officer(db, django_user_model):
    """officer("Test publishers") -> (user, signed-in client), the account in that group."""

    def sign_in(group_name, username=None, email=None):
        username = username or group_name.replace(" ", "-")
        user = django_user_model.objects.create_user(
            username=username,
            email=email or f"{username}@example.gov.uk",
            password="a-long-test-password-123",
        )
        user.groups.add(Group.objects.get(name=group_name))
        client = Client()
        client.force_login(user)
        verify_second_factor(client, user)
        return user, client

    return sign_in


def refused(response):
    """Wagtail answers a forbidden admin page by sending the officer to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )
