"""Contacts used to get "last verified" = the day they were saved when no date was given,
so the seed load's day read as a check nobody made. Where the date is exactly the day the
contact was first saved and no officer is recorded as verifying it, it came from that default:
clear it, so the site shows no "checked" date and officers see "Not yet verified"."""

from django.db import migrations


def forget_load_day(apps, schema_editor):
    ContactPoint = apps.get_model("contacts", "ContactPoint")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="contacts", model="contactpoint").first()
    if content_type is None:
        return
    for contact in ContactPoint.objects.filter(
        last_verified__isnull=False, last_verified_by__isnull=True
    ):
        first = (
            Revision.objects.filter(base_content_type=content_type, object_id=str(contact.pk))
            .order_by("created_at")
            .first()
        )
        if first is not None and first.created_at.date() == contact.last_verified:
            contact.last_verified = None
            contact.save(update_fields=["last_verified"])


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0003_review_dates_and_held_contacts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forget_load_day, migrations.RunPython.noop)]
