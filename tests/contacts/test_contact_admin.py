"""Contacts in the admin for council officers: publish, unpublish and schedule from the edit
view's own buttons, a list that shows drafts, and approval by the contact's own council."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from contacts.models import ContactPoint, CouncilPublisherApprovalTask
from tests import factories
from tests.html import soup_of, text_of

OWN_EDITORS, OWN_PUBLISHERS = "Test editors", "Test publishers"
OTHER_EDITORS, OTHER_PUBLISHERS = "Otherton editors", "Otherton publishers"


@pytest.fixture
def contact(councils):
    """A published contact of the 'Test' council, verified today (so no review is due)."""
    contact = factories.ContactPointFactory(
        site=councils["own"],
        key="prevent-team",
        name="Testshire Prevent team",
        last_verified=timezone.localdate(),
    )
    contact.save_revision().publish()
    return contact


def edit_url(contact):
    return reverse("wagtailsnippets_contacts_contactpoint:edit", args=[contact.pk])


def form(contact, **overrides):
    return factories.contact_form_data(contact, **overrides)


def action_menu(response):
    """The labels of the edit view's action buttons (the default one and the drop-up)."""
    footer = soup_of(response).select_one("footer")
    return {text_of(item) for item in footer.select("button, a.button")}


def messages_of(response):
    """The admin's messages at the top of the page, without their buttons."""
    soup = soup_of(response)
    for buttons in soup.select(".messages li .buttons"):
        buttons.decompose()
    return [text_of(item) for item in soup.select(".messages li")]


def publish_buttons(response):
    return {"Publish", "Unpublish"} & action_menu(response)


# The edit view's buttons


def test_a_publisher_of_the_contacts_council_gets_publish_and_unpublish(contact, officer):
    response = officer(OWN_PUBLISHERS).get(edit_url(contact))
    assert response.status_code == 200
    assert publish_buttons(response) == {"Publish", "Unpublish"}


def test_an_editor_gets_no_publish_button_but_can_submit_for_approval(contact, officer):
    response = officer(OWN_EDITORS).get(edit_url(contact))
    assert response.status_code == 200
    menu = action_menu(response)
    assert not publish_buttons(response)
    assert "Submit to Contact approval" in menu


def test_another_councils_publisher_gets_no_publish_button(contact, officer):
    # A publisher elsewhere cannot open the contact at all ...
    response = officer(OTHER_PUBLISHERS).get(edit_url(contact))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")

    # ... and one who is only an editor here has no Publish button here, and posting it by
    # hand keeps the change a draft.
    client = officer(OTHER_PUBLISHERS, OWN_EDITORS)
    assert not publish_buttons(client.get(edit_url(contact)))
    response = client.post(
        edit_url(contact), form(contact, phone="020 7946 0999", **{"action-publish": "publish"})
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "+442076416032"  # live details unchanged
    assert contact.latest_revision.as_object().phone == "+442079460999"


def test_a_new_contact_offers_publish_to_publishers_only(councils, officer):
    add = reverse("wagtailsnippets_contacts_contactpoint:add")
    assert "Publish" in action_menu(officer(OWN_PUBLISHERS).get(add))
    assert "Publish" not in action_menu(officer(OWN_EDITORS).get(add))


def test_a_new_contact_is_published_only_under_a_council_the_officer_publishes_for(
    councils, officer
):
    client = officer(OTHER_PUBLISHERS, OWN_EDITORS)
    add = reverse("wagtailsnippets_contacts_contactpoint:add")
    for key, site in (("ours", councils["own"]), ("theirs", councils["other"])):
        template = ContactPoint(key=key, name=f"Team {key}", handles="Anything.")
        client.post(add, form(template, site=site.pk, **{"action-publish": "publish"}))
    assert not ContactPoint.objects.get(key="ours").live  # an editor here: a draft
    assert ContactPoint.objects.get(key="theirs").live  # a publisher there


# Publishing, unpublishing and scheduling through the admin's own posts


def test_a_publisher_publishes_a_change_and_the_site_shows_it(contact, officer, councils):
    directory = factories.ContactDirectoryPageFactory(parent=councils["own"].root_page)
    client = officer(OWN_PUBLISHERS)
    response = client.post(
        edit_url(contact),
        form(contact, hours="8am to 6pm, every day", **{"action-publish": "publish"}),
        follow=True,
    )
    assert "Contact 'Testshire Prevent team (Test)' updated and published." in messages_of(response)
    contact.refresh_from_db()
    assert contact.live and contact.hours == "8am to 6pm, every day"
    assert "8am to 6pm, every day" in text_of(soup_of(Client().get(directory.url)).main)


def test_a_publisher_unpublishes_a_contact(contact, officer, councils):
    client = officer(OWN_PUBLISHERS)
    unpublish = reverse("wagtailsnippets_contacts_contactpoint:unpublish", args=[contact.pk])
    assert client.get(unpublish).status_code == 200
    assert client.post(unpublish).status_code == 302
    contact.refresh_from_db()
    assert not contact.live
    assert contact not in ContactPoint.objects.for_site(councils["own"])


def test_an_editor_cannot_unpublish(contact, officer):
    unpublish = reverse("wagtailsnippets_contacts_contactpoint:unpublish", args=[contact.pk])
    response = officer(OWN_EDITORS).post(unpublish)
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    contact.refresh_from_db()
    assert contact.live


def noon_in(days):
    """Midday, `days` from today, as the admin's date field takes it. Midday, because a time in
    the hour the clocks change is refused (it does not exist, or exists twice)."""
    return f"{timezone.localdate() + datetime.timedelta(days=days):%Y-%m-%d} 12:00"


def clock_moves_on(monkeypatch, days):
    """Time in tests is set, not waited for: Wagtail and its scheduler read timezone.now()."""
    later = timezone.now() + datetime.timedelta(days=days)
    monkeypatch.setattr(timezone, "now", lambda: later)


def test_a_publisher_schedules_a_change_to_go_live_later(contact, officer, monkeypatch):
    client = officer(OWN_PUBLISHERS)
    response = client.post(
        edit_url(contact),
        form(
            contact,
            hours="24 hours a day",
            go_live_at=noon_in(7),
            **{"action-publish": "publish"},
        ),
        follow=True,
    )
    assert (
        "Contact 'Testshire Prevent team (Test)' is live and this version has been scheduled "
        "for publishing." in messages_of(response)
    )
    contact.refresh_from_db()
    assert contact.hours != "24 hours a day"  # not yet
    scheduled = contact.scheduled_revision
    assert scheduled is not None

    # A week later the scheduler (cron in production) publishes the change.
    clock_moves_on(monkeypatch, days=8)
    call_command("publish_scheduled", stdout=io.StringIO())
    contact.refresh_from_db()
    assert contact.live and contact.hours == "24 hours a day"


def test_a_publisher_sets_an_expiry_date_and_the_contact_goes_off_the_site(
    contact, officer, councils, monkeypatch
):
    client = officer(OWN_PUBLISHERS)
    client.post(
        edit_url(contact),
        form(contact, expire_at=noon_in(30), **{"action-publish": "publish"}),
    )
    contact.refresh_from_db()
    assert contact.live and contact.expire_at is not None

    clock_moves_on(monkeypatch, days=31)
    call_command("publish_scheduled", stdout=io.StringIO())
    contact.refresh_from_db()
    assert not contact.live and contact.expired
    assert contact not in ContactPoint.objects.for_site(councils["own"])


def test_an_editors_schedule_waits_as_a_draft(contact, officer):
    officer(OWN_EDITORS).post(
        edit_url(contact),
        form(
            contact,
            go_live_at=noon_in(7),
            **{"action-publish": "publish"},
        ),
    )
    contact.refresh_from_db()
    assert contact.scheduled_revision is None
    assert contact.has_unpublished_changes


# What the admin says, and what the list shows


def test_saving_says_saved_as_a_draft(contact, officer):
    response = officer(OWN_EDITORS).post(
        edit_url(contact), form(contact, phone="020 7946 0999"), follow=True
    )
    assert messages_of(response) == [
        "Contact 'Testshire Prevent team (Test)' saved as a draft. The site shows the "
        "published details until this draft is published."
    ]

    add = reverse("wagtailsnippets_contacts_contactpoint:add")
    template = ContactPoint(key="new-team", name="New team", handles="Anything.")
    response = officer(OWN_PUBLISHERS).post(add, form(template, site=contact.site_id), follow=True)
    assert messages_of(response) == [
        "Contact 'New team (Test)' saved as a draft. It is not on the site until it is published.",
        # A new contact has not been checked by anyone yet, and the editor says so.
        "Not yet verified. Check it is correct, then use “Mark as verified”.",
    ]
    assert not ContactPoint.objects.get(key="new-team").live


def list_rows(client):
    """The contacts list as {name: {column label: cell text}}."""
    soup = soup_of(client.get(reverse("wagtailsnippets_contacts_contactpoint:list")))
    table = soup.select_one("table.listing")
    labels = [text_of(th) for th in table.select("thead th")]
    rows = {}
    for tr in table.select("tbody tr"):
        name = text_of(tr.select_one("td.title [id$='_title']"))
        rows[name] = dict(zip(labels, (text_of(td) for td in tr.select("td")), strict=True))
    return rows


def test_the_list_shows_drafts_and_who_changed_them_last(contact, officer, councils):
    untouched = factories.ContactPointFactory(site=councils["own"], name="Children's Services")
    untouched.save_revision().publish()
    editor = officer(OWN_EDITORS, username="ann")
    editor.post(edit_url(contact), form(contact, phone="020 7946 0999"))

    rows = list_rows(officer(OWN_PUBLISHERS))
    assert rows["Testshire Prevent team"]["Status"] == "live + draft"
    assert rows["Testshire Prevent team"]["Changed by"] == "ann"
    assert rows["Testshire Prevent team"]["Last changed"] != ""
    assert rows["Children's Services"]["Status"] == "live"


# Approval by the contact's own council's publishers


def submit(client, contact, **changes):
    return client.post(
        edit_url(contact), form(contact, **changes, **{"action-submit": "submit"}), follow=True
    )


def test_an_editors_change_goes_to_their_own_councils_publishers_only(contact, officer):
    own = officer(OWN_PUBLISHERS, email="own-publisher@example.gov.uk")
    other = officer(OTHER_PUBLISHERS, email="other-publisher@example.gov.uk")
    editor = officer(OWN_EDITORS)
    response = submit(editor, contact, phone="020 7946 0999")
    assert messages_of(response) == [
        "Contact 'Testshire Prevent team (Test)' sent to the council's publishers for approval."
    ]
    contact.refresh_from_db()
    assert contact.workflow_in_progress
    assert contact.phone == "+442076416032"
    assert isinstance(contact.current_workflow_task, CouncilPublisherApprovalTask)

    reviewable = TaskState.objects.reviewable_by(own.user)
    assert [state.pk for state in reviewable] == [contact.current_workflow_task_state.pk]
    assert not TaskState.objects.reviewable_by(other.user).exists()
    assert not TaskState.objects.reviewable_by(officer(OWN_EDITORS, username="bob").user).exists()

    dashboard = reverse("wagtailadmin_home")
    assert "Testshire Prevent team" in text_of(soup_of(own.get(dashboard)).main)
    assert "Testshire Prevent team" not in text_of(soup_of(other.get(dashboard)).main)

    # The council's publishers are emailed, no one elsewhere.
    assert [message.to for message in mail.outbox] == [["own-publisher@example.gov.uk"]]
    assert "Testshire Prevent team" in mail.outbox[0].subject

    # The publisher sees Approve and Request changes in the edit view's menu.
    menu = action_menu(own.get(edit_url(contact)))
    assert {"Approve and Publish", "Request changes"} <= menu
    # While it waits, the editor cannot change it.
    assert "Locked" in action_menu(editor.get(edit_url(contact)))


def approve(client, contact, action="approve", **extra):
    return client.post(
        edit_url(contact),
        form(
            contact,
            phone="020 7946 0999",
            **{"action-workflow-action": "true", "workflow-action-name": action},
            **extra,
        ),
        follow=True,
    )


def test_a_publisher_approves_and_the_change_is_published(contact, officer):
    submit(officer(OWN_EDITORS), contact, phone="020 7946 0999")
    approve(officer(OWN_PUBLISHERS), contact)
    contact.refresh_from_db()
    assert contact.phone == "+442079460999" and contact.live
    assert not contact.workflow_in_progress
    state = WorkflowState.objects.for_instance(contact).get()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_a_publisher_requests_changes_and_nothing_is_published(contact, officer):
    editor = officer(OWN_EDITORS)
    submit(editor, contact, phone="020 7946 0999")
    approve(
        officer(OWN_PUBLISHERS),
        contact,
        action="reject",
        **{"workflow-action-extra-data": '{"comment": "Check the number."}'},
    )
    contact.refresh_from_db()
    assert contact.phone == "+442076416032"
    assert contact.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    # The editor can change it again and resubmit.
    assert "Resubmit to Council publishers' approval" in action_menu(editor.get(edit_url(contact)))


def test_another_councils_publisher_cannot_approve(contact, officer):
    submit(officer(OWN_EDITORS), contact, phone="020 7946 0999")
    task_state = contact.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_contacts_contactpoint:workflow_action",
        args=[contact.pk, "approve", task_state.pk],
    )
    response = officer(OTHER_PUBLISHERS).post(url)
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    contact.refresh_from_db()
    assert contact.phone == "+442076416032"
    assert contact.workflow_in_progress


def test_a_national_contact_goes_to_superusers_only(councils, officer, editor):
    national = factories.ContactPointFactory(site=None, name="Anti-Terrorist Hotline")
    national.save_revision().publish()
    workflow = ContactPoint.get_default_workflow()
    workflow.start(national, editor)
    assert not TaskState.objects.reviewable_by(officer(OWN_PUBLISHERS).user).exists()
    assert TaskState.objects.reviewable_by(editor).count() == 1
