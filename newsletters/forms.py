from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.site_permissions import SiteScopedFormMixin


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class TeamMemberForm(SiteScopedFormMixin, WagtailAdminModelForm):
    """Offers only the councils the officer works for."""
