"""Recording what the public site shows of each contact, as it changes.

A contact's row in the database holds its published details: saving a draft of a live contact
writes only a revision (Wagtail's snippet editor), so the row changes only when a revision is
published (by an officer or the scheduler), when the contact is held or released, unpublished or
deleted. Before each such save the row is read; after it, the row is read again, and each field
the public sees that differs is recorded. A contact that is not shown (unpublished, never
published, held or deleted) shows nothing, so a hold records the status and every detail going,
and the release records them coming back: a change made while it was held shows as one change.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from contact_updates.models import ContactChange
from contacts.models import ContactPoint
from contacts.phone import format_uk_phone

DETAILS = ("name", "phone", "textphone", "email", "website", "hours")
WATCHED = {"live", "held_reason", "site", *DETAILS}
COLUMNS = ("site_id", "live", "held_reason", *DETAILS)

SHOWN = "Shown on the site"
HELD = "Held: not shown on the site for now"
NOT_SHOWN = "Not on the site"


def public_view(row):
    """What the public site shows of a contact: its status and its details (blank unless shown)."""
    if row is None or not row["live"]:
        status = NOT_SHOWN
    elif row["held_reason"]:
        status = HELD
    else:
        status = SHOWN
    view = dict.fromkeys(DETAILS, "")
    if status == SHOWN:
        view.update({field: row[field] or "" for field in DETAILS})
        view["phone"] = format_uk_phone(row["phone"]) if row["phone"] else ""
        view["textphone"] = format_uk_phone(row["textphone"]) if row["textphone"] else ""
    view["status"] = status
    return view


def _row(pk):
    return ContactPoint.objects.filter(pk=pk).values(*COLUMNS).first()


def _differences(contact_pk, site_id, name, before, after):
    return [
        ContactChange(
            contact_pk=contact_pk,
            site_pk=site_id,
            contact_name=name,
            field=field,
            old_value=before[field],
            new_value=after[field],
        )
        for field in ContactChange.Field.values
        if before[field] != after[field]
    ]


def record(contact_pk, before, after):
    """Record what changed on the public site between two states of a contact's row."""
    name = (after or before)["name"]
    old_site = before["site_id"] if before else None
    new_site = after["site_id"] if after else old_site
    if before is None or old_site == new_site:
        changes = _differences(contact_pk, new_site, name, public_view(before), public_view(after))
    else:
        # Moved to another council (or to or from the national register): it leaves one list
        # and joins the other.
        gone = public_view(None)
        changes = [
            *_differences(contact_pk, old_site, name, public_view(before), gone),
            *_differences(contact_pk, new_site, name, gone, public_view(after)),
        ]
    ContactChange.objects.bulk_create(changes)
    return changes


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if update_fields is not None and not WATCHED & set(update_fields):
        return  # such as a draft's revision pointer or "Mark as verified"
    instance._contact_updates_before = _row(instance.pk) if instance.pk else None


def _after_save(sender, instance, raw=False, **kwargs):
    if raw or not hasattr(instance, "_contact_updates_before"):
        return
    before = instance.__dict__.pop("_contact_updates_before")
    record(instance.pk, before, _row(instance.pk))


def _after_delete(sender, instance, **kwargs):
    before = {column: getattr(instance, column) for column in COLUMNS}
    record(instance.pk, before, None)


def connect_signals():
    pre_save.connect(_before_save, sender=ContactPoint, dispatch_uid="contact_updates_before")
    post_save.connect(_after_save, sender=ContactPoint, dispatch_uid="contact_updates_after")
    post_delete.connect(_after_delete, sender=ContactPoint, dispatch_uid="contact_updates_delete")


def net_changes(changes):
    """The changes that still stand, grouped by contact: per field, the first old value and
    the last new value, dropped when they are the same (a change reverted before the digest).
    Returns [(contact name, [(field label, old, new, when)])], contacts in order of first change."""
    fields = {}
    for change in sorted(changes, key=lambda c: c.pk):
        key = (change.contact_pk, change.field)
        if key in fields:
            fields[key]["new"], fields[key]["when"] = change.new_value, change.changed_at
            fields[key]["name"] = change.contact_name
        else:
            fields[key] = {
                "old": change.old_value,
                "new": change.new_value,
                "when": change.changed_at,
                "name": change.contact_name,
                "label": change.get_field_display(),
            }
    order = list(ContactChange.Field.values)
    contacts = {}
    for (contact_pk, field), value in fields.items():
        if value["old"] == value["new"]:
            continue
        contacts.setdefault(contact_pk, []).append((order.index(field), field, value))
    grouped = []
    for entries in contacts.values():
        entries.sort(key=lambda entry: entry[0])
        status = entries[0][2] if entries[0][1] == ContactChange.Field.STATUS else None
        if status and status["new"] != SHOWN:
            entries = entries[:1]  # no longer shown: its old details are no use to anyone
        name = max((value for _, _, value in entries), key=lambda v: v["when"])["name"]
        grouped.append(
            {
                "name": name,
                "changes": [{"field": field, **value} for _, field, value in entries],
            }
        )
    return grouped
