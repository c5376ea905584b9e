"""Loads contacts and the emergency notice from the seed files (see fixtures/README.md).

Called by pages' load_seed_content through the "load_seed_data" hook: with site=None for a
shared file (the national register), with the site for a council's own file. A contact that
already exists (same key, same site) is left as officers have it.
"""

from contacts.models import ContactPoint, EmergencyNotice

CONTACT_FIELDS = {
    "name",
    "handles",
    "topics",
    "audiences",
    "phone",
    "textphone",
    "email",
    "website",
    "website_label",
    "hours",
    "officer_note",
    "last_verified",
    "sort_order",
}


def load_contacts(data, site):
    entries = data.get("national_contacts" if site is None else "contacts") or []
    for entry in entries:
        entry = {k: v for k, v in entry.items() if k != "held_reason"}  # no model field for it yet
        key = entry["key"]
        if ContactPoint.objects.filter(site=site, key=key).exists():
            continue
        unknown = set(entry) - CONTACT_FIELDS - {"key"}
        if unknown:
            raise ValueError(f"contact {key!r} has unknown fields {sorted(unknown)}")
        contact = ContactPoint(site=site, key=key, **{k: v for k, v in entry.items() if k != "key"})
        contact.full_clean()
        contact.save()
        contact.save_revision().publish()

    message = data.get("emergency_message")
    if site is not None and message and not EmergencyNotice.objects.filter(site=site).exists():
        notice = EmergencyNotice(site=site, message=message)
        notice.full_clean()
        notice.save()
