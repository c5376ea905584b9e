from wagtail import hooks
from wagtail.permissions import register_permission_policy

from bookings import admin_views
from bookings.models import BookingRequest
from bookings.seed import load_request_settings

# Before the viewset is registered: an officer sees their own council's requests only.
register_permission_policy(
    BookingRequest, admin_views.BookingRequestPermissionPolicy(BookingRequest)
)


@hooks.register("register_admin_viewset")
def register_booking_request_viewset():
    return admin_views.BookingRequestViewSet("booking_requests")


@hooks.register("load_seed_data")
def load_seed_request_settings(data, site):
    load_request_settings(data, site)
