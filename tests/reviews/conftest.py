import pytest


@pytest.fixture
def officer(officer):
    """officer("Test publishers") -> (user, signed-in client), the account in that group, with
    an email address (digests go to it)."""

    def sign_in(group_name, username=None, email=None):
        username = username or group_name.replace(" ", "-")
        client = officer(group_name, username=username, email=email or f"{username}@example.gov.uk")
        return client.user, client

    return sign_in
