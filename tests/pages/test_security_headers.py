"""Every public page type sends the headers that keep readers safe; the admin has its own CSP."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "/",
    "/contest/",
    "/contest/prevent/",
    "/prevent-duty/",
    "/what-is-extremism/",
    "/community-projects/",
    "/community-projects/parenting-programme/",
    "/training/",
    "/training/wrap/",
    "/worried-about-someone/",
    "/worried-about-someone/who-should-i-contact/",
    "/contacts/",
    "/newsletter/",
    "/newsletter/july-2023/",
    "/search/?q=prevent",
    "/no-such-page/",
]


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_every_public_page_type_sends_strict_headers(client):
    call_command("load_seed_content")
    for path in PAGE_TYPES:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        csp = directives(response["Content-Security-Policy"])
        assert csp["default-src"] == ["'none'"], path
        assert csp["frame-ancestors"] == ["'none'"], path
        assert csp["form-action"] == ["'self'"], path
        assert csp["base-uri"] == ["'none'"], path
        assert all("unsafe" not in value for values in csp.values() for value in values), path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", path
        permissions = response["Permissions-Policy"]
        assert "camera=()" in permissions and "geolocation=()" in permissions, path


def test_the_admin_gets_its_own_looser_policy(admin_client):
    csp = directives(admin_client.get("/admin/")["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in csp["script-src"]
