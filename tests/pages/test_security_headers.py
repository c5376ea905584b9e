"""Every public page type sends the headers that keep readers safe; the admin has its own CSP."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.html import soup_of

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
    "/worried-about-someone/before-you-call/",
    "/contacts/",
    "/newsletter/",
    "/newsletter/july-2023/",
    "/search/?q=prevent",
    "/no-such-page/",
]


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_every_public_page_type_sends_strict_headers(client, seeded):
    for path in PAGE_TYPES:
        response = client.get(path)
        assert response.status_code == (404 if path == "/no-such-page/" else 200), path
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


def test_a_preview_may_be_framed_by_the_admin_only(admin_client, home_page):
    """The editor's preview panel frames the preview; a live page refuses every frame."""
    edit = f"/admin/pages/{home_page.pk}/edit/preview/"
    form = nested_form_data(
        {
            "title": "Home in preview",
            "slug": home_page.slug,
            "summary": "A summary.",
            "intro": rich_text("<p>Words.</p>"),
            "body": streamfield([]),
        }
    )
    posted = admin_client.post(edit, form)
    assert posted.status_code == 200 and posted.json()["is_valid"], posted.content
    preview = admin_client.get(f"{edit}?in_preview_panel=true")
    assert "Home in preview" in preview.content.decode()
    csp = directives(preview["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["default-src"] == ["'none'"] and csp["script-src"][0] == "'self'"
    assert preview["X-Frame-Options"] == "SAMEORIGIN"

    live = admin_client.get("/")
    assert directives(live["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert live["X-Frame-Options"] == "DENY"


def test_public_pages_have_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    for script in soup_of(client.get("/")).find_all("script"):
        assert script.get("src") or script.get("nonce"), "inline script without a nonce"
