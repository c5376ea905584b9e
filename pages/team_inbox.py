"""Where a council's form sends its team alerts (training requests, leaflet reports)."""

from pages.models import SiteBranding


class TeamInboxMixin:
    """For a site setting with a `team_email` field: that address, or the council's reply-to
    address from its branding when it is left empty."""

    @property
    def notify_address(self):
        if self.team_email:
            return self.team_email
        branding = SiteBranding.objects.filter(site_id=self.site_id).first()
        return branding.reply_to_email if branding else ""
