"""The 999 notice setting moves from contacts to the other site settings. Its rows stay: the
model changes app in Django's state, then its table is renamed to match."""

import django.db.models.deletion
from django.db import migrations, models

import pages.models.site_settings


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0005_exit_this_page_and_next_steps"),
        ("pages", "0004_exit_this_page_and_step_by_step"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EmergencyNotice",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "message",
                            models.CharField(
                                default="If someone is in immediate danger, call 999.",
                                help_text="Shown on every page. It must mention 999; the number "
                                "becomes a link to call.",
                                max_length=200,
                                validators=[pages.models.site_settings.validate_emergency_message],
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Emergency notice",
                        "db_table": "contacts_emergencynotice",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="emergencynotice", table=None),
    ]
