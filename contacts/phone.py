"""UK telephone numbers: one validator, one stored form, one display form.

Numbers are stored normalised, so a number typed as "0207 641 6032" or "+44 20 7641 6032" is
kept as "+442076416032" and shown everywhere as "020 7641 6032" with a "tel:" link that works
from any phone. Short service numbers (999, 101, 111) are kept as they are; a textphone relay
number is kept as "18001" followed by the number it reaches.
"""

import re

from django.core.exceptions import ValidationError

SHORT_SERVICE_NUMBERS = {"999", "112", "101", "111", "105", "116123"}
RELAY_PREFIX = "18001"
INVALID_MESSAGE = (
    "Enter a UK phone number, such as 020 7641 6032, 0800 011 3764 or 01702 546366; "
    "a service number such as 999 or 101; or a textphone number such as 18001 101."
)


def _national_digits(digits):
    """Digits of a full UK number in national form (leading 0), or None if not valid."""
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    if not digits.startswith("0") or digits.startswith("00"):
        return None
    if digits.startswith(("080", "0500")):
        # Freephone numbers come in 10 and 11 digits.
        return digits if len(digits) in (10, 11) else None
    if digits.startswith(("01", "02", "03", "07", "08", "09")):
        return (
            digits if len(digits) == 11 or (digits.startswith("01") and len(digits) == 10) else None
        )
    return None


def normalise_uk_phone(value):
    """Return the stored form of a UK number, or raise ValidationError with a clear message."""
    raw = (value or "").strip()
    if not re.fullmatch(r"\+?[\d\s().-]+", raw):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    had_plus = raw.startswith("+")
    digits = re.sub(r"\D", "", raw)
    if had_plus and not digits.startswith("44"):
        raise ValidationError(
            "Only UK numbers can be listed. " + INVALID_MESSAGE, code="invalid_phone"
        )
    if not had_plus and digits in SHORT_SERVICE_NUMBERS:
        return digits
    if not had_plus and digits.startswith(RELAY_PREFIX) and len(digits) > len(RELAY_PREFIX):
        rest = digits[len(RELAY_PREFIX) :]
        if rest in SHORT_SERVICE_NUMBERS or _national_digits(rest):
            return RELAY_PREFIX + rest
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    national = _national_digits(digits)
    if national is None:
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    return "+44" + national[1:]


def _group_national(national):
    """Group a national number the way UK numbers are usually written."""
    if national.startswith("02"):  # 020 7641 6032
        return f"{national[:3]} {national[3:7]} {national[7:]}"
    if national.startswith(("080", "03", "08", "09", "0500")):  # 0800 011 3764, 0800 789 321
        return f"{national[:4]} {national[4:7]} {national[7:]}"
    # 01702 546366, 07700 900123
    return f"{national[:5]} {national[5:]}"


def format_uk_phone(stored):
    if not stored:
        return ""
    if stored in SHORT_SERVICE_NUMBERS:
        return stored
    if stored.startswith(RELAY_PREFIX):
        return f"{RELAY_PREFIX} {format_uk_phone(_to_display_source(stored[len(RELAY_PREFIX) :]))}"
    if stored.startswith("+44"):
        return _group_national("0" + stored[3:])
    return stored


def _to_display_source(rest):
    return rest if rest in SHORT_SERVICE_NUMBERS else "+44" + rest[1:]


def tel_uri(stored):
    return f"tel:{stored}" if stored else ""
