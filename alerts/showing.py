"""Which alerts a page shows, from the site cache, and when that answer next changes by itself.

A scheduled alert starts and ends without anyone saving anything, so no purge happens then.
Instead, every page that is rendered tells the page cache (and through it the CDN) to keep it no
later than the next start or end of one of its site's alerts: the first request after that
renders afresh. Saving or deleting an alert purges every page at once as usual (alerts/apps.py).
This needs no scheduled job, and is exact to the second rather than to a cron interval.
"""

from django.utils import timezone
from wagtail.models import Page, Site

from alerts.models import Alert, AlertSection
from delivery import page_cache, site_cache


def _paths_up_to(page):
    """The tree paths of the page and every page above it, without a query."""
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def _pending(site):
    """The site's alerts not ended yet, each with its sections' tree paths, from the site cache
    (saving or deleting an alert or a section drops it there)."""

    def build():
        alerts = list(Alert.objects.filter(site=site, ends_at__gt=timezone.now()))
        paths = {}
        sections = AlertSection.objects.filter(alert__in=alerts)
        for alert_id, path in sections.values_list("alert_id", "page__path"):
            paths.setdefault(alert_id, set()).add(path)
        for alert in alerts:
            alert.section_paths = paths.get(alert.pk, set())
        return alerts

    return site_cache.get(site.pk, "alerts", build)


def alerts_for(request, page=None):
    """The alerts showing now on `page` (or on a view that is not a page) of the request's
    site, urgent ones first; and tells the page cache when that changes next."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    now = timezone.now()
    here = set(_paths_up_to(page)) if isinstance(page, Page) and page.path else set()
    # Alerts not ended yet: those showing now, and the scheduled ones, whose start changes
    # what the page shows.
    pending = [alert for alert in _pending(site) if alert.ends_at > now]
    changes = [alert.ends_at for alert in pending] + [
        alert.starts_at for alert in pending if alert.starts_at > now
    ]
    if changes:
        page_cache.expire_by(request, min(changes))
    showing = [
        alert
        for alert in pending
        if alert.starts_at <= now
        and (alert.show_on == Alert.Where.ALL or alert.section_paths & here)
    ]
    showing.sort(key=lambda alert: (not alert.is_urgent, -alert.starts_at.timestamp(), -alert.pk))
    return showing
