"""Officers land in a council's group: Wagtail's own all-council groups lose their reach, a new
or renamed council has its groups at once, and the user form lists council groups first."""

import io

import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Site

from pages.collections import site_collection
from tests import factories
from tests.conftest import verify_second_factor
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db


def test_wagtails_own_groups_are_removed_when_empty(site):
    assert Group.objects.filter(name__in=["Editors", "Moderators"]).count() == 2
    assert GroupPagePermission.objects.filter(group__name="Editors").exists()  # as Wagtail made it
    call_command("create_site_groups", stdout=io.StringIO())
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert Group.objects.filter(name="Test editors").exists()


def test_officers_still_in_wagtails_groups_keep_the_group_but_no_rights(site, django_user_model):
    officer = django_user_model.objects.create_user(username="old-style", password="x" * 20)
    officer.groups.add(Group.objects.get(name="Moderators"))
    output = io.StringIO()
    call_command("create_site_groups", stdout=output)
    moderators = Group.objects.get(name="Moderators")
    assert not moderators.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert not GroupCollectionPermission.objects.filter(group=moderators).exists()
    assert "Move these officers into their council's group: old-style" in output.getvalue()
    assert not officer.has_perm("wagtailadmin.access_admin")


def test_a_council_added_in_the_admin_has_its_groups_at_once(
    admin_client, site, django_capture_on_commit_callbacks
):
    home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="newtown")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/sites/new/",
            {
                "hostname": "newtown.localhost",
                "port": 80,
                "site_name": "Newtown Prevent",
                "root_page": home.pk,
            },
        )
    assert response.status_code == 302
    publishers = Group.objects.get(name="Newtown Prevent publishers")
    assert GroupPagePermission.objects.filter(
        group=publishers, page=home, permission__codename="publish_page"
    ).exists()
    assert Group.objects.filter(name="Newtown Prevent editors").exists()


def test_renaming_a_council_renames_its_groups(site, django_capture_on_commit_callbacks):
    call_command("create_site_groups", stdout=io.StringIO())
    editors = Group.objects.get(name="Test editors")
    site.site_name = "Testshire Prevent"
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    editors.refresh_from_db()
    assert editors.name == "Testshire Prevent editors"
    assert not Group.objects.filter(name__startswith="Test ").exists()


def test_a_renamed_councils_images_stay_its_own(
    councils, django_capture_on_commit_callbacks, django_user_model
):
    own, other = councils["own"], councils["other"]
    crest = wagtail_factories.ImageFactory(collection=site_collection(own), title="Test crest")
    own.site_name = "Testshire Prevent"
    with django_capture_on_commit_callbacks(execute=True):
        own.save()
    call_command("create_site_groups", stdout=io.StringIO())  # as the release step does

    # Another council's editor is not offered the image; its own editors still are.
    chooser = "/admin/images/chooser/"
    for group, offered in (("Otherton editors", False), ("Testshire Prevent editors", True)):
        user = django_user_model.objects.create_user(username=group.replace(" ", "-"))
        user.groups.add(Group.objects.get(name=group))
        client = Client()
        client.force_login(user)
        verify_second_factor(client, user)
        assert ("Test crest" in client.get(chooser).content.decode()) is offered, group
    crest.refresh_from_db()
    assert crest.collection.name == "Testshire Prevent"
    assert other.site_name == "Otherton"


def test_the_user_form_lists_council_groups_first(admin_client, site):
    Site.objects.filter(pk=site.pk).update(site_name="Aardvark Council Prevent")
    Group.objects.create(name="Aaa unrelated group")
    call_command("create_site_groups", stdout=io.StringIO())
    for path in (
        "/admin/users/new/",
        f"/admin/users/edit/{admin_client.session['_auth_user_id']}/",
    ):
        soup = soup_of(admin_client.get(path))
        labels = [
            text_of(label)
            for label in soup.select("[name=groups] + label, label:has(input[name=groups])")
        ]
        assert labels[:2] == [
            "Aardvark Council Prevent editors",
            "Aardvark Council Prevent publishers",
        ], path
        assert "Aaa unrelated group" in labels[2:], path
        assert "reaches one council only" in soup.get_text(), path
