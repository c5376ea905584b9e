"""The "Due for review" report and the dashboard panel: per council, only the officer's own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import ContactPoint
from tests import factories
from tests.conftest import refused
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def set_reviewed(page, day):
    page.last_review_date = page.last_updated = day
    page.save(update_fields=["last_review_date", "last_updated", "next_review_date"], clean=False)


@pytest.fixture
def schedule(councils):
    today = timezone.localdate()
    own, other = councils["own"], councils["other"]
    overdue = factories.InformationPageFactory(parent=own.root_page, title="Own overdue page")
    set_reviewed(overdue, today - datetime.timedelta(days=400))
    soon = factories.InformationPageFactory(parent=own.root_page, title="Own page due soon")
    set_reviewed(soon, today - datetime.timedelta(days=350))
    fresh = factories.InformationPageFactory(parent=own.root_page, title="Own fresh page")
    set_reviewed(fresh, today)
    set_reviewed(own.root_page.specific, today)
    set_reviewed(other.root_page.specific, today)
    foreign = factories.InformationPageFactory(parent=other.root_page, title="Otherton page")
    set_reviewed(foreign, today - datetime.timedelta(days=400))
    contact = factories.ContactPointFactory(site=own, name="Own unverified contact")
    factories.ContactPointFactory(site=other, name="Otherton contact")
    return {"overdue": overdue, "soon": soon, "fresh": fresh, "contact": contact}


def report_sections(response):
    soup = soup_of(response)
    return {
        table["id"]: [text_of(row) for row in table.select("tbody tr")]
        for table in soup.select("table.listing")
    }


def test_report_lists_overdue_and_due_soon_with_owner_and_reviewer(schedule, officer):
    user, client = officer("Test editors")
    response = client.get(reverse("reviews:report"))
    assert response.status_code == 200
    sections = report_sections(response)
    overdue = " | ".join(sections["overdue"])
    due_soon = " | ".join(sections["due-soon"])
    assert "Own overdue page" in overdue
    assert "Own unverified contact" in overdue and "Not yet verified" in overdue
    assert "Test publishers" in overdue  # no named owner: the council's publishers
    assert "Own page due soon" in due_soon
    assert "Own fresh page" not in overdue + due_soon
    assert "Otherton" not in overdue + due_soon

    # A named owner and the reviewer show once set.
    page = schedule["soon"]
    page.review_owner = user
    page.save(update_fields=["review_owner"], clean=False)
    client.post(reverse("reviews:mark_reviewed", args=["page", schedule["overdue"].pk]))
    sections = report_sections(client.get(reverse("reviews:report")))
    assert any("Own page due soon" in row and "Test-editors" in row for row in sections["due-soon"])
    assert not any("Own overdue page" in row for row in sections["overdue"])


def test_an_officer_never_sees_another_councils_report(councils, schedule, officer):
    _, client = officer("Test publishers")
    other = councils["other"]
    response = client.get(reverse("reviews:report"), {"council": other.pk})
    assert response.status_code == 404
    assert client.get(reverse("reviews:report"), {"council": "national"}).status_code == 404
    assert client.get(reverse("reviews:report"), {"council": "nonsense"}).status_code == 404
    # Nor are its items offered on the council chooser.
    assert "Otherton" not in response.content.decode()


def test_a_superuser_chooses_any_council(councils, schedule, admin_client):
    response = admin_client.get(reverse("reviews:report"), {"council": councils["other"].pk})
    assert response.status_code == 200
    overdue = " | ".join(report_sections(response)["overdue"])
    assert "Otherton page" in overdue and "Own overdue page" not in overdue


def test_someone_with_no_council_cannot_open_the_report(db, django_user_model, client):
    from django.contrib.auth.models import Permission

    from tests.conftest import verify_second_factor

    # An officer who may use the admin but works for no council: the report itself refuses.
    user = django_user_model.objects.create_user(username="nobody", password="x-long-pass-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    verify_second_factor(client, user)
    response = client.get(reverse("reviews:report"))
    assert refused(response)


def test_dashboard_panel_shows_the_officers_own_overdue_items(councils, schedule, officer):
    owner, owner_client = officer("Test editors", username="owner")
    _, publisher_client = officer("Test publishers")
    page = schedule["overdue"]
    page.review_owner = owner
    page.save(update_fields=["review_owner"], clean=False)

    panel = text_of(
        soup_of(owner_client.get(reverse("wagtailadmin_home"))).select_one("#my-overdue-reviews")
    )
    assert "Own overdue page" in panel
    assert "Own unverified contact" not in panel  # the publishers' item, not this editor's

    panel = text_of(
        soup_of(publisher_client.get(reverse("wagtailadmin_home"))).select_one(
            "#my-overdue-reviews"
        )
    )
    assert "Own unverified contact" in panel
    assert "Own overdue page" not in panel  # it has a named owner
    assert "Otherton" not in panel


def test_mark_contact_verified_records_who_and_when(councils, schedule, officer):
    user, client = officer("Test editors")
    contact = schedule["contact"]
    contact.save_revision()  # a draft waiting: verifying does not publish or drop it
    url = reverse("reviews:mark_reviewed", args=["contact", contact.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"note": "Rang the number."}).status_code == 302
    contact = ContactPoint.objects.get(pk=contact.pk)
    assert contact.last_verified == timezone.localdate()
    assert contact.last_verified_by == user
    assert contact.last_verified_note == "Rang the number."
    # Publishing the older draft keeps the verification.
    contact.latest_revision.publish()
    contact = ContactPoint.objects.get(pk=contact.pk)
    assert contact.last_verified == timezone.localdate()


def test_another_councils_officer_cannot_verify_or_hold_a_contact(councils, officer):
    _, client = officer("Otherton publishers")
    contact = factories.ContactPointFactory(site=councils["own"])
    assert refused(client.post(reverse("reviews:mark_reviewed", args=["contact", contact.pk])))
    assert refused(client.post(reverse("reviews:hold", args=[contact.pk]), {"reason": "No"}))
    contact.refresh_from_db()
    assert contact.last_verified is None and not contact.is_held


def test_contact_owner_and_interval_are_limited_to_the_council(councils, officer):
    colleague, _ = officer("Test editors")
    stranger, _ = officer("Otherton editors")
    contact = factories.ContactPointFactory(site=councils["own"])
    assert set(contact.review_officers()) >= {colleague}
    assert stranger not in set(contact.review_officers())
    contact.review_owner = stranger
    with pytest.raises(Exception, match="Choose an officer who can change this contact"):
        contact.full_clean()
