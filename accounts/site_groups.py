"""Least-privilege groups for each council: editors draft, publishers put things live.

Every permission below is tied to one site: pages under the site's home page, images and
documents in the site's collection, and contacts, alerts, team members and settings of that
site. The groups are rebuilt exactly each time (`manage.py create_site_groups`), so anything
added by hand outside this list is taken away again.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from contacts.models import ContactPoint, CouncilPublisherApprovalTask
from pages.collections import site_collection


@dataclass(frozen=True)
class Role:
    suffix: str
    pages: tuple  # wagtailcore page permission codenames, on the site's home page and below
    media: tuple  # image and document actions, on the site's collection
    site_objects: tuple  # "app_label.codename" tied to the site: contacts, team, settings


EDITORS = Role(
    suffix="editors",
    pages=("add_page", "change_page"),
    media=("add", "change", "choose"),
    # Contacts have drafts: an editor's change waits for a publisher.
    site_objects=(
        "contacts.add_contactpoint",
        "contacts.change_contactpoint",
        # See the council's "Is this page useful?" answers and mark comments dealt with.
        "feedback.view_pagefeedback",
        "feedback.change_pagefeedback",
        # The council's reports of extremist leaflets or stickers: read them, mark them dealt
        # with.
        "material_reports.view_materialreport",
        "material_reports.change_materialreport",
    ),
)

PUBLISHERS = Role(
    suffix="publishers",
    pages=(*EDITORS.pages, "publish_page", "bulk_delete_page", "lock_page", "unlock_page"),
    media=(*EDITORS.media, "delete"),
    site_objects=(
        *EDITORS.site_objects,
        "contacts.publish_contactpoint",
        "contacts.delete_contactpoint",
        "newsletters.add_teammember",
        "newsletters.change_teammember",
        "newsletters.delete_teammember",
        "newsletters.delete_subscriber",  # see, download and erase the council's subscribers
        "material_reports.delete_materialreport",  # erase a report on request
        # Settings save live at once, so only publishers change them.
        "pages.change_emergencynotice",
        "pages.change_sitebranding",
        "pages.change_sitenavigation",
        # Alerts go live at their start time with no approval step, so only publishers.
        "alerts.add_alert",
        "alerts.change_alert",
        "alerts.delete_alert",
        "material_reports.change_materialreportsettings",
    ),
)

ROLES = (EDITORS, PUBLISHERS)


def group_name(site, role):
    return f"{site.site_name} {role.suffix}"


def _permission(label):
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _media_permissions(actions):
    return [
        _permission(f"{app}.{action}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in actions
    ]


@transaction.atomic
def create_site_groups(site):
    """Create or reset the editors and publishers groups of one site; returns them."""
    if not site.site_name:
        raise ValueError(f"The site {site.hostname} needs a site name to name its groups.")
    collection = site_collection(site)
    home = site.root_page
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=group_name(site, role))
        # Only the right to sign in to the admin is global.
        group.permissions.set([_permission("wagtailadmin.access_admin")])

        GroupPagePermission.objects.filter(group=group).delete()
        for codename in role.pages:
            GroupPagePermission.objects.create(
                group=group, page=home, permission=_permission(f"wagtailcore.{codename}")
            )

        GroupCollectionPermission.objects.filter(group=group).delete()
        for permission in _media_permissions(role.media):
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=permission
            )

        GroupSitePermission.objects.filter(group=group).delete()
        for label in role.site_objects:
            GroupSitePermission.objects.create(
                group=group, site=site, permission=_permission(label)
            )
        groups[role.suffix] = group

    _approval_by_publishers(site, groups["publishers"])
    _contact_approval_by_publishers()
    return groups


def _task_name(site_name):
    return f"{site_name}: publisher approval"


def _workflow_name(site_name):
    return f"{site_name} approval"


@transaction.atomic
def rename_council(old_name, new_name):
    """Everything named after a council follows its new name: its groups, its media collection
    (which is how its images and documents are known to be its own) and its approval
    workflow. Otherwise its media would count as shared by every council."""
    for role in ROLES:
        Group.objects.filter(name=f"{old_name} {role.suffix}").update(
            name=f"{new_name} {role.suffix}"
        )
    Collection.get_first_root_node().get_children().filter(name=old_name).update(name=new_name)
    GroupApprovalTask.objects.filter(name=_task_name(old_name)).update(name=_task_name(new_name))
    Workflow.objects.filter(name=_workflow_name(old_name)).update(name=_workflow_name(new_name))


def _approval_by_publishers(site, publishers):
    """Pages an editor submits go to this council's publishers, not every council's."""
    task, _ = GroupApprovalTask.objects.get_or_create(name=_task_name(site.site_name))
    task.groups.set([publishers])
    workflow, created = Workflow.objects.get_or_create(name=_workflow_name(site.site_name))
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=site.root_page, defaults={"workflow": workflow})


def _contact_approval_by_publishers():
    """Contact changes an editor submits go to the contact's own council's publishers.

    Wagtail gives a snippet model one workflow for all its objects, so there is one contact
    workflow; its task finds the publishers from each contact's council.
    """
    task, _ = CouncilPublisherApprovalTask.objects.get_or_create(
        name="Council publishers' approval"
    )
    workflow, created = Workflow.objects.get_or_create(name="Contact approval")
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(ContactPoint),
        defaults={"workflow": workflow},
    )


# Wagtail creates these two groups with rights on every page and every collection.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


@transaction.atomic
def retire_wagtail_default_groups():
    """Wagtail's own groups reach every council: delete them, or, where officers are still in
    them, take every right away. Returns the usernames still in such a group."""
    groups = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS)
    GroupPagePermission.objects.filter(group__in=groups).delete()
    GroupCollectionPermission.objects.filter(group__in=groups).delete()
    GroupSitePermission.objects.filter(group__in=groups).delete()
    members = []
    for group in groups:
        names = list(group.user_set.order_by("username").values_list("username", flat=True))
        if names:
            group.permissions.clear()
            members.extend(names)
        else:
            group.delete()
    return members
