"""Who a council's emails come from: its name as the sender's display name and at the top of
each email, with its logo, and the reply-to address its officers set under Settings > Branding.

Used by every email the site sends: newsletter issues and sign-up emails, and (for the name
only) the admin's moderation notifications to officers (templates/wagtailadmin/notifications/)."""

import logging
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings

from pages.models import SiteBranding

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Council:
    """Who an email comes from, as the email's header and the sender show it."""

    name: str  # such as "Westminster City Council"
    service_name: str  # such as "Prevent"
    home_url: str
    brand_colour: str
    logo_url: str
    reply_to: str

    @property
    def sender_name(self):
        return f"{self.name} {self.service_name}".strip()

    @property
    def from_email(self):
        """The sending address (DEFAULT_FROM_EMAIL) with the council's name in front."""
        address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
        # Address quotes a name holding commas or brackets, so it cannot be misread.
        return str(Address(display_name=self.sender_name, addr_spec=address))


EMAIL_LOGO = "height-80|format-png"  # shown at 40 pixels high; PNG, as mail programs show it


def _absolute(url, site):
    return site.root_url + url if url.startswith("/") else url


def _logo_url(logo, site):
    if logo is None:
        return ""
    try:
        return _absolute(logo.get_rendition(EMAIL_LOGO).url, site)
    except OSError as error:
        # A missing or unreadable logo file must not stop the email: it goes with the name alone.
        logger.warning("Email sent without the logo of site %s: %s", site.pk, error)
        return ""


def council_for(site):
    """The council behind a site, from its branding (not created here if it has none)."""
    branding = SiteBranding.objects.filter(site=site).select_related("logo").first()
    if branding is None:
        return Council(site.site_name or "Prevent", "", site.root_url + "/", "#1d70b8", "", "")
    return Council(
        name=branding.council_name or site.site_name,
        service_name=branding.service_name,
        home_url=site.root_url + "/",
        brand_colour=branding.brand_colour,
        logo_url=_logo_url(branding.logo, site),
        reply_to=branding.reply_to_email,
    )
