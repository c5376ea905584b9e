"""Council publishers manage their own council's alerts in the admin, and only those; the
form refuses an alert that would never show or could not go away, with a clear message."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupSitePermission

from alerts.models import Alert
from tests import factories
from tests.alerts.conftest import HOUR
from tests.conftest import refused
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_alerts_alert:list"
ADD = "wagtailsnippets_alerts_alert:add"
EDIT = "wagtailsnippets_alerts_alert:edit"
DELETE = "wagtailsnippets_alerts_alert:delete"


def uk(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def alert_form(site, *, starts=None, ends=None, sections=(), **fields):
    now = timezone.now()
    data = {
        "site": site.pk,
        "kind": "information",
        "title": "Our phone line is closed today",
        "text": "Email the Prevent team instead.",
        "link_url": "",
        "link_text": "",
        "starts_at": uk(starts or now - datetime.timedelta(minutes=5)),
        "ends_at": uk(ends or now + 2 * HOUR),
        "show_on": "sections" if sections else "all",
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    for n, page in enumerate(sections):
        data.update({f"sections-{n}-page": page.pk, f"sections-{n}-ORDER": str(n + 1)})
    data.update(fields)
    return data


def error_messages(response):
    return [text_of(e) for e in soup_of(response).select(".error-message")]


def test_the_groups_give_publishers_alerts_and_editors_none(councils):
    publishers = Group.objects.get(name="Test publishers")
    editors = Group.objects.get(name="Test editors")

    def rights(group):
        return set(
            GroupSitePermission.objects.filter(
                group=group, permission__content_type__app_label="alerts"
            ).values_list("site__site_name", "permission__codename")
        )

    assert rights(publishers) == {
        ("Test", "add_alert"),
        ("Test", "change_alert"),
        ("Test", "delete_alert"),
    }
    assert rights(editors) == set()


def test_a_publisher_posts_an_alert_for_their_council_and_it_shows(councils, officer, client):
    admin = officer("Test publishers")
    response = admin.post(reverse(ADD), alert_form(councils["own"], title="Helpline closed"))
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert alert.site == councils["own"]
    front = soup_of(client.get("/"))
    assert text_of(front.select_one(".govuk-notification-banner__heading")) == "Helpline closed"


def test_a_publisher_sees_and_changes_their_own_councils_alerts_only(councils, officer, make_alert):
    own = make_alert(councils["own"], title="Own council's alert")
    other = make_alert(councils["other"], title="Otherton's alert")
    admin = officer("Test publishers")
    listing = text_of(soup_of(admin.get(reverse(LIST))).main)
    assert "Own council's alert" in listing and "Otherton's alert" not in listing
    assert admin.get(reverse(EDIT, args=[own.pk])).status_code == 200

    for response in (
        admin.get(reverse(EDIT, args=[other.pk])),
        admin.post(reverse(EDIT, args=[other.pk]), alert_form(councils["other"], title="Hacked")),
        admin.get(reverse(DELETE, args=[other.pk])),
        admin.post(reverse(DELETE, args=[other.pk])),
    ):
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    other.refresh_from_db()
    assert other.title == "Otherton's alert"

    # Nor can they post a new alert onto the other council's site.
    response = admin.post(reverse(ADD), alert_form(councils["other"], title="Sneaked in"))
    assert response.status_code == 200
    assert not Alert.objects.filter(title="Sneaked in").exists()
    assert "Select a valid choice" in " ".join(error_messages(response))


def test_editors_have_no_alerts(councils, officer, make_alert):
    make_alert(councils["own"])
    editor = officer("Test editors")
    assert refused(editor.get(reverse(LIST)))
    assert refused(editor.get(reverse(ADD)))


def test_a_superuser_manages_every_councils_alerts(councils, admin_client, make_alert):
    make_alert(councils["own"], title="Own council's alert")
    make_alert(councils["other"], title="Otherton's alert")
    listing = text_of(soup_of(admin_client.get(reverse(LIST))).main)
    assert "Own council's alert" in listing and "Otherton's alert" in listing


def test_the_list_shows_each_alerts_status(councils, officer, make_alert):
    make_alert(councils["own"], title="Later", starts=HOUR, ends=2 * HOUR)
    make_alert(councils["own"], title="Now")
    make_alert(councils["own"], title="Before", starts=-2 * HOUR, ends=-HOUR)
    soup = soup_of(officer("Test publishers").get(reverse(LIST)))
    status = {
        text_of(row.select_one("td a")): text_of(row.select_one(".w-status"))
        for row in soup.select("table.listing tbody tr")
    }
    assert status == {"Later": "Scheduled", "Now": "Showing now", "Before": "Ended"}


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (
            {"starts": "+2h", "ends": "+1h"},
            "ends_at",
            "The end must be after the start.",
        ),
        (
            {"starts": "-3h", "ends": "-1h"},
            "ends_at",
            "The end must be in the future, or the alert would never show.",
        ),
        (
            {"starts": "+0h", "ends": "+2400h"},
            "ends_at",
            "The end must be no more than 90 days after the start.",
        ),
        ({"ends_at": ""}, "ends_at", "This field is required."),
        (
            {"link_url": "https://example.org/news"},
            "link_text",
            "Enter the words of the link, or remove the link address.",
        ),
        (
            {"link_text": "Read more"},
            "link_url",
            "Enter the link address, or remove the words of the link.",
        ),
        (
            {"link_url": "javascript:alert(1)", "link_text": "Read more"},
            "link_url",
            "Enter a valid URL.",
        ),
        (
            {"show_on": "sections"},
            "show_on",
            "Choose at least one section below, or show the alert on every page.",
        ),
    ],
    ids=[
        "end-before-start",
        "ended",
        "too-long",
        "no-end",
        "no-link-text",
        "no-link",
        "script-link",
        "no-section",
    ],
)
def test_the_form_says_what_is_wrong_and_keeps_what_was_typed(
    councils, officer, fields, field, message
):
    now = timezone.now()
    times = {
        key: now + datetime.timedelta(hours=int(fields.pop(key)[:-1]))
        for key in ("starts", "ends")
        if key in fields
    }
    data = alert_form(councils["own"], title="Typed by the officer", **times, **fields)
    response = officer("Test publishers").post(reverse(ADD), data)
    assert response.status_code == 200
    assert not Alert.objects.exists()
    soup = soup_of(response)
    errors = [text_of(e) for e in soup.select(f'[data-contentpath="{field}"] .error-message')]
    assert len(errors) == 1 and errors[0].startswith(message)
    assert soup.select_one("#id_title")["value"] == "Typed by the officer"


def test_a_section_must_be_a_page_of_the_alerts_own_council(councils, officer):
    other_page = factories.InformationPageFactory(
        parent=councils["other"].root_page, title="Otherton schools"
    )
    data = alert_form(councils["own"], sections=[other_page])
    response = officer("Test publishers").post(reverse(ADD), data)
    assert response.status_code == 200
    assert not Alert.objects.exists()
    assert "Otherton schools belongs to Otherton: choose a page of Test." in text_of(
        soup_of(response)
    )
