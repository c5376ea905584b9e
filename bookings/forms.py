"""The request form: who is asking, what for, for how many people and when.

Spam is kept out without third-party scripts, as on the other public forms
(pages/spam.py): a honeypot field people never see, and a signed time of rendering (a form
sent back within MIN_SECONDS was filled in by a program). views.py adds a rate limit per
visitor.
"""

from django import forms
from django.core.exceptions import ValidationError

from bookings.models import MAX_PEOPLE
from contacts.phone import SHORT_SERVICE_NUMBERS, format_uk_phone, normalise_uk_phone
from pages import spam

MIN_SECONDS = 3
# A form left open longer than this is sent back to be checked and sent again.
MAX_AGE_SECONDS = 24 * 60 * 60
SOMETHING_ELSE = "other"
PHONE_MESSAGE = "Enter a UK phone number, like 020 7946 0000 or 07700 900 982"
PEOPLE_MESSAGE = f"Enter the number of people as a whole number from 1 to {MAX_PEOPLE}, like 12"


class BookingRequestForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Enter your full name",
            "max_length": "Your name must be 100 characters or fewer",
        },
    )
    organisation = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter the name of your organisation",
            "max_length": "Your organisation's name must be 200 characters or fewer",
        },
    )
    role = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Enter your role, like designated safeguarding lead",
            "max_length": "Your role must be 100 characters or fewer",
        },
    )
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
        },
    )
    phone = forms.CharField(
        max_length=30, required=False, error_messages={"max_length": PHONE_MESSAGE}
    )
    course = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the course or event you want, or select ‘Something else’",
            "invalid_choice": (
                "That course or event no longer takes requests. Select another, or select "
                "‘Something else’ and describe it"
            ),
        },
    )
    something_else = forms.CharField(
        max_length=500,
        required=False,
        error_messages={"max_length": "What you would like must be 500 characters or fewer"},
    )
    people = forms.IntegerField(
        min_value=1,
        max_value=MAX_PEOPLE,
        error_messages={
            "required": "Enter the number of people",
            "invalid": PEOPLE_MESSAGE,
            "min_value": PEOPLE_MESSAGE,
            "max_value": (
                f"The number of people must be {MAX_PEOPLE} or fewer. For a larger group, "
                "tell us about it under ‘Something else’"
            ),
        },
    )
    preferred_dates = forms.CharField(
        max_length=300,
        error_messages={
            "required": "Enter the dates or times that suit you",
            "max_length": "Dates that suit you must be 300 characters or fewer",
        },
    )
    access_needs = forms.CharField(
        max_length=1000,
        required=False,
        error_messages={"max_length": "Access needs must be 1,000 characters or fewer"},
    )
    rendered_at = forms.CharField(required=False)

    # The order of the error summary: the order of the fields on the page.
    FIELD_ORDER = (
        "name",
        "organisation",
        "role",
        "email",
        "phone",
        "course",
        "something_else",
        "people",
        "preferred_dates",
        "access_needs",
    )

    def __init__(self, *args, pages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = {str(page.pk): page for page in pages}
        self.fields["course"].choices = [
            *((pk, page.title) for pk, page in self.pages.items()),
            (SOMETHING_ELSE, "Something else"),
        ]

    def course_options(self):
        """(value, label, hint, checked) for each radio, in order."""
        chosen = str(self["course"].value() or "")
        options = [
            (pk, page.title, getattr(page, "booking_request_hint", ""), pk == chosen)
            for pk, page in self.pages.items()
        ]
        options.append((SOMETHING_ELSE, "Something else", "", chosen == SOMETHING_ELSE))
        return options

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        if not value:
            return ""
        try:
            stored = normalise_uk_phone(value)
        except ValidationError as error:
            raise ValidationError(PHONE_MESSAGE, code="invalid_phone") from error
        if stored in SHORT_SERVICE_NUMBERS:
            raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
        return format_uk_phone(stored)

    def clean(self):
        cleaned = super().clean()
        described = cleaned.get("something_else", "").strip() or "something_else" in self.errors
        if cleaned.get("course") == SOMETHING_ELSE and not described:
            self.add_error("something_else", "Describe the training or event you would like")
        self.sent_too_fast, self.expired = spam.send_timing(
            cleaned.get("rendered_at"), MIN_SECONDS, MAX_AGE_SECONDS
        )
        return cleaned

    @property
    def is_spam(self):
        return spam.caught_by_honeypot(self.data)

    @property
    def chosen_page(self):
        return self.pages.get(self.cleaned_data.get("course"))

    def errors_in_page_order(self):
        """(field name, first message) for the error summary, top to bottom."""
        return [(name, self.errors[name][0]) for name in self.FIELD_ORDER if name in self.errors]
