import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import StreamValue
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from delivery.site_cache import CachedSiteSettingMixin
from pages.blocks import LinkBlock
from pages.site_ownership import refuse_other_councils_items

# GOV.UK's own examples send people to BBC Weather: common, and gives nothing away.
DEFAULT_EXIT_PAGE_URL = "https://www.bbc.co.uk/weather"

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _relative_luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(hex_colour):
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


def validate_brand_colour(value):
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            "Enter the colour as a # followed by six hex digits, such as #1d70b8."
        )
    ratio = contrast_with_white(value)
    # White header text on the brand colour must meet WCAG 2.2 AA for normal text.
    if ratio < 4.5:
        raise ValidationError(
            f"White text on {value} has a contrast ratio of {ratio:.1f}:1; it needs at least "
            "4.5:1. Choose a darker colour."
        )


@register_setting(icon="site")
class SiteBranding(CachedSiteSettingMixin, BaseSiteSetting):
    council_name = models.CharField(
        max_length=120,
        help_text="The body that runs this site, such as 'Rochford District Council'.",
    )
    service_name = models.CharField(
        max_length=60, default="Prevent", help_text="Shown beside the council name in the header."
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header beside the council name. Its alt text is the council name.",
    )
    brand_colour = models.CharField(
        max_length=7,
        default="#1d70b8",
        validators=[validate_brand_colour],
        help_text="Header colour, such as #1d70b8. White text on it must be easy to read.",
    )
    reply_to_email = models.EmailField(
        "Reply-to email address",
        blank=True,
        help_text=(
            "Where replies to this site's emails go, such as prevent@westminster.gov.uk. "
            "Use a team inbox that someone reads. Leave it empty and replies go to the "
            "sending address."
        ),
    )

    exit_page_url = models.URLField(
        "Exit this page: where it goes",
        blank=True,
        default=DEFAULT_EXIT_PAGE_URL,
        validators=[
            URLValidator(schemes=["https"], message="Enter an address that starts with https://.")
        ],
        help_text=(
            "The neutral website the 'Exit this page' button opens instead of this site. "
            "Choose one that gives nothing away. Leave blank to use BBC Weather."
        ),
    )

    # The header always shows the logo: fetch it with the settings, not in a second query.
    select_related = ["logo"]

    panels = [
        FieldPanel("council_name"),
        FieldPanel("service_name"),
        FieldPanel("logo"),
        FieldPanel("brand_colour"),
        FieldPanel("reply_to_email"),
        FieldPanel("exit_page_url"),
    ]

    class Meta:
        verbose_name = "Branding"

    @property
    def exit_url(self):
        return self.exit_page_url or DEFAULT_EXIT_PAGE_URL

    def clean(self):
        super().clean()
        refuse_other_councils_items(self, self.site if self.site_id else None)


@register_setting(icon="list-ul")
class SiteNavigation(CachedSiteSettingMixin, BaseSiteSetting):
    main_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="The main sections, shown under the header on every page.",
    )
    footer_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="Links in the footer, such as the accessibility statement and privacy notice.",
    )

    panels = [FieldPanel("main_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = "Navigation"

    @classmethod
    def prepare_for_cache(cls, setting):
        # A StreamValue is pickled as its raw JSON, so its links' pages would be fetched again
        # on every request: keep the links' values, pages included (one query per list), as
        # plain data beside it.
        setting.converted_links = {
            name: [
                (child.block_type, list(child.value.items()), child.id)
                for child in getattr(setting, name)
            ]
            for name in ("main_links", "footer_links")
        }
        return setting

    @classmethod
    def from_cache(cls, setting):
        for name, items in setting.converted_links.items():
            blocks = cls._meta.get_field(name).stream_block.child_blocks
            values = [
                (kind, blocks[kind].meta.value_class(blocks[kind], value), block_id)
                for kind, value, block_id in items
            ]
            setting.__dict__[name] = StreamValue(
                cls._meta.get_field(name).stream_block, values, is_lazy=False
            )
        return setting

    def clean(self):
        super().clean()
        refuse_other_councils_items(self, self.site if self.site_id else None)


DEFAULT_EMERGENCY_MESSAGE = "If someone is in immediate danger, call 999."


def validate_emergency_message(value):
    if not (value or "").strip():
        raise ValidationError("The emergency message cannot be empty.")
    if "999" not in value:
        raise ValidationError("The emergency message must tell people to call 999.")


@register_setting(icon="warning")
class EmergencyNotice(CachedSiteSettingMixin, BaseSiteSetting):
    """The 999 notice shown near the top of every page. Officers may reword it, never remove it."""

    message = models.CharField(
        max_length=200,
        default=DEFAULT_EMERGENCY_MESSAGE,
        validators=[validate_emergency_message],
        help_text="Shown on every page. It must mention 999; the number becomes a link to call.",
    )

    panels = [FieldPanel("message")]

    class Meta:
        verbose_name = "Emergency notice"

    @cached_property
    def parts(self):
        return emergency_message_parts(self.message)


def emergency_message_parts(message):
    """The message split around its first '999', so the template can link the number."""
    before, _, after = message.partition("999")
    return {"before": before, "after": after}
