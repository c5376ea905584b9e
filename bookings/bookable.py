"""Which pages a booking or training request can be about.

The contract a page type signs to be offered on the request form:

- `accepts_booking_requests = True` on the class: pages of this type may take requests;
- a `booking_requests_open` property on each page: whether it takes them now (a course always
  does; a dated event stops once it is over). It must be worked out from the page's own fields,
  with no query, as the form reads it for every bookable page of the council at once;
- optionally `booking_request_hint`: one short line shown under the page's title on the form
  (such as an event's date).

The form lists the council's live pages of every such type that are open, found in one query
per page type, never one per page.
"""

from wagtail.models import Page, Site, get_page_models

from bookings.models import BookingRequestPage
from delivery import site_cache


def bookable_page_models():
    return [
        model for model in get_page_models() if getattr(model, "accepts_booking_requests", False)
    ]


def takes_requests(page):
    """True for a live page of a bookable type that is open to requests now."""
    page = page.specific_deferred if type(page) is Page else page
    return bool(
        getattr(type(page), "accepts_booking_requests", False)
        and page.live
        and page.booking_requests_open
    )


def open_bookable_pages(site):
    """The council's live pages that take requests now, in the order of the site's tree."""
    models = bookable_page_models()
    if site is None or not models:
        return []
    pages = (
        Page.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .type(*models)
        .order_by("path")
        .specific()
    )
    return [page for page in pages if page.booking_requests_open]


def request_page_for(site_id):
    """The council's live booking request page, or None. From the site cache: every course
    and event page asks, and the answer is the same for all of them until a page changes."""

    def build():
        root_path = next(
            (root.root_path for root in Site.get_site_root_paths() if root.site_id == site_id),
            None,
        )
        if root_path is None:
            return None
        return site_cache.public(
            BookingRequestPage.objects.live().filter(url_path__startswith=root_path)
        ).first()

    return site_cache.get(site_id, "booking-request-page", build)
