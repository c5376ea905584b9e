from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.site_permissions import SiteScopedFormMixin
from alerts.models import Alert
from pages.site_ownership import council_name, site_of_page


class AlertForm(SiteScopedFormMixin, WagtailAdminModelForm):
    """Offers only the officer's own councils; sections must be pages of the chosen council."""

    def clean(self):
        cleaned = super().clean()
        sections = self.formsets.get("sections")
        if sections is None or not sections.is_valid():
            return cleaned
        pages = [
            form.cleaned_data["page"]
            for form in sections.forms
            if form.cleaned_data.get("page") and not form.cleaned_data.get("DELETE")
        ]
        if cleaned.get("show_on") == Alert.Where.SECTIONS and not pages:
            self.add_error(
                "show_on",
                "Choose at least one section below, or show the alert on every page.",
            )
        site = cleaned.get("site")
        seen = set()
        for form in sections.forms:
            page = form.cleaned_data.get("page")
            if not page or form.cleaned_data.get("DELETE"):
                continue
            if page.pk in seen:
                form.add_error("page", ValidationError(f"{page.title} is chosen twice."))
            seen.add(page.pk)
            if site is not None:
                owner = site_of_page(page)
                if owner is None or owner.pk != site.pk:
                    where = f"belongs to {council_name(owner)}" if owner else "is on no site"
                    form.add_error(
                        "page", f"{page.title} {where}: choose a page of {council_name(site)}."
                    )
        return cleaned
