"""The report form: where, when, what, an optional photo and optional contact details.

A plain Django form rather than Wagtail's form builder: the photo is checked and redrawn on the
server and stored where no public address reaches it, the date is three boxes checked as one
date that is not in the future, and the report is tied to its council for the per-council
admin. The form builder offers none of these; its stored submissions are one JSON blob per
form with a public file upload.

Spam is kept out without third-party scripts, as on the other public forms (pages/spam.py): a
honeypot field people never see, a signed time of rendering (a form sent back within
MIN_SECONDS was filled in by a program), and a rate limit per visitor (views.py).
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from material_reports.photos import clean_photo
from pages import spam

MIN_SECONDS = 3
# A form left open longer than this is sent back to be checked and sent again.
MAX_AGE_SECONDS = 24 * 60 * 60

# The shape of a UK postcode (from GOV.UK's guidance), spaces optional.
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
PHONE = re.compile(r"^\+?[0-9 ()\-]{10,20}$")


class DateWidget(forms.MultiWidget):
    def __init__(self):
        super().__init__(
            {"day": forms.TextInput(), "month": forms.TextInput(), "year": forms.TextInput()}
        )

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class PastDateField(forms.MultiValueField):
    """GOV.UK's date input: day, month and year boxes, read as one date not in the future."""

    widget = DateWidget

    def __init__(self, *, name, **kwargs):
        self.name = name
        part = forms.CharField(required=False, max_length=4)
        super().__init__(
            fields=(part, part, part), require_all_fields=False, required=True, **kwargs
        )
        self.error_messages["required"] = f"Enter the {name}"
        self.error_messages["incomplete"] = f"Enter the {name}"

    def compress(self, data_list):
        day, month, year = (value.strip() for value in [*data_list, "", "", ""][:3])
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if len(missing) == 3:
            raise ValidationError(f"Enter the {self.name}", code="required")
        if missing:
            raise ValidationError(
                f"The {self.name} must include a {' and '.join(missing)}", code="incomplete"
            )
        if not (day.isdecimal() and month.isdecimal() and year.isdecimal()) or len(year) != 4:
            raise ValidationError(f"The {self.name} must be a real date", code="invalid")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"The {self.name} must be a real date", code="invalid") from error
        if value > timezone.localdate():
            raise ValidationError(f"The {self.name} must be today or in the past", code="future")
        return value


class MaterialReportForm(forms.Form):
    location = forms.CharField(
        max_length=200,
        error_messages={
            "required": "Enter where you saw the leaflet or sticker",
            "max_length": "Where you saw it must be 200 characters or fewer",
        },
    )
    postcode = forms.CharField(
        max_length=20,
        required=False,
        error_messages={"max_length": "Enter a real postcode, like SW1A 1AA, or leave it empty"},
    )
    seen_on = PastDateField(name="date you saw it")
    description = forms.CharField(
        max_length=2000,
        error_messages={
            "required": "Enter what the leaflet or sticker said or showed",
            "max_length": "What it said or showed must be 2,000 characters or fewer",
        },
    )
    photo = forms.FileField(required=False)
    contact_name = forms.CharField(
        max_length=100,
        required=False,
        error_messages={"max_length": "Your name must be 100 characters or fewer"},
    )
    contact_email = forms.EmailField(
        max_length=254,
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Your email address must be 254 characters or fewer",
        },
    )
    contact_phone = forms.CharField(
        max_length=30,
        required=False,
        error_messages={"max_length": "Enter a phone number, like 020 7946 0000 or 07700 900 982"},
    )
    # The honeypot (spam.HONEYPOT_FIELD): hidden from people and screen readers.
    website = forms.CharField(required=False)
    rendered_at = forms.CharField(required=False)

    # The order of the error summary: the order of the fields on the page.
    FIELD_ORDER = (
        "location",
        "postcode",
        "seen_on",
        "description",
        "photo",
        "contact_name",
        "contact_email",
        "contact_phone",
    )

    def clean_postcode(self):
        value = re.sub(r"\s+", "", self.cleaned_data["postcode"].upper())
        if not value:
            return ""
        match = POSTCODE.match(value)
        if not match:
            raise ValidationError("Enter a real postcode, like SW1A 1AA, or leave it empty")
        return f"{match.group(1)} {match.group(2)}"

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return clean_photo(upload)

    def clean_contact_phone(self):
        value = self.cleaned_data["contact_phone"].strip()
        digits = re.sub(r"\D", "", value)
        if value and (not PHONE.match(value) or not 10 <= len(digits) <= 15):
            raise ValidationError("Enter a phone number, like 020 7946 0000 or 07700 900 982")
        return value

    def clean(self):
        cleaned = super().clean()
        self.sent_too_fast, self.expired = spam.send_timing(
            cleaned.get("rendered_at"), MIN_SECONDS, MAX_AGE_SECONDS
        )
        return cleaned

    def date_parts(self):
        """What was typed in the day, month and year boxes, to show them again."""
        source = self.data if self.is_bound else self.initial
        return {part: source.get(f"seen_on_{part}", "") for part in ("day", "month", "year")}

    @property
    def is_spam(self):
        return spam.caught_by_honeypot(self.data)

    def errors_in_page_order(self):
        """(field name, first message) for the error summary, top to bottom."""
        return [(name, self.errors[name][0]) for name in self.FIELD_ORDER if name in self.errors]
