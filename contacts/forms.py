from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.site_permissions import SiteScopedFormMixin
from contacts.choices import Audience, Topic


class ContactPointForm(SiteScopedFormMixin, WagtailAdminModelForm):
    # Ticked boxes rather than raw JSON for the two list fields.
    topics = forms.MultipleChoiceField(
        choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    audiences = forms.MultipleChoiceField(
        choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
