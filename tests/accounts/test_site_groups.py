"""Each council's officers reach their own council's pages, contacts, team and settings only."""

import io

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, GroupSitePermission
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.site_groups import create_site_groups
from contacts.models import ContactPoint
from newsletters.models import TeamMember
from pages.collections import site_collection
from pages.models import EmergencyNotice
from tests import factories
from tests.conftest import refused


def contact_form(contact, **overrides):
    return factories.contact_form_data(contact, **{"phone": "020 7946 0999", **overrides})


def edit_url(contact):
    return reverse("wagtailsnippets_contacts_contactpoint:edit", args=[contact.pk])


def test_the_command_makes_two_groups_per_council_and_can_be_run_again(councils):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Test editors", "Test publishers", "Otherton editors", "Otherton publishers"} <= names
    publishers = Group.objects.get(name="Test publishers")
    # Every page right is on this council's home page, every setting right on this site.
    assert {p.page_id for p in GroupPagePermission.objects.filter(group=publishers)} == {
        councils["own"].root_page_id
    }
    assert {p.site_id for p in GroupSitePermission.objects.filter(group=publishers)} == {
        councils["own"].pk
    }
    # A right added by hand is taken away when the command runs again.
    GroupSitePermission.objects.create(
        group=publishers,
        site=councils["other"],
        permission=GroupSitePermission.objects.filter(group=publishers).first().permission,
    )
    before = GroupSitePermission.objects.count()
    call_command("create_site_groups", stdout=io.StringIO())
    assert GroupSitePermission.objects.count() == before - 1
    assert Group.objects.filter(name="Test publishers").count() == 1


def test_the_command_names_an_unknown_site(councils):
    with pytest.raises(CommandError, match="No site has the host name 'nowhere'"):
        call_command("create_site_groups", "--site", "nowhere")


def test_an_editor_edits_their_own_councils_pages_only(councils, officer):
    client = officer("Test editors")
    own_home = councils["own"].root_page
    other_home = councils["other"].root_page
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own_home.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[other_home.pk]))
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert [str(m).strip() for m in response.wsgi_request._messages] == [
        "Sorry, you do not have permission to access this area."
    ]


def test_an_editor_cannot_publish_but_submits_to_their_own_publishers(councils, officer):
    client = officer("Test editors")
    page = factories.InformationPageFactory(parent=councils["own"].root_page, title="Old title")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": "Changed title",
            "slug": page.slug,
            "summary": page.summary,
            "body": streamfield([("paragraph", rich_text("<p>New words.</p>"))]),
            "action-publish": "publish",
        }
    )
    client.post(url, data)
    page.refresh_from_db()
    assert page.title == "Old title"  # the live page is unchanged

    data["action-submit"] = "submit"
    del data["action-publish"]
    client.post(url, data)
    page.refresh_from_db()
    workflow_state = page.current_workflow_state
    assert workflow_state is not None
    task = workflow_state.current_task_state.task.specific
    assert [group.name for group in task.groups.all()] == ["Test publishers"]


def test_a_publisher_changes_their_own_councils_settings_only(councils, officer):
    client = officer("Test publishers")
    own = reverse("wagtailsettings:edit", args=["pages", "emergencynotice", councils["own"].pk])
    other = reverse("wagtailsettings:edit", args=["pages", "emergencynotice", councils["other"].pk])
    response = client.post(own, {"message": "In an emergency, call 999 now."})
    assert response.status_code == 302
    assert EmergencyNotice.for_site(councils["own"]).message == "In an emergency, call 999 now."

    assert refused(client.post(other, {"message": "Hacked: call 999 never."}))
    assert EmergencyNotice.for_site(councils["other"]).message != "Hacked: call 999 never."


def test_an_editor_cannot_change_any_setting(councils, officer):
    client = officer("Test editors")
    url = reverse("wagtailsettings:edit", args=["pages", "emergencynotice", councils["own"].pk])
    client.post(url, {"message": "Call 999 later."})
    assert EmergencyNotice.for_site(councils["own"]).message != "Call 999 later."


def test_a_publisher_sees_and_changes_their_own_councils_contacts_only(councils, officer):
    own = factories.ContactPointFactory(site=councils["own"], name="Testshire Prevent team")
    other = factories.ContactPointFactory(site=councils["other"], name="Otherton Prevent team")
    national = factories.ContactPointFactory(site=None, name="Anti-Terrorist Hotline")
    client = officer("Test publishers")

    listing = client.get(reverse("wagtailsnippets_contacts_contactpoint:list")).content.decode()
    assert "Testshire Prevent team" in listing
    assert "Otherton Prevent team" not in listing
    assert "Anti-Terrorist Hotline" not in listing

    response = client.post(edit_url(own), contact_form(own, **{"action-publish": "publish"}))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.phone == "+442079460999"

    for contact in (other, national):
        assert refused(client.get(edit_url(contact)))
        assert refused(
            client.post(edit_url(contact), contact_form(contact, **{"action-publish": "publish"}))
        )
        contact.refresh_from_db()
        assert contact.phone == "+442076416032"
        delete = reverse("wagtailsnippets_contacts_contactpoint:delete", args=[contact.pk])
        assert refused(client.post(delete))
        assert ContactPoint.objects.filter(pk=contact.pk).exists()


def test_a_new_contact_can_only_be_put_under_the_officers_own_council(councils, officer):
    client = officer("Test publishers")
    add = reverse("wagtailsnippets_contacts_contactpoint:add")
    form = client.get(add).context["form"]
    assert list(form.fields["site"].queryset) == [councils["own"]]

    template = ContactPoint(key="new-team", name="New team", handles="Anything.")
    for site_value, error in (
        (councils["other"].pk, "Select a valid choice"),
        ("", "This field is required"),
    ):
        response = client.post(
            add, contact_form(template, site=site_value, **{"action-publish": "publish"})
        )
        assert response.status_code == 200
        assert error in response.content.decode(), site_value
    assert not ContactPoint.objects.filter(key="new-team").exists()

    client.post(add, contact_form(template, site=councils["own"].pk))
    assert ContactPoint.objects.get(key="new-team").site == councils["own"]


def test_an_editor_drafts_a_contact_change_that_waits_for_a_publisher(councils, officer):
    own = factories.ContactPointFactory(site=councils["own"])
    own.save_revision().publish()
    client = officer("Test editors")
    client.post(edit_url(own), contact_form(own, **{"action-publish": "publish"}))
    own.refresh_from_db()
    assert own.phone == "+442076416032"  # not published

    assert client.post(edit_url(own), contact_form(own)).status_code == 302
    own.refresh_from_db()
    assert own.phone == "+442076416032"  # live details unchanged
    assert own.latest_revision.as_object().phone == "+442079460999"  # the draft waits


def test_team_members_are_per_council(councils, officer):
    own = TeamMember.objects.create(site=councils["own"], key="a", name="Ann", role="Officer")
    other = TeamMember.objects.create(site=councils["other"], key="b", name="Bea", role="Lead")
    client = officer("Test publishers")
    listing = client.get(reverse("wagtailsnippets_newsletters_teammember:list")).content.decode()
    assert "Ann" in listing
    assert "Bea" not in listing
    url = reverse("wagtailsnippets_newsletters_teammember:edit", args=[own.pk])
    assert client.get(url).status_code == 200
    url = reverse("wagtailsnippets_newsletters_teammember:edit", args=[other.pk])
    assert refused(client.get(url))
    client.post(url, {"site": councils["other"].pk, "key": "b", "name": "Eve", "role": "Lead"})
    other.refresh_from_db()
    assert other.name == "Bea"


def test_an_editor_cannot_see_or_edit_another_councils_images(councils, officer):
    Image = get_image_model()
    other_image = wagtail_factories.ImageFactory(
        collection=site_collection(councils["other"]), title="Otherton logo"
    )
    client = officer("Test editors")
    listing = client.get(reverse("wagtailimages:index")).content.decode()
    assert "Otherton logo" not in listing
    url = reverse("wagtailimages:edit", args=[other_image.pk])
    assert refused(client.get(url))
    assert Image.objects.filter(title="Otherton logo").exists()


def test_groups_need_a_site_name(home_page, site):
    site.site_name = ""
    site.save()
    with pytest.raises(ValueError, match="needs a site name"):
        create_site_groups(site)
