"""The admin report shows each officer the links of their own councils only."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from linkcheck.models import CheckedLink, LinkUse
from tests import factories
from tests.conftest import verify_second_factor
from tests.html import soup_of

REPORT = "/admin/reports/links/"


def found(url, status, **fields):
    return CheckedLink.objects.create(url=url, status=status, last_checked=timezone.now(), **fields)


@pytest.fixture
def results(councils):
    """What a check found: a broken link on each council's pages, one on a national contact."""
    own_page = factories.InformationPageFactory(
        parent=councils["own"].root_page, title="Our guidance"
    )
    other_page = factories.InformationPageFactory(
        parent=councils["other"].root_page, title="Otherton guidance"
    )
    national = factories.ContactPointFactory(site=None, name="Anti-terrorist hotline")
    own_broken = found(
        "https://own.example/gone",
        CheckedLink.Status.BROKEN,
        status_code=404,
        problem="Page not found (404)",
    )
    own_moved = found(
        "https://own.example/old",
        CheckedLink.Status.REDIRECTED,
        status_code=200,
        redirects_to="https://own.example/new",
    )
    own_working = found("https://own.example/fine", CheckedLink.Status.WORKING, status_code=200)
    other_broken = found("https://other.example/gone", CheckedLink.Status.BROKEN, status_code=500)
    national_broken = found("https://national.example/gone", CheckedLink.Status.BROKEN)
    for link in (own_broken, own_moved, own_working):
        LinkUse.objects.create(
            link=link, site=councils["own"], page=own_page, location="Body › List of links"
        )
    LinkUse.objects.create(
        link=other_broken, site=councils["other"], page=other_page, location="Body › Text"
    )
    LinkUse.objects.create(link=national_broken, site=None, contact=national, location="Website")
    return {"own_page": own_page, "other_page": other_page, "national": national}


def rows(response):
    return {
        row.select_one("td").get_text(strip=True): row
        for row in soup_of(response).select("tr[data-link-status]")
    }


def test_an_officer_sees_broken_and_redirected_links_of_their_own_council(officer, results):
    client = officer("Test editors")
    response = client.get(REPORT)
    assert response.status_code == 200

    shown = rows(response)
    assert set(shown) == {"https://own.example/gone", "https://own.example/old"}
    broken = shown["https://own.example/gone"]
    assert "Broken" in broken.get_text() and "Page not found (404)" in broken.get_text()
    edit_link = broken.select_one("ul a")
    assert edit_link["href"] == reverse("wagtailadmin_pages:edit", args=[results["own_page"].pk])
    assert edit_link.get_text(strip=True) == "Our guidance"
    assert "Body › List of links" in broken.get_text()
    moved = shown["https://own.example/old"]
    assert "Now at" in moved.get_text() and "https://own.example/new" in moved.get_text()
    assert moved.select("time")  # last checked


def test_every_status_on_request_still_only_their_own_council(officer, results):
    client = officer("Test publishers")
    shown = rows(client.get(REPORT, {"status": ""}))
    assert set(shown) == {
        "https://own.example/gone",
        "https://own.example/old",
        "https://own.example/fine",
    }


def test_asking_for_another_council_shows_nothing_of_it(officer, results, councils):
    client = officer("Test editors")
    response = client.get(REPORT, {"council": councils["other"].pk, "status": ""})
    assert response.status_code == 200
    assert "https://other.example/gone" not in response.content.decode()


def test_a_superuser_sees_every_council_and_the_national_contacts(admin_client, results):
    response = admin_client.get(REPORT)
    shown = rows(response)
    assert set(shown) == {
        "https://own.example/gone",
        "https://own.example/old",
        "https://other.example/gone",
        "https://national.example/gone",
    }
    national = shown["https://national.example/gone"]
    assert "national contact" in national.get_text()
    assert national.select_one("ul a").get_text(strip=True) == "Anti-terrorist hotline"


def test_an_officer_of_no_council_is_refused(results, django_user_model):
    user = django_user_model.objects.create_user(username="nobody", password="x-long-pass-123")
    user.groups.add(Group.objects.get_or_create(name="Admin access only")[0])
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)

    response = client.get(REPORT)

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert (
        "Links to other websites" not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_reports_menu_offers_the_report_to_officers(officer, results):
    client = officer("Test editors")
    assert "Links to other websites" in client.get(reverse("wagtailadmin_home")).content.decode()
