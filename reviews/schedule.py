"""What is due for review, who owns it, and recording a review.

Pages and contacts share one schedule: each has an owner (an officer, or when none is named the
council's publishers group), an interval in months and the day it was last reviewed (for a
contact: verified). A national contact belongs to no council; superusers look after those.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Site
from wagtail.permissions import policy_registry

from accounts.site_groups import PUBLISHERS, group_name
from accounts.site_permissions import ANY_ACTION
from contacts.models import ContactPoint
from contacts.models.approval import may_publish
from pages.models import BasePage

REPORT_WINDOW = datetime.timedelta(days=30)
DIGEST_WINDOW = datetime.timedelta(days=14)
NATIONAL = "national"


@dataclass
class ReviewItem:
    obj: object
    kind: str  # "page" or "contact"
    owner: object  # a user, or None for the council's publishers
    last_reviewed: datetime.date | None
    reviewed_by: object
    due: datetime.date | None

    @property
    def title(self):
        return self.obj.title if self.kind == "page" else self.obj.name

    @property
    def is_overdue(self):
        return self.due is None or self.due < timezone.localdate()

    def is_due_within(self, window, today=None):
        today = today or timezone.localdate()
        return self.is_overdue or self.due <= today + window

    @property
    def edit_url(self):
        if self.kind == "page":
            return reverse("wagtailadmin_pages:edit", args=[self.obj.pk])
        return reverse("wagtailsnippets_contacts_contactpoint:edit", args=[self.obj.pk])

    @property
    def mark_url(self):
        return reverse("reviews:mark_reviewed", args=[self.kind, self.obj.pk])


def scope_key(site):
    return f"site-{site.pk}" if site else NATIONAL


def page_item(page):
    return ReviewItem(
        obj=page,
        kind="page",
        owner=page.review_owner,
        last_reviewed=page.last_review_date,
        reviewed_by=page.last_reviewed_by,
        due=page.next_review_date,
    )


def contact_item(contact):
    return ReviewItem(
        obj=contact,
        kind="contact",
        owner=contact.review_owner,
        last_reviewed=contact.last_verified,
        reviewed_by=contact.last_verified_by,
        due=contact.next_review_date,
    )


def items_for(site):
    """Every live page of a council and every contact it owns (site None: the national
    register), soonest due first; never reviewed comes first of all."""
    items = []
    if site is not None:
        pages = [
            page
            for page in Page.objects.descendant_of(site.root_page, inclusive=True).live().specific()
            if isinstance(page, BasePage)
        ]
        _attach_users(pages, ("review_owner", "last_reviewed_by"))
        items += [page_item(page) for page in pages]
    contacts = ContactPoint.objects.filter(site=site).select_related(
        "review_owner", "last_verified_by"
    )
    items += [contact_item(contact) for contact in contacts]
    return sorted(items, key=lambda item: (item.due or datetime.date.min, item.title))


def _attach_users(objects, fields):
    """Fills the objects' user links from one query instead of one per object."""
    ids = {getattr(obj, f"{name}_id") for obj in objects for name in fields} - {None}
    users = get_user_model().objects.in_bulk(ids)
    for obj in objects:
        for name in fields:
            if getattr(obj, f"{name}_id") is not None:
                setattr(obj, name, users.get(getattr(obj, f"{name}_id")))


def publishers_of(site):
    users = get_user_model().objects.filter(is_active=True)
    if site is None:
        return users.filter(is_superuser=True)
    return users.filter(groups__name=group_name(site, PUBLISHERS))


def owner_label(item, site):
    if item.owner is not None:
        return item.owner.get_full_name() or item.owner.get_username()
    return group_name(site, PUBLISHERS) if site else "Superusers (national register)"


def recipients_for(item, site, publishers=None):
    """The item's owner, or else the council's publishers. Pass `publishers` (a list from
    publishers_of) when asking for many items of one council, so they are fetched once."""
    if item.owner is not None and item.owner.is_active:
        return [item.owner]
    return publishers if publishers is not None else list(publishers_of(site))


def owned_by(item, user, site, publishers=None):
    return any(recipient.pk == user.pk for recipient in recipients_for(item, site, publishers))


# --- whose councils ------------------------------------------------------------------------------


def councils_for(user):
    """The councils whose report an officer may see: those they work for. Superusers see every
    council and the national register (shown as None)."""
    if user.is_superuser:
        return [*Site.objects.order_by("site_name"), None]
    sites = _contact_policy().sites_user_has_any_permission_for(user, ANY_ACTION)
    return list(Site.objects.filter(pk__in=sites.values("pk")).order_by("site_name"))


def can_review(user, obj):
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return _contact_policy().user_has_permission_for_instance(user, "change", obj)


def can_release(user, contact):
    return may_publish(user, contact)


def _contact_policy():
    """The per-council policy registered for contacts (contacts/wagtail_hooks.py)."""
    return policy_registry.get_by_type(ContactPoint)


# --- recording ----------------------------------------------------------------------------------


def mark_reviewed(obj, user, note=""):
    """Records that an officer confirmed the page or contact is correct today. This changes
    no content: no revision, and "Last updated" stays as it was."""
    today = timezone.localdate()
    if isinstance(obj, Page):
        obj.last_review_date, obj.last_reviewed_by, obj.last_review_note = today, user, note
        obj.save(
            update_fields=[
                "last_review_date",
                "last_reviewed_by",
                "last_review_note",
                "next_review_date",
            ],
            clean=False,
        )
    else:
        obj.last_verified, obj.last_verified_by, obj.last_verified_note = today, user, note
        obj.save(update_fields=["last_verified", "last_verified_by", "last_verified_note"])
    log(instance=obj, action="reviews.mark_reviewed", user=user, data={"note": note})


def hold(contact, user, reason):
    contact.held_reason, contact.held_at, contact.held_by = reason, timezone.now(), user
    contact.save(update_fields=["held_reason", "held_at", "held_by"])
    log(instance=contact, action="reviews.hold", user=user, data={"reason": reason})


def release(contact, user):
    contact.held_reason, contact.held_at, contact.held_by = "", None, None
    contact.save(update_fields=["held_reason", "held_at", "held_by"])
    log(instance=contact, action="reviews.release", user=user, data={})


def councils_for_digest():
    return [*Site.objects.order_by("site_name"), None]
