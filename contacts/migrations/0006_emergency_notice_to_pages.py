"""The 999 notice setting now belongs to pages (pages 0005 renamed its table). Its content type
moves too, so officers' groups keep their right to change it."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="contacts", model="emergencynotice")
    if ContentType.objects.filter(app_label="pages", model="emergencynotice").exists():
        old.delete()
    else:
        old.update(app_label="pages")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="pages", model="emergencynotice").update(
        app_label="contacts"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0005_exit_this_page_and_next_steps"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("pages", "0005_emergency_notice_with_site_settings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="EmergencyNotice")],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
