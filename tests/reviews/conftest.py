import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.conftest import verify_second_factor


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
