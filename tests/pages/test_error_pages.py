"""Every error a visitor can cause gets a page in the site's layout, with the 999 notice first,
and the right status: never Django's bare pages or an empty body."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from newsletters.models import Subscriber
from newsletters.tokens import make_confirm_token, make_unsubscribe_token
from pages.error_views import csrf_failure
from prevent_site import urls as site_urls
from tests import factories
from tests.contacts.test_emergency_notice import assert_notice_before_main
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def forbidden(request):
    raise PermissionDenied


# The site's own URLs and error handlers, plus one page that refuses everyone: the site itself
# has no page a visitor is refused outright (private pages ask them to sign in).
urlpatterns = [path("forbidden/", forbidden), *site_urls.urlpatterns]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@pytest.fixture
def newsletter(home_page):
    return factories.NewsletterIndexPageFactory(parent=home_page)


def assert_error_page(response, status, heading, council="Testshire Council", csp=True):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    soup = soup_of(response)
    assert text_of(soup.h1) == heading
    assert council in text_of(soup.select_one("header.app-header"))
    assert_notice_before_main(soup, f"{status} page")
    assert soup.select_one("footer.govuk-footer") is not None
    if csp:  # the page's nonced style and script still work under the strict policy
        assert soup.select_one("head style")["nonce"] in response["Content-Security-Policy"]
    return soup


def test_a_host_the_site_does_not_serve_gets_the_400_page(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    response = client.get("/", HTTP_HOST="attacker.example")
    # Refused by a middleware above the policy's, before any of the site's code runs.
    assert_error_page(response, 400, "Sorry, there is a problem with your request", csp=False)


def test_a_form_with_too_many_fields_gets_the_400_page(client, newsletter, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    fields = {f"field{n}": "x" for n in range(101)}
    response = client.post("/email/subscribe/", {"email": "a@example.org", **fields})
    assert_error_page(response, 400, "Sorry, there is a problem with your request")


def test_a_refused_page_gets_the_403_page(client, home_page, settings):
    settings.ROOT_URLCONF = __name__
    assert_error_page(client.get("/forbidden/"), 403, "You cannot see this page")


def test_a_missing_page_gets_the_404_page(client, home_page):
    soup = assert_error_page(client.get("/no-such-page/"), 404, "Page not found")
    assert soup.select_one("main a[href='/search/']") is not None


def test_a_newsletter_confirmation_without_the_csrf_cookie_gets_a_way_back(client, newsletter):
    """An email app's browser may open the link, then send the button without the cookie."""
    token = make_confirm_token(newsletter.get_site().pk, "resident@example.org")
    url = f"/email/confirm/{token}/"
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(url)
    soup = assert_error_page(response, 403, "Your form could not be sent")
    assert "CSRF" not in text_of(soup)
    assert not Subscriber.objects.exists()

    # Opening the page again gives the form a fresh token, and then it works.
    again = soup.select_one("main a[href^='/email/confirm/']")["href"]
    assert again == url
    form = soup_of(browser.get(again))
    csrf_token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    confirmed = browser.post(again, {"csrfmiddlewaretoken": csrf_token})
    assert "You are subscribed" in text_of(soup_of(confirmed))
    assert Subscriber.objects.filter(email="resident@example.org").exists()


def test_the_csrf_page_never_links_to_another_site(home_page, rf):
    # A path starting "//" would make "Open the page again" a link to another host.
    request = rf.post("/x/", PATH_INFO="//attacker.example/x/")
    soup = soup_of(csrf_failure(request))
    assert soup.select_one("main a[href='/attacker.example/x/']") is not None


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_a_wrong_method_on_unsubscribe_gets_the_405_page(client, newsletter, method):
    token = make_unsubscribe_token(newsletter.get_site().pk, "resident@example.org")
    response = getattr(client, method)(f"/email/unsubscribe/{token}/")
    assert_error_page(response, 405, "Sorry, this page cannot do that")
    assert response["Allow"] == "GET, POST"


def test_posting_to_search_gets_the_405_page_not_a_csrf_failure(home_page):
    response = Client(enforce_csrf_checks=True).post("/search/", {"q": "prevent"})
    assert_error_page(response, 405, "Sorry, this page cannot do that")
    assert response["Allow"] == "GET, HEAD"


def test_too_many_sign_ups_get_the_429_page(client, newsletter):
    for n in range(5):
        client.post("/email/subscribe/", {"email": f"p{n}@example.org"})
    response = client.post("/email/subscribe/", {"email": "p6@example.org"})
    assert_error_page(response, 429, "Too many attempts")


def test_a_failure_gets_the_500_page_with_the_notice(client, home_page):
    client.raise_request_exception = False
    with mock.patch("pages.pagination.Paginator", side_effect=RuntimeError("bug")):
        response = client.get("/search/", {"q": "prevent"})
    assert response.status_code == 500
    soup = soup_of(response)
    assert text_of(soup.h1) == "Sorry, there is a problem with the service"
    # Rendered with no database, so in the layout without the council's name.
    assert "Prevent" in text_of(soup.select_one("header.app-header"))
    assert_notice_before_main(soup, "500 page")
    assert "RuntimeError" not in response.content.decode()
