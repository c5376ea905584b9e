"""Loads contacts and the emergency notice from the seed files (see fixtures/README.md).

Called by pages' load_seed_content through the "load_seed_data" hook: with site=None for a
shared file (the national register), with the site for a council's own file. A contact that
already exists (same key, same site) is left as officers have it.
"""

from django.utils import timezone

from contacts.models import ContactPoint
from pages.models import EmergencyNotice

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
        key = entry["key"]
        unknown = set(entry) - CONTACT_FIELDS - {"key", "held_reason"}
        if unknown:
            raise ValueError(f"contact {key!r} has unknown fields {sorted(unknown)}")
        held_reason = (entry.get("held_reason") or "").strip()
        existing = ContactPoint.objects.filter(site=site, key=key).first()
        if existing is not None:
            # Left as officers have it, except that a hold the source asks for still applies
            # while the details are the ones it doubts.
            if held_reason and not existing.is_held and existing.email == entry.get("email", ""):
                hold_from_seed(existing, held_reason)
            continue
        fields = {k: v for k, v in entry.items() if k not in {"key", "held_reason"}}
        contact = ContactPoint(site=site, key=key, **fields)
        contact.full_clean()
        if held_reason:
            contact.held_reason, contact.held_at = held_reason, timezone.now()
        contact.save()
        contact.save_revision().publish()

    message = data.get("emergency_message")
    if site is not None and message and not EmergencyNotice.objects.filter(site=site).exists():
        notice = EmergencyNotice(site=site, message=message)
        notice.full_clean()
        notice.save()


def hold_from_seed(contact, reason):
    ContactPoint.objects.filter(pk=contact.pk).update(held_reason=reason, held_at=timezone.now())
