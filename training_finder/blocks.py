"""The answers officers set for "Which Prevent training do I need?": one block per answer."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail import blocks

# The values are the finder's answers (training_finder/finder.py), and appear in its addresses.
SECTORS = [
    ("school", "School or college"),
    ("health", "Health"),
    ("social-care", "Social care"),
    ("police", "Police"),
    ("community", "Faith or community group"),
    ("council", "Council"),
    ("other", "Other"),
]
ROLES = [
    ("staff", "All staff"),
    ("safeguarding-lead", "Safeguarding lead"),
    ("manager", "Manager"),
    ("volunteer", "Volunteer"),
]
ANY = "any"


class NationalTrainingBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text="Such as 'Prevent awareness course'.")
    url = blocks.URLBlock(
        label="Address",
        help_text="The course on GOV.UK, such as https://www.gov.uk/guidance/prevent-duty-training",
    )
    description = blocks.TextBlock(
        required=False, max_length=400, help_text="Who it is for and what it covers, plainly."
    )

    class Meta:
        icon = "link-external"
        label = "National e-learning"


def _choice_errors(chosen, any_label):
    if not chosen:
        return f"Choose at least one, or '{any_label}'."
    if ANY in chosen and len(chosen) > 1:
        return f"Choose '{any_label}' on its own, or only the ones this answer is for."
    return None


class TrainingRouteBlock(blocks.StructBlock):
    sectors = blocks.MultipleChoiceBlock(
        choices=[(ANY, "Any sector"), *SECTORS],
        widget=forms.CheckboxSelectMultiple,
        label="When the person works in",
    )
    roles = blocks.MultipleChoiceBlock(
        choices=[(ANY, "Any role"), *ROLES],
        widget=forms.CheckboxSelectMultiple,
        label="And their role is",
    )
    national_training = blocks.ListBlock(
        NationalTrainingBlock(),
        default=[],
        label="National e-learning",
        help_text="The Home Office's free online courses that fit, in the order to take them.",
    )
    courses = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="pages.TrainingCoursePage"),
        default=[],
        label="The council's own courses",
    )
    refresh_months = blocks.IntegerBlock(
        min_value=1,
        max_value=60,
        label="Refresh every (months)",
        help_text="How often to take the training again, such as 12 for every year.",
    )
    refresh_wording = blocks.TextBlock(
        required=False,
        max_length=400,
        label="Why then",
        help_text="Optional: where this interval comes from, such as statutory guidance, or "
        "that it is the council's recommendation.",
    )
    notes = blocks.TextBlock(required=False, max_length=600, help_text="Optional: anything else.")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for name, any_label in (("sectors", "Any sector"), ("roles", "Any role")):
            if message := _choice_errors(value.get(name) or [], any_label):
                errors[name] = ValidationError(message)
        if not value.get("national_training") and not value.get("courses"):
            errors["national_training"] = ValidationError(
                "Add at least one national e-learning course or one of the council's courses."
            )
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "help"
        label = "Finder answer"
        description = "One answer of 'Which Prevent training do I need?'."
