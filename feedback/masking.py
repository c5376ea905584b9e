"""Masking the contact details people type into a comment, before it is saved.

A comment is read by officers and kept for a year, so it should hold no way of reaching the
person who wrote it, or anyone they name. Email addresses and UK phone numbers, in the forms
people write them, are replaced with a marker that says something was removed.
"""

import re

EMAIL_REMOVED = "[email removed]"
PHONE_REMOVED = "[phone number removed]"

EMAIL = re.compile(r"[\w.%+'-]+\s?@\s?[\w-]+(?:\.[\w-]+)+", re.UNICODE)

# Where a UK number may start: +44 or 0044 (the international forms), or a 0, maybe in
# brackets, as in "(01702) 546366". What follows is digits with the spaces, dots, hyphens and
# brackets people put between them; which part of it is the number is decided below.
PHONE_START = re.compile(r"(?<![\w+])(?:\+\s?44|0044|\(\s?0|0)")
PHONE_BODY = re.compile(r"[0-9()\s.\-]*[0-9]")

# UK numbers have 10 or 11 digits written from the leading 0 (020 7641 6000 has 11,
# 0800 789 321 has 10).
NATIONAL_LENGTHS = (11, 10)


def _national_digits(text):
    """The digits of a candidate as dialled in the UK: +44 and 0044 become 0, "(0)" drops."""
    digits = re.sub(r"\D", "", text)
    stripped = text.lstrip()
    if stripped.startswith("+"):
        digits = digits[2:]  # the 44
    elif digits.startswith("0044"):
        digits = digits[4:]
    else:
        return digits
    return digits if digits.startswith("0") else "0" + digits


def _phone_end(text, start, after_start):
    """Where the UK phone number starting at `start` ends, or None if there is none."""
    body = PHONE_BODY.match(text, after_start)
    if body is None:
        return None
    candidate = text[start : body.end()]
    # Each place a digit ends is a possible end; prefer the longest valid length, so a number
    # followed by other figures ("07700 900123 2026") loses only its own digits.
    ends = [index + 1 for index, char in enumerate(candidate) if char.isdigit()]
    for length in NATIONAL_LENGTHS:
        for end in reversed(ends):
            national = _national_digits(candidate[:end])
            if len(national) == length and national[0] == "0" and national[1] != "0":
                following = candidate[end : end + 1]
                if not following.isdigit():
                    return start + end
    return None


def mask_phone_numbers(text):
    pieces = []
    position = 0
    search_from = 0
    while True:
        match = PHONE_START.search(text, search_from)
        if match is None:
            break
        end = _phone_end(text, match.start(), match.end())
        if end is None:
            search_from = match.end()
            continue
        pieces.append(text[position : match.start()])
        pieces.append(PHONE_REMOVED)
        position = search_from = end
    pieces.append(text[position:])
    return "".join(pieces)


def mask_personal_details(text):
    """The text with every email address and UK phone number replaced by a marker."""
    return mask_phone_numbers(EMAIL.sub(EMAIL_REMOVED, text))
