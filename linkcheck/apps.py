from django.apps import AppConfig


class LinkcheckConfig(AppConfig):
    name = "linkcheck"
    verbose_name = "Link checks"

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.fields import RichTextField, StreamField

        from linkcheck.forms import PlaceholderCheckedBlockField
        from pages.blocks import validate_rich_text_links

        # Every admin form (pages, snippets, settings) refuses placeholder links such as "#".
        register_form_field_override(
            RichTextField, override={"validators": [validate_rich_text_links]}
        )
        register_form_field_override(
            StreamField, override={"form_class": PlaceholderCheckedBlockField}
        )
