"""Which alerts a page shows, found in one query, and when that answer next changes by itself.

A scheduled alert starts and ends without anyone saving anything, so no purge happens then.
Instead, every page that is rendered tells the page cache (and through it the CDN) to keep it no
later than the next start or end of one of its site's alerts: the first request after that
renders afresh. Saving or deleting an alert purges every page at once as usual (alerts/apps.py).
This needs no scheduled job, and is exact to the second rather than to a cron interval.
"""

from django.db.models import Exists, OuterRef, Value
from django.utils import timezone
from wagtail.models import Page, Site

from alerts.models import Alert, AlertSection
from delivery import page_cache


def _paths_up_to(page):
    """The tree paths of the page and every page above it, without a query."""
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def alerts_for(request, page=None):
    """The alerts showing now on `page` (or on a view that is not a page) of the request's
    site, urgent ones first; and tells the page cache when that changes next."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    now = timezone.now()
    if isinstance(page, Page) and page.path:
        under_a_section = Exists(
            AlertSection.objects.filter(alert=OuterRef("pk"), page__path__in=_paths_up_to(page))
        )
    else:
        under_a_section = Value(False)
    # Alerts not ended yet: those showing now, and the scheduled ones, whose start changes
    # what the page shows.
    pending = list(
        Alert.objects.filter(site=site, ends_at__gt=now).annotate(on_this_page=under_a_section)
    )
    changes = [alert.ends_at for alert in pending] + [
        alert.starts_at for alert in pending if alert.starts_at > now
    ]
    if changes:
        page_cache.expire_by(request, min(changes))
    showing = [
        alert
        for alert in pending
        if alert.starts_at <= now and (alert.show_on == Alert.Where.ALL or alert.on_this_page)
    ]
    showing.sort(key=lambda alert: (not alert.is_urgent, -alert.starts_at.timestamp(), -alert.pk))
    return showing
