"""Checking and cleaning a photo a resident sends with a report.

What a file is comes from its bytes, never its name or the type the browser claims: Pillow must
recognise it as a JPEG, PNG or HEIC (HEIC through pillow-heif, as iPhones save photos). Every
photo is then drawn again as a new JPEG: turned the right way up from its EXIF orientation,
at most MAX_SIDE pixels on its longer side, and saved with no metadata at all, so the GPS
location, camera details and times a phone stores in a photo never reach the council's disk.
The file gets a random name; the resident's own file name is not kept.
"""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()

MAX_BYTES = 10 * 1024 * 1024
# Formats by Pillow's name for them. pillow-heif reads HEIC as "HEIF".
ACCEPTED_FORMATS = {"JPEG", "PNG", "HEIF"}
# A larger picture is refused before it is decoded: a small file can claim to be enormous.
MAX_PIXELS = 60_000_000
MAX_SIDE = 2560
JPEG_QUALITY = 85

WRONG_TYPE = "The photo must be a JPEG, PNG or HEIC file"
TOO_BIG = "The photo must be smaller than 10 MB"
UNREADABLE = "The photo could not be opened. It may be damaged: try another photo"
TOO_MANY_PIXELS = "The photo is too large. Choose a photo under 60 megapixels"


def clean_photo(upload):
    """A checked, re-encoded copy of the upload as a ContentFile, or ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(TOO_BIG, code="too_big")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(WRONG_TYPE, code="wrong_type")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
            image.load()
            cleaned = _redraw(image)
    except ValidationError:
        raise
    except UnidentifiedImageError as error:
        raise ValidationError(WRONG_TYPE, code="wrong_type") from error
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(UNREADABLE, code="unreadable") from error
    return ContentFile(cleaned, name=f"{secrets.token_hex(16)}.jpg")


def _redraw(image):
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    # A new image holding only the pixels: nothing from the original's info (EXIF, XMP, ICC
    # profile, comments) can travel with it.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    output = io.BytesIO()
    clean.save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return output.getvalue()
