from django import forms

from feedback.models import COMMENT_MAX_LENGTH

# Page ids are 32-bit: a larger number must be refused here, not passed to the database.
MAX_PAGE_ID = 2**31 - 1


class AnswerForm(forms.Form):
    page = forms.IntegerField(
        min_value=1,
        max_value=MAX_PAGE_ID,
        error_messages={
            "required": "We could not tell which page you were answering about.",
            "invalid": "We could not tell which page you were answering about.",
            "min_value": "We could not tell which page you were answering about.",
            "max_value": "We could not tell which page you were answering about.",
        },
    )
    useful = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={
            "required": "Select yes if this page was useful, or no if it was not.",
            "invalid_choice": "Select yes if this page was useful, or no if it was not.",
        },
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        required=False,
        strip=True,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": (
                f"What was wrong must be {COMMENT_MAX_LENGTH:,} characters or less. "
                "Remove some of the text, then send it again."
            )
        },
    )
