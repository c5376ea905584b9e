"""Email addresses and UK phone numbers typed into a comment are masked before it is saved."""

import pytest

from feedback.masking import mask_personal_details


@pytest.mark.parametrize(
    "number",
    [
        "020 7641 6000",
        "02076416000",
        "+44 20 7641 6000",
        "+44 (0)20 7641 6000",
        "+442076416000",
        "0044 20 7641 6000",
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "0800 789 321",
        "(01702) 546366",
        "01702 546366",
        "0121-234-5678",
        "0121.234.5678",
    ],
)
def test_uk_phone_numbers_in_common_forms_are_masked(number):
    assert mask_personal_details(f"Call {number} today.") == "Call [phone number removed] today."


@pytest.mark.parametrize(
    "email", ["jo@example.org", "jo.bloggs+prevent@example.co.uk", "O'Neil@council.gov.uk"]
)
def test_email_addresses_are_masked(email):
    assert mask_personal_details(f"Write to {email}, please") == "Write to [email removed], please"


@pytest.mark.parametrize(
    "text",
    [
        "Call 999 in an emergency, or 101 otherwise.",
        "The page was last updated in 2026 and has 12 sections.",
        "Section 26 of the Counter-Terrorism and Security Act 2015",
        "The 2020 7641 figures",  # not a number starting with 0
        "Reference 01234",  # too short for a phone number
    ],
)
def test_other_numbers_are_left_alone(text):
    assert mask_personal_details(text) == text


def test_a_number_followed_by_other_figures_loses_only_its_own_digits():
    assert mask_personal_details("07700 900123 2026") == "[phone number removed] 2026"


def test_several_details_in_one_comment():
    text = "Me: 07700 900123, jo@example.org. Office: (01702) 546366."
    assert mask_personal_details(text) == (
        "Me: [phone number removed], [email removed]. Office: [phone number removed]."
    )
